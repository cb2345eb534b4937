import { isTotalLabel } from './isTotalLabel.js';
import type { ColumnProfile, TotalRowCandidate } from './TableInspection.js';

/**
 * Finds the rows that look like totals or subtotals: a cell of a text or code column that is or starts with `TOTAL`,
 * `Total:`, `Nacional` or `Suma` (see `isTotalLabel`). Each hit is listed with its row number and column.
 *
 * @example
 * findTotalRows([['1', 'TOTAL', '100']], [5], columns) // [{ row: 5, column: 'PROGRAMA', value: 'TOTAL' }]
 */
export function findTotalRows(rows: string[][], rowNumbers: number[], columns: ColumnProfile[]): TotalRowCandidate[] {
  const labelled = columns.filter((column) => column.type === 'text' || column.type === 'code');
  const candidates: TotalRowCandidate[] = [];
  rows.forEach((row, at) => {
    for (const column of labelled) {
      const value = (row[column.index - 1] ?? '').trim();
      if (value !== '' && isTotalLabel(value)) candidates.push({ row: rowNumbers[at]!, column: column.name, value });
    }
  });
  return candidates;
}
