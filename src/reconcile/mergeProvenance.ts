import type { Provenance } from '../model/types.js';

/** Merges provenance per file: the first and last row and the count of rows behind a total. */
export function mergeProvenance(into: Map<string, Provenance>, items: Iterable<Provenance>): void {
  for (const item of items) {
    const existing = into.get(item.file);
    if (!existing) {
      into.set(item.file, { ...item });
      continue;
    }
    existing.firstRow = Math.min(existing.firstRow, item.firstRow);
    existing.lastRow = Math.max(existing.lastRow, item.lastRow);
    existing.rows += item.rows;
  }
}
