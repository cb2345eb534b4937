import { scanAmount } from '../../money/scanAmount.js';

// A header further down than this would sit under more than a title and a date (the ingester looks as far).
const MAX_PREAMBLE_ROWS = 20;
// How many rows under a candidate header must have its width.
const ROWS_TO_CHECK = 3;

/**
 * Finds the header among the first rows of a table (given as their fields): the first of the first 20 rows whose cells
 * are mostly filled, mostly not numbers, and distinct, and that is followed by rows as wide as it. Title rows (one
 * filled cell), dates and data rows fail one test or another. Returns the row's index in `records`, or undefined.
 *
 * @example
 * findHeaderRow([['Presupuesto 2016', '', ''], ['ramo', 'programa', 'monto'], ['1', 'E001', '100']]) // 1
 */
export function findHeaderRow(records: string[][]): number | undefined {
  for (let at = 0; at < Math.min(records.length, MAX_PREAMBLE_ROWS); at++) {
    const fields = records[at]!.map((field) => field.trim());
    const width = effectiveWidth(fields);
    const filled = fields.filter((field) => field !== '');
    if (filled.length === 0 || (filled.length < 2 && fields.length > 1)) continue;
    if (filled.length < 0.5 * width) continue;
    if (filled.filter(isNumberLike).length > 0.25 * filled.length) continue;
    if (new Set(filled.map((field) => field.toLowerCase())).size < 0.9 * filled.length) continue;
    const below = records.slice(at + 1).filter((record) => record.some((field) => field.trim() !== ''));
    const checked = below.slice(0, ROWS_TO_CHECK);
    // Rows under a header run about as wide as it: not past its last named column, and over half of it.
    const fits = checked.every((record) => {
      const rowWidth = effectiveWidth(record.map((field) => field.trim()));
      return rowWidth <= fields.length && rowWidth >= 0.5 * width;
    });
    if (fits) return at;
  }
  return undefined;
}

/** The position of the last non-empty cell, plus one: Excel pads every row of a sheet to the same field count. */
function effectiveWidth(fields: string[]): number {
  for (let at = fields.length - 1; at >= 0; at--) if (fields[at] !== '') return at + 1;
  return 0;
}

function isNumberLike(cell: string): boolean {
  // A year names a column as often as it fills one (`2015, 2016`): it is not taken for data.
  if (/^(19|20)\d\d$/.test(cell)) return false;
  return ['.', ','].some((decimal) => typeof scanAmount(cell, { decimal: decimal as '.' | ',' }, 64) !== 'string');
}
