import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestFirst } from '../../src/export/largestFirst.js';

const compare = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);
// What folding did before the radix sort, and what it must still give: a stable sort, largest first, then by id.
const byComparison = (nodes: number[], size: number[], ids: string[]) =>
  [...nodes].sort((a, b) => compare(size[b]!, size[a]!) || ids[a]!.localeCompare(ids[b]!));

describe('largestFirst: the order a chart folds nodes in', () => {
  it('places integer sizes as a stable comparison sort does, ties by id, ids that collate alike in their order', () => {
    // "á" written as one character and as "a" + combining accent collate as equal: only their order given tells them.
    const names = ['b', 'á', 'a\u0301', 'A', 'c', 'ab', 'Z'];
    const sizes = [0, 1, 7, 2 ** 32, 2 ** 32 + 1, 2 ** 40 + 255, 2 ** 53 - 1, 65_536];
    fc.assert(
      fc.property(
        fc.array(fc.record({ size: fc.constantFrom(...sizes), name: fc.constantFrom(...names) }), { maxLength: 60 }),
        fc.nat(1000),
        (entries, salt) => {
          const size = entries.map((entry) => entry.size);
          const ids = entries.map((entry, at) => (at % 3 === 0 ? entry.name : `${entry.name}${(at * salt) % 7}`));
          const nodes = entries.map((_entry, at) => at).reverse();
          expect(largestFirst([...nodes], size, ids, compare, true)).toEqual(byComparison(nodes, size, ids));
        },
      ),
    );
  });

  it('orders 2^53 - 1 above 2^53 - 2 and 2^32 above 2^32 - 1, where the halves of the radix sort meet', () => {
    const size = [2 ** 32 - 1, 2 ** 53 - 2, 2 ** 32, 2 ** 53 - 1, 0];
    const ids = ['a', 'b', 'c', 'd', 'e'];
    expect(largestFirst([0, 1, 2, 3, 4], size, ids, compare, true)).toEqual([3, 1, 2, 0, 4]);
  });
});
