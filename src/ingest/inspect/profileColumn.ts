import { MAX_AMOUNT_DIGITS } from '../../money/Decimal.js';
import { scanAmount } from '../../money/scanAmount.js';
import { columnKey } from '../mapping/columnKey.js';
import { detectNumberFormat } from './detectNumberFormat.js';
import { guessStageFromName } from './guessStageFromName.js';
import type { ColumnProfile, ColumnType, PackedColumn } from './TableInspection.js';

// A column's type is the one at least this share of its non-empty cells has; a few stray cells (`N/R`) do not decide.
const MAJORITY = 0.9;
const AMOUNT_WORDS = new Set([
  'monto',
  'importe',
  'amount',
  'total',
  'suma',
  'subtotal',
  'valor',
  'value',
  'pesos',
  'gasto',
  'saldo',
  'balance',
  'spend',
  'expenditure',
  'cost',
  'costo',
]);
const PERCENT = /porcentaje|percent|\bpct\b|%|ratio|\btasa\b|proporcion|variacion/;
const DATES = [
  /^\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}.*)?$/,
  /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s+\d{1,2}:\d{2}.*)?$/,
  /^\d{1,2}[- ][A-Za-z]{3}[- ]\d{2,4}$/,
];
const CODE = /^[\p{L}\d][\p{L}\d._/-]{0,19}$/u;
const EXAMPLES = 3;

/**
 * Profiles one column from its cells: its type, how many cells are filled and distinct, a few examples, and for an
 * amount column how it writes numbers and the stage its name suggests; for a text column, whether its cells pack two
 * values around a colon (`Puebla: FAIS`).
 *
 * @example
 * profileColumn('PEF_2016', 29, [' 99,305,000 ', ' -   ']).type // 'amount'
 */
export function profileColumn(name: string, index: number, cells: string[]): ColumnProfile {
  // Each distinct value is judged once, and weighs as many cells as hold it.
  const counts = new Map<string, number>();
  let nonEmpty = 0;
  for (const cell of cells) {
    const value = cell.trim();
    if (value === '') continue;
    nonEmpty++;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const profile: ColumnProfile = {
    index,
    name,
    type: typeOf(name, counts, nonEmpty),
    nonEmpty,
    distinct: counts.size,
    examples: [...counts.keys()].slice(0, EXAMPLES),
  };
  if (profile.type === 'amount') {
    profile.numberFormat = detectNumberFormat(counts);
    const key = columnKey(name);
    if (PERCENT.test(key)) profile.percentage = true;
    else {
      const stage = guessStageFromName(name);
      if (stage !== undefined) profile.stage = stage;
    }
  }
  if (profile.type === 'text') {
    const packed = packedColumn(counts, nonEmpty);
    if (packed) profile.packed = packed;
  }
  return profile;
}

function typeOf(name: string, counts: Map<string, number>, nonEmpty: number): ColumnType {
  if (nonEmpty === 0) return 'empty';
  const share = (test: (value: string) => boolean) => {
    let held = 0;
    for (const [value, count] of counts) if (test(value)) held += count;
    return held / nonEmpty;
  };
  if (share((value) => DATES.some((pattern) => pattern.test(value))) >= MAJORITY) return 'date';
  const numeric = new Set([...counts.keys()].filter(isNumeric));
  if (share((value) => numeric.has(value)) >= MAJORITY) {
    const words = columnKey(name).split(/[^a-z0-9%]+/);
    const amountName =
      words.some((word) => AMOUNT_WORDS.has(word)) ||
      guessStageFromName(name) !== undefined ||
      PERCENT.test(columnKey(name));
    return [...numeric].every((value) => /^\d+$/.test(value)) && !amountName ? 'integer-code' : 'amount';
  }
  const codeLike = (value: string) =>
    CODE.test(value) && (/\d/.test(value) || (value.length <= 5 && value === value.toUpperCase()));
  return share(codeLike) >= MAJORITY ? 'code' : 'text';
}

function isNumeric(value: string): boolean {
  // Words rule a cell out before the exact scanner is asked (it is the costly part on wide files).
  if (/[A-DF-Za-df-z]/.test(value) && !/[A-Z]\$/.test(value)) return false;
  // A float printed in exponent form has a point or a signed exponent (5.7e-08, 1e+21); `1236E000002` is a key.
  const exponent = /[.,]\d*[eE]|[eE][+-]/.test(value);
  if (/[eE]/.test(value) && !exponent) return false;
  return (
    typeof scanAmount(value, { decimal: '.', exponent }, MAX_AMOUNT_DIGITS) !== 'string' ||
    typeof scanAmount(value, { decimal: ',', exponent }, MAX_AMOUNT_DIGITS) !== 'string'
  );
}

function packedColumn(counts: Map<string, number>, nonEmpty: number): PackedColumn | undefined {
  const separator = ':';
  const before = new Set<string>();
  const after = new Set<string>();
  let packed = 0;
  for (const [value, count] of counts) {
    const at = value.indexOf(separator);
    if (at <= 0 || at === value.length - 1) continue;
    const head = value.slice(0, at).trim();
    const tail = value.slice(at + 1).trim();
    if (head === '' || tail === '') continue;
    packed += count;
    before.add(head);
    after.add(tail);
  }
  // Both halves must repeat, or the colon is only punctuation inside names.
  const distinct = counts.size;
  if (packed < MAJORITY * nonEmpty || before.size > distinct / 2 || after.size >= distinct) return undefined;
  return { separator, before: before.size, after: after.size };
}
