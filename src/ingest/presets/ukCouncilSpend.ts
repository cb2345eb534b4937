import type { Preset } from './registry.js';

/**
 * English local authority "spend over £500" files, in the layouts Leeds City Council has used: 2010-2012 (`Body name,
 * Body, Service label, Service division label, ... Date paid, Transaction number, Net amount, ... Supplier name`, the
 * first two columns swapped in some months, `Service divison label` misspelt) and 2020 (`Organisation Label,
 * Organisational Unit, Service Division Label, ... Payment Date, Transaction Number, Irrecoverable VAT Amount, Amount,
 * ... Beneficiary Name`).
 *
 * A preset of its own rather than aliases in `uk-spend`: the columns could be aliased, but councils write the payment
 * date `dd/mm/yyyy` where the central government files write YYYY-MM-DD, and a mapping reads one date format. Months
 * written `02-Mar-12` need the date format `dd-mmm-yy` (a copy of this mapping with that format reads them).
 *
 * Chain: council -> service -> service division -> supplier, like department -> entity -> expense area -> supplier.
 * The amount is the net amount paid (irrecoverable VAT, when a file gives it, is another column, not added); credits
 * are negative lines and stay negative. Thousands of payees are `REDACTED PERSONAL DATA`: they all become one
 * supplier node, which stands for many people and must not be read as one payee.
 */
export const UK_COUNCIL_SPEND: Preset = {
  name: 'uk-council-spend',
  description: 'English council spend over £500 (Leeds layouts): council -> service -> division -> supplier, paid',
  mapping: {
    name: 'uk-council-spend',
    currency: 'GBP',
    // The names the same columns go by across the months, as ODI Leeds collected them.
    aliases: {
      'Body name': ['Organisation Label', 'Organisation name'],
      'Service label': ['Organisational Unit', 'ServiceLabel'],
      'Service division label': ['Service divison label'],
      'Supplier name': ['Beneficiary Name', 'Benificiary Name', 'SupplierName'],
      'Net amount': ['Amount', 'NetAmount', 'Net Amount £'],
      'Date paid': ['Payment Date', 'DatePaid'],
    },
    chain: [
      { id: 'council:{Body name|fold|upper}', kind: 'agency', name: '{Body name}' },
      { id: 'service:{Body name|fold|upper}/{Service label|fold|upper}', kind: 'unit', name: '{Service label}' },
      {
        id: 'division:{Body name|fold|upper}/{Service label|fold|upper}/{Service division label|fold|upper}',
        kind: 'unit',
        name: '{Service division label}',
      },
      { id: 'supplier:{Supplier name|fold|upper}', kind: 'recipient', name: '{Supplier name}' },
    ],
    amounts: [{ column: 'Net amount', stage: 'paid' }],
    // 2010 and 2020 write 24/12/2010; 2012 writes 02-Mar-12.
    date: { column: 'Date paid', format: ['dd/mm/yyyy', 'dd-mmm-yy'] },
    reference: '{Transaction number}',
  },
};
