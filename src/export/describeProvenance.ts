import type { Provenance } from '../model/types.js';

/**
 * Provenance as one line a person can follow back to the source: `pef.csv:2` for one row, `pef.csv:2-17` for a run of
 * rows, `pef.csv:2-90 (5 rows)` when the rows are not a run, several files joined by `; `.
 */
export function describeProvenance(provenance: readonly Provenance[]): string {
  return provenance
    .map(({ file, firstRow, lastRow, rows }) => {
      if (firstRow === lastRow) return `${file}:${firstRow}`;
      const span = `${file}:${firstRow}-${lastRow}`;
      return rows === lastRow - firstRow + 1 ? span : `${span} (${rows} rows)`;
    })
    .join('; ');
}
