import type { AmountUnit } from '../../money/unit.js';
import { columnKey } from '../mapping/columnKey.js';
import type { ColumnProfile, UnitHint } from './TableInspection.js';

const THOUSANDS = /\b(?:miles|thousands?|en miles|000s)\b/;
const MILLIONS = /\b(?:millones|millions?)\b/;
// A column that states the unit repeats it on every row: it has very few distinct values.
const MAX_UNIT_VALUES = 5;

export interface UnitSources {
  /** The rows above the header: row number and text. */
  preamble: Array<{ row: number; text: string }>;
  columns: ColumnProfile[];
  /** The distinct values of a column (asked only of columns with few). */
  valuesOf(column: ColumnProfile): string[];
  /** Data rows profiled, to tell whether a column states the unit on every row. */
  rows: number;
}

/**
 * Looks for text that says in what unit the amounts are written: a title such as `Cifras en miles de pesos`, a header
 * such as `Monto (millones)`, or a column such as `UNIDAD_DE_MEDIDA` that says `Miles de Pesos` on every row.
 * `miles de millones` (10^9) is not read as either.
 *
 * @example
 * findUnitHints({ preamble: [{ row: 1, text: 'Cifras en miles de pesos' }], columns: [], valuesOf: () => [], rows: 0 })
 * // [{ unit: 'thousands', text: 'Cifras en miles de pesos', where: 'preamble', row: 1 }]
 */
export function findUnitHints(sources: UnitSources): UnitHint[] {
  const hints: UnitHint[] = [];
  for (const { row, text } of sources.preamble) {
    const unit = unitOfText(text);
    if (unit) hints.push({ unit, text, where: 'preamble', row });
  }
  for (const column of sources.columns) {
    const unit = unitOfText(column.name);
    if (unit) hints.push({ unit, text: column.name, where: 'header', column: column.name });
  }
  for (const column of sources.columns) {
    if (column.type !== 'text' || column.distinct > MAX_UNIT_VALUES) continue;
    for (const value of sources.valuesOf(column)) {
      const unit = unitOfText(value);
      if (!unit) continue;
      const everyRow = column.distinct === 1 && column.nonEmpty === sources.rows;
      hints.push({ unit, text: value, where: 'column', column: column.name, everyRow });
    }
  }
  return hints;
}

/** The unit a piece of text names, if it names exactly one. */
function unitOfText(text: string): AmountUnit | undefined {
  const key = columnKey(text).replace(/_/g, ' ');
  const thousands = THOUSANDS.test(key);
  const millions = MILLIONS.test(key);
  if (thousands === millions) return undefined;
  return thousands ? 'thousands' : 'millions';
}
