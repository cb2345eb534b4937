import type { ValueIndex } from './ValueIndex.js';

/**
 * The columns a code needs beside it to name one thing, judged by its description column: `UNIDAD` 100 is a different
 * unit in each ramo, so its key is (`Ramo`, `UNIDAD`); a programme `PP` 1 needs its ramo and modality. Tries no other
 * column, then each one, then each pair, among `others` (other code columns, coarser than the description), and keeps
 * the smallest set, then the one with the fewest distinct keys. Returns the columns to put before the code, or
 * undefined when no set of up to two makes the description follow from the key (then it is no description).
 *
 * @example
 * findCodeKey(index, UNIDAD, UNIDAD_DESCRIPCION, [Ramo, GF, MOD]) // [Ramo]
 */
export function findCodeKey(
  index: ValueIndex,
  code: number,
  description: number,
  others: number[],
): number[] | undefined {
  const describes = (key: number[]) =>
    index.determines(
      [...key, code].map((column) => ({ column })),
      [{ column: description }],
    );
  if (describes([])) return [];
  for (const size of [1, 2]) {
    let best: { key: number[]; distinct: number } | undefined;
    for (const key of subsets(others, size)) {
      if (!describes(key)) continue;
      const distinct = index.distinct([...key, code].map((column) => ({ column })));
      if (!best || distinct < best.distinct) best = { key, distinct };
    }
    if (best) return best.key;
  }
  return undefined;
}

function subsets(items: number[], size: number): number[][] {
  if (size === 1) return items.map((item) => [item]);
  const pairs: number[][] = [];
  for (let first = 0; first < items.length; first++) {
    for (let second = first + 1; second < items.length; second++) pairs.push([items[first]!, items[second]!]);
  }
  return pairs;
}
