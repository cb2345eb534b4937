import type { Provenance } from '../model/types.js';

/**
 * Merges provenance per file: the first and last row and the count of rows behind a total. Totals come from one or
 * a few files, so a short list searched in place is faster than a map and allocates nothing per flow.
 */
export function mergeProvenance(into: Provenance[], items: Iterable<Provenance>): void {
  for (const item of items) {
    let existing: Provenance | undefined;
    for (const candidate of into) {
      if (candidate.file === item.file) {
        existing = candidate;
        break;
      }
    }
    if (!existing) {
      into.push({ ...item });
      continue;
    }
    if (item.firstRow < existing.firstRow) existing.firstRow = item.firstRow;
    if (item.lastRow > existing.lastRow) existing.lastRow = item.lastRow;
    existing.rows += item.rows;
  }
}
