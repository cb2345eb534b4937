/**
 * Numbers the distinct (source, target) pairs of node positions in the order they first come, by open addressing on
 * one typed array: adding up hundreds of thousands of flows per pair of nodes makes no string key and no object per
 * flow, and finding a pair reads one slot, where the pair (as one exact double) sits beside its position.
 */
export class PairIndex {
  /** How many distinct pairs were added. */
  size = 0;
  /** Two doubles a slot: the pair as `source` × 2^26 + `target` (-1 when empty), and its position. */
  private slots = new Float64Array(64).fill(-1);

  /** The position of the pair: the one it was given, or `size` before the call if it is new. Nodes are below 2^26. */
  add(source: number, target: number, position = this.size): number {
    const key = source * 2 ** 26 + target;
    const mask = this.slots.length / 2 - 1;
    let slot = Math.imul(source ^ Math.imul(target, 0x9e3779b1), 0x85ebca6b) >>> 7;
    for (; ; slot++) {
      slot &= mask;
      const found = this.slots[slot * 2]!;
      if (found === key) return this.slots[slot * 2 + 1]!;
      if (found === -1) break;
    }
    this.slots[slot * 2] = key;
    this.slots[slot * 2 + 1] = position;
    if (position === this.size && ++this.size * 4 > this.slots.length) {
      // Past half full: the pairs move to a table twice as large.
      const old = this.slots;
      this.slots = new Float64Array(old.length * 2).fill(-1);
      for (let at = 0; at < old.length; at += 2) {
        if (old[at] !== -1) this.add(Math.floor(old[at]! / 2 ** 26), old[at]! % 2 ** 26, old[at + 1]);
      }
    }
    return position;
  }
}
