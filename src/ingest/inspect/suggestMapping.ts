import { Decimal } from '../../money/Decimal.js';
import { MAX_AMOUNT_DIGITS } from '../../money/Decimal.js';
import { scanAmount } from '../../money/scanAmount.js';
import { scaledToDecimal } from '../../money/scaledToDecimal.js';
import type { AmountUnit } from '../../money/unit.js';
import type { Stage } from '../../model/stages.js';
import type { Encoding } from '../decode/encodings.js';
import type { Delimiter } from '../detectDelimiter.js';
import { columnKey } from '../mapping/columnKey.js';
import type { AmountColumn, Mapping, NodeLevel, SkipRule } from '../mapping/Mapping.js';
import { DATE_FORMATS, parseDate } from '../mapping/parseDate.js';
import { parseStageName } from '../parseStageName.js';
import { levelTemplate } from './levelTemplate.js';
import { planChain } from './planChain.js';
import { planTotals, type TotalRow } from './planTotals.js';
import { sourceTemplate } from './sourceTemplate.js';
import type { ColumnProfile, CurrencyFinding, StageColumn, UnitHint } from './TableInspection.js';
import type { ValueIndex } from './ValueIndex.js';

export interface MappingContext {
  file: string;
  names: string[];
  columns: ColumnProfile[];
  /** The body rows: data rows that are neither totals nor, in a long table, label or percentage rows. */
  index: ValueIndex;
  totalRows: TotalRow[];
  stageColumn?: StageColumn;
  unitHints: UnitHint[];
  /** The currency found (see `findCurrency`); none leaves the mapping's currency to ingest's default. */
  currency?: CurrencyFinding;
  encoding?: Encoding;
  delimiter: Delimiter;
  headerRow: number;
}

const PERIOD_WORDS = new Set(['ciclo', 'ano', 'anio', 'year', 'ejercicio']);

/**
 * Writes the mapping that reads a profiled table: its chain (see `planChain`), one amount column per stage (the stage
 * from the column's name, or from the column that names it in a long table; `paid` when nothing says), the unit and
 * decimal mark, the currency found, the period, a date column, and rules for the rows that are not detail: totals,
 * labels and percentages. With one column of names only (a supplier list), the chain starts at a payer named after the
 * file.
 * Returns no mapping when the table has no amount column or no column that names anyone; `notes` say why, and what
 * each choice was.
 *
 * @example
 * suggestMapping(context).mapping?.amounts // [{ column: 'PEF_2016', stage: 'approved' }]
 */
export function suggestMapping(context: MappingContext): { mapping?: Mapping; notes: string[] } {
  const { names, columns, index, stageColumn } = context;
  const notes: string[] = [];
  const usable = (column: ColumnProfile) => column.name !== '' && !/[{}|]/.test(column.name);
  const money = columns.filter((column) => column.type === 'amount' && !column.percentage && usable(column));
  for (const column of columns.filter((candidate) => candidate.percentage)) {
    notes.push(`${column.name} holds percentages, not money: left out`);
  }
  if (money.length === 0) {
    notes.push('no column of amounts: no mapping suggested');
    return { notes };
  }
  const period = columns.find(
    (column) =>
      column.type === 'integer-code' &&
      usable(column) &&
      columnKey(column.name)
        .split(/[^a-z0-9]+/)
        .some((word) => PERIOD_WORDS.has(word)) &&
      index.rows.every((row) => /^(?:(?:19|20)\d\d)?$/.test((row[column.index - 1] ?? '').trim())),
  );

  const excluded = new Set<number>(
    columns.filter((column) => column.type === 'amount').map((column) => column.index - 1),
  );
  if (period) excluded.add(period.index - 1);
  const stageAt = stageColumn ? columns.find((column) => column.name === stageColumn.column)!.index - 1 : undefined;
  if (stageAt !== undefined) excluded.add(stageAt);
  const plan = planChain(index, columns, excluded);
  if (plan.levels.length === 0) {
    notes.push('no column names payers or recipients: no chain, so no mapping suggested');
    return { notes };
  }
  const name = mappingName(context.file);
  // A file with one column of names (a supplier list) pays them all from one payer the file itself stands for.
  const payer: NodeLevel[] =
    plan.levels.length === 1 ? [{ id: `payer:${name.replace(/[{}]/g, '')}`, kind: 'source', name }] : [];
  if (payer.length > 0) {
    notes.push(`one column names recipients and none their payer: the chain starts at ${payer[0]!.id}; rename it`);
  }
  const split = new Set(plan.levels.filter((level) => level.own.part === 'before').map((level) => level.own.column));
  for (const column of split) {
    notes.push(
      `${names[column]!.trim()} packs two values around ":": split into two levels with before(:) and after(:)`,
    );
  }
  for (const level of plan.levels) {
    if (level.id.length > level.key.length) {
      notes.push(`${level.label} does not nest under the level above it: its ids carry that level's key`);
    } else if (level.key.length > 1) {
      const others = level.key.slice(0, -1).map((source) => names[source.column]!.trim());
      notes.push(`${level.label} codes repeat with different descriptions: its ids carry ${others.join(', ')}`);
    }
  }
  if (plan.leftOut.length > 0) notes.push(`left out of the chain (it is long enough): ${plan.leftOut.join(', ')}`);

  const amounts = chooseAmounts(money, context, notes);
  const number: NonNullable<Mapping['number']> = { decimal: amounts.decimal };
  if (amounts.exponent) {
    number.exponent = true;
    notes.push('some amounts are in exponent notation (as programs print floats): number.exponent reads them exactly');
  }
  const unit = chooseUnit(context.unitHints, amounts.columns, notes);
  if (unit) number.unit = unit;
  const mapping: Mapping = {
    name,
    description: `Suggested by cauce inspect for ${context.file}; check it before relying on it`,
    ...(context.encoding !== undefined && context.encoding !== 'utf-8' ? { encoding: context.encoding } : {}),
    delimiter: context.delimiter,
    ...(context.headerRow > 1 ? { headerRow: context.headerRow } : {}),
    number,
    chain: [
      ...payer,
      ...plan.levels.map((level) => {
        const node: NodeLevel = { id: levelTemplate(level, names), kind: level.kind };
        if (level.name) node.name = sourceTemplate(level.name, names);
        if (level.optional) node.optional = true;
        return node;
      }),
    ],
    amounts: amounts.columns,
    ...(period ? { period: `{${period.name}}` } : {}),
  };
  const { currency } = context;
  if (currency?.found === 'column') mapping.currency = `{${currency.column}}`;
  else if (currency?.code !== undefined) mapping.currency = currency.code;
  const date = chooseDate(columns, index, notes);
  if (date) mapping.date = date;

  const skip: SkipRule[] = [];
  if (stageColumn && stageAt !== undefined) {
    const column = names[stageAt]!.trim();
    if (stageColumn.percentageValues.length > 0) {
      skip.push({ name: 'percentage-rows', where: { [column]: { in: stageColumn.percentageValues } } });
      notes.push(`${stageColumn.percentageRows} rows whose ${column} is a percentage are skipped (percentage-rows)`);
    }
    if (stageColumn.labelRows > 0) {
      skip.push({ name: 'label-rows', where: { [column]: { not: { in: Object.keys(stageColumn.stages) } } } });
      notes.push(`${stageColumn.labelRows} rows whose ${column} names no stage (labels) are skipped (label-rows)`);
      if (stageColumn.labelRowsWithAmounts > 0) {
        notes.push(
          `${stageColumn.labelRowsWithAmounts} rows whose ${column} names no stage have amounts: the label-rows rule ` +
            'skips them; check that they are not money',
        );
      }
    }
  }
  const totals = planTotals(plan.levels, context.totalRows, names, index);
  if (totals.detail.length > 0) {
    notes.push(
      `${totals.detail.length} rows with a total word (TOTAL, Suma, Nacional) name a level below it, so they are ` +
        'read as detail, not totals',
    );
  }
  if (totals.totals.length > 0) {
    notes.push(
      `rows that look like totals declare the totals of the nodes above them (${totals.totals
        .map((rule) => rule.name)
        .join(', ')}): reconciliation checks them; they make no flows`,
    );
  }
  if (totals.skip.length > 0) {
    notes.push('rows that look like totals with no node above them to total are skipped (total-rows)');
  }
  skip.push(...totals.skip);
  if (skip.length > 0) mapping.skip = skip;
  if (totals.totals.length > 0) mapping.totals = totals.totals;
  return { mapping, notes };
}

function chooseAmounts(
  money: ColumnProfile[],
  context: MappingContext,
  notes: string[],
): { columns: AmountColumn[]; decimal: '.' | ','; exponent: boolean } {
  const { stageColumn, columns, index } = context;
  const constantStage = columns
    .filter((column) => column.distinct === 1 && column.type !== 'amount')
    .map((column) => parseStageName(column.examples[0] ?? ''))
    .find((stage) => stage !== undefined);
  const groups = new Map<string, ColumnProfile[]>();
  for (const column of money) {
    const group = stageColumn ? 'stageFrom' : (column.stage ?? constantStage ?? 'paid');
    groups.set(group, [...(groups.get(group) ?? []), column]);
  }
  const chosen: AmountColumn[] = [];
  let decimal: '.' | ',' | undefined;
  for (const [group, candidates] of groups) {
    const column = candidates.length === 1 ? candidates[0]! : largest(candidates, index);
    if (candidates.length > 1) {
      const others = candidates.filter((candidate) => candidate !== column).map((candidate) => candidate.name);
      notes.push(
        `${column.name} is the largest of the amount columns at one stage; left out so as not to count money twice: ` +
          others.join(', '),
      );
    }
    decimal ??= column.numberFormat!.decimal;
    if (column.numberFormat!.decimal !== decimal) {
      notes.push(`${column.name} writes its decimals with "${column.numberFormat!.decimal}", unlike the others`);
    }
    const amount: AmountColumn = { column: column.name };
    if (group === 'stageFrom') {
      amount.stageFrom = stageColumn!.column;
      amount.stages = stageColumn!.stages;
    } else {
      amount.stage = group as Stage;
      if (column.stage === undefined) {
        notes.push(
          constantStage !== undefined
            ? `${column.name} is read as ${constantStage}: a column says so on every row`
            : `${column.name} names no stage: read as paid; change it if it is a budget`,
        );
      }
    }
    const at = column.index - 1;
    if (index.rows.some((row) => (row[at] ?? '').trim() === '')) {
      amount.whenEmpty = 'skip';
      notes.push(`${column.name} has empty cells: those rows make no flow at that stage (whenEmpty: skip)`);
    }
    if (column.numberFormat!.invalid > 0) {
      notes.push(
        `${column.numberFormat!.invalid} cells of ${column.name} are not amounts ` +
          `(${column.numberFormat!.invalidExamples.map((cell) => JSON.stringify(cell)).join(', ')}): those rows ` +
          'will be rejected',
      );
    }
    chosen.push(amount);
  }
  const exponent = money.some(
    (column) => column.numberFormat!.exponent && chosen.some((amount) => amount.column === column.name),
  );
  return { columns: chosen, decimal: decimal ?? '.', exponent };
}

/** The column with the largest sum of absolute values: the total among its parts (TOTAL beside GC_SUMA, GI_SUMA). */
function largest(candidates: ColumnProfile[], index: ValueIndex): ColumnProfile {
  let best: { column: ColumnProfile; sum: Decimal } | undefined;
  for (const column of candidates) {
    let sum = new Decimal(0);
    for (const row of index.rows) {
      const scanned = scanAmount(row[column.index - 1] ?? '', column.numberFormat!, MAX_AMOUNT_DIGITS);
      if (typeof scanned !== 'string') sum = sum.plus(scaledToDecimal({ ...scanned, negative: false }));
    }
    if (!best || sum.greaterThan(best.sum)) best = { column, sum };
  }
  return best!.column;
}

function chooseUnit(hints: UnitHint[], amounts: AmountColumn[], notes: string[]): AmountUnit | undefined {
  const columns = new Set(amounts.map((amount) => amount.column));
  const applying = hints.filter(
    (hint) =>
      hint.where === 'preamble' ||
      (hint.where === 'header' && columns.has(hint.column!)) ||
      (hint.where === 'column' && hint.everyRow),
  );
  for (const hint of hints) {
    if (hint.where === 'column' && !hint.everyRow) {
      notes.push(`${hint.column} says ${JSON.stringify(hint.text)} on some rows only: no unit applied; check the rows`);
    }
  }
  const units = new Set(applying.map((hint) => hint.unit));
  if (units.size > 1) {
    notes.push(`the file names more than one unit (${[...units].join(', ')}): no unit applied; set number.unit`);
    return undefined;
  }
  const [hint] = applying;
  if (!hint) return undefined;
  notes.push(`amounts are in ${hint.unit} (${JSON.stringify(hint.text)}): number.unit scales them to units`);
  return hint.unit;
}

/** A column of dates named as such, whose every value reads in one format (dd/mm before mm/dd when both do). */
function chooseDate(columns: ColumnProfile[], index: ValueIndex, notes: string[]): Mapping['date'] {
  for (const column of columns) {
    if (column.type !== 'date' || !/fecha|date/.test(columnKey(column.name)) || /[{}|]/.test(column.name)) continue;
    const values = index.rows.map((row) => (row[column.index - 1] ?? '').trim()).filter(Boolean);
    const format = DATE_FORMATS.find((candidate) => values.every((value) => parseDate(value, candidate)));
    if (!format) continue;
    notes.push(`${column.name} holds the dates of the flows (${format})`);
    return { column: column.name, format };
  }
  return undefined;
}

function mappingName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/(\.(csv|tsv|txt|gz))+$/i, '') || 'suggested';
}
