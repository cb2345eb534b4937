import type { Preset } from './registry.js';

/**
 * UK central government "spend over £25,000" files, as departments publish them each month on GOV.UK
 * (`Departmental Family, Entity, Date, Expense Type, Expense Area, Supplier, Transaction number, Amount`, GBP).
 *
 * Chain: departmental family -> entity -> expense area -> supplier. The expense area is a level, not an attribute:
 * it is the cost centre inside the entity that spent the money (`COVID (PROG)`, `GCS INTERNATIONAL`), so it belongs
 * to the payment's path, and an attribute would have to sit on a node that many areas share. Area names repeat
 * across entities, so an area's id carries its entity. The expense type is not kept: it classifies each line, and a
 * level for it would split every area into as many nodes as it has types.
 *
 * Entities and suppliers are written in more than one case from month to month (`GPA`, `Government Property
 * Agency`, `GOVERNMENT PROPERTY AGENCY`), so their ids are upper-cased and their spaces folded: the same name in
 * another case is the same node, but an abbreviation or a typo stays a node of its own. Some lines leave the
 * departmental family empty; they enter the graph at their entity rather than being rejected. Some files carry a
 * row counter (`#`) as a first column, and number blank rows below the data: those rows are skipped by the rule
 * `numbered-blank-row`. Amounts are the pounds paid, so the stage is `paid`, dated by `Date` (YYYY-MM-DD); the
 * transaction number is the reference, and lines of one split invoice to the same area add up into one flow.
 */
export const UK_SPEND: Preset = {
  name: 'uk-spend',
  description: 'UK government spend over £25,000: departmental family -> entity -> expense area -> supplier, paid',
  mapping: {
    name: 'uk-spend',
    currency: 'GBP',
    // Names the same columns go by in other months of the series, as ODI Leeds collected them.
    aliases: {
      Amount: ['Amount (£)', 'Amount(£)', 'Amount ()', 'Amount()', 'Invoice distribution amount'],
      Date: ['Payment date'],
    },
    chain: [
      // Some lines leave the family empty: they sit under an explicit "not stated" family rather than starting at the
      // entity, so that every entity keeps one parent level and reconciliation compares like with like.
      {
        id: 'dept:{Departmental Family|fold|upper|default(NOT STATED)}',
        kind: 'agency',
        name: '{Departmental Family|default(Not stated)}',
      },
      { id: 'entity:{Entity|fold|upper}', kind: 'unit', name: '{Entity}' },
      { id: 'area:{Entity|fold|upper}/{Expense Area|fold|upper}', kind: 'unit', name: '{Expense Area}' },
      { id: 'supplier:{Supplier|fold|upper}', kind: 'recipient', name: '{Supplier}' },
    ],
    amounts: [{ column: 'Amount', stage: 'paid' }],
    // Most months write 2020-12-04; 2022-04 and 2022-05 write "Friday, April 29, 2022".
    date: { column: 'Date', format: ['iso', 'mmmm dd, yyyy'] },
    reference: '{Transaction number}',
    skip: [
      {
        name: 'numbered-blank-row',
        where: { Entity: { empty: true }, Supplier: { empty: true }, Amount: { empty: true } },
      },
    ],
  },
};
