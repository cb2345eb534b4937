/**
 * Nodes in the order a chart folds them, as a new array: largest `size` first, equal sizes by id (`localeCompare`),
 * nodes still equal in the order given, as a stable comparison sort with that comparator leaves them.
 *
 * When the sizes are integer counts of units (`integers`: what every chart whose amounts fit holds, see `unitsAt`),
 * they are placed by a stable radix sort on their bits, largest first, and only runs of equal sizes are compared, by
 * id: a comparison sort of a column of 200,000 payees calls its comparator over 3 million times and took most of a
 * chart's time. Sizes are then whole numbers from 0 to 2^53, which folding's sizes are (each the larger of what a node
 * receives and pays, over links above zero).
 */
export function largestFirst<Amount>(
  nodes: number[],
  size: Amount[],
  ids: string[],
  compare: (a: Amount, b: Amount) => number,
  integers: boolean,
): number[] {
  const byId = (a: number, b: number) => ids[a]!.localeCompare(ids[b]!);
  const count = nodes.length;
  // Sizes the radix sort cannot place (not whole, negative, past 2^53) are compared instead, as Decimals are.
  let radix = integers;
  for (let at = 0; radix && at < count; at++) {
    const each = size[nodes[at]!] as number;
    radix = Number.isSafeInteger(each) && each >= 0;
  }
  if (!radix) return nodes.slice().sort((a, b) => compare(size[b]!, size[a]!) || byId(a, b));
  // Each size as two 32-bit halves, whose seven bytes (the top one always 0) are the radix sort's digits. The halves
  // move with their node from pass to pass, so that each pass reads its input in order.
  let low = new Uint32Array(count);
  let high = new Uint32Array(count);
  let order = new Int32Array(count);
  for (let at = 0; at < count; at++) {
    const each = size[nodes[at]!] as number;
    high[at] = Math.floor(each / 2 ** 32);
    low[at] = each - high[at]! * 2 ** 32;
    order[at] = at;
  }
  let spareLow = new Uint32Array(count);
  let spareHigh = new Uint32Array(count);
  let spareOrder = new Int32Array(count);
  const counts = new Int32Array(256);
  for (let digit = 0; digit < 7; digit++) {
    const half = digit < 4 ? low : high;
    const shift = (digit % 4) * 8;
    counts.fill(0);
    // Complemented digits put the largest first; a pass where every node has the same digit changes nothing.
    for (let at = 0; at < count; at++) counts[255 - ((half[at]! >>> shift) & 255)]!++;
    if (counts.includes(count)) continue;
    // Each bucket's first place, so that the pass runs forwards and keeps equal digits in their order.
    for (let bucket = 255, next = count; bucket >= 0; bucket--) counts[bucket] = next -= counts[bucket]!;
    for (let at = 0; at < count; at++) {
      const place = counts[255 - ((half[at]! >>> shift) & 255)]!++;
      spareLow[place] = low[at]!;
      spareHigh[place] = high[at]!;
      spareOrder[place] = order[at]!;
    }
    [low, spareLow, high, spareHigh, order, spareOrder] = [spareLow, low, spareHigh, high, spareOrder, order];
  }
  const sorted: number[] = [];
  for (let at = 0; at < count; at++) sorted.push(nodes[order[at]!]!);
  for (let start = 0; start < count;) {
    let end = start + 1;
    while (end < count && size[sorted[end]!] === size[sorted[start]!]) end++;
    if (end - start > 1) {
      const run = sorted.slice(start, end).sort(byId);
      for (let at = 0; at < run.length; at++) sorted[start + at] = run[at]!;
    }
    start = end;
  }
  return sorted;
}
