import { MappingError } from '../../errors/MappingError.js';
import { indexHeader } from '../recognizeFormat.js';
import type { TableHeader } from '../TableRow.js';

/** A column a mapping names, and the key of the mapping it is named at. */
export interface ColumnUse {
  key: string;
  name: string;
  optional: boolean;
}

/**
 * The error for a file in which no row is the header a mapping needs: it names the first column missing from the row
 * that came closest (the fewest columns missing), and how many more are missing.
 */
export function missingColumnsError(
  file: string,
  candidates: string[][],
  uses: ColumnUse[],
  missing: (header: TableHeader) => ColumnUse[],
): MappingError {
  let best = uses;
  for (const fields of candidates) {
    const gaps = missing(indexHeader(fields));
    if (gaps.length < best.length) best = gaps;
  }
  const first = best[0]!;
  const others =
    best.length > 1
      ? ` (and ${best.length - 1} more: ${best
          .slice(1, 6)
          .map((use) => use.name)
          .join(', ')})`
      : '';
  return new MappingError(
    first.key,
    `column ${JSON.stringify(first.name)} is not in the header of ${file}${others}`,
    first.name,
  );
}
