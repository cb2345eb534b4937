/**
 * A hash table from tuples of `width` non-negative integers to integers, in flat typed arrays: the fast readers key
 * their caches by the numbers of a row's cells without building a string per row.
 */
export class IntTupleTable {
  private keys: Int32Array<ArrayBuffer>;
  private values: Int32Array<ArrayBuffer>;
  private slots = new Int32Array(1024);
  private count = 0;

  constructor(private readonly width: number) {
    this.keys = new Int32Array(256 * width);
    this.values = new Int32Array(256);
  }

  get size(): number {
    return this.count;
  }

  /** The value of the tuple in tuple[0, width), or -1 when it has none. */
  get(tuple: Int32Array): number {
    const width = this.width;
    const mask = this.slots.length - 1;
    for (let slot = this.hash(tuple, 0) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      const at = (entry - 1) * width;
      let same = true;
      for (let column = 0; column < width; column++) {
        if (this.keys[at + column] !== tuple[column]) {
          same = false;
          break;
        }
      }
      if (same) return this.values[entry - 1]!;
    }
  }

  /** Gives the tuple (not in the table yet) a value. */
  set(tuple: Int32Array, value: number): void {
    const index = this.count++;
    if (index === this.values.length) {
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.values.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.keys.set(tuple.subarray(0, this.width), index * this.width);
    this.values[index] = value;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(index);
  }

  private hash(keys: Int32Array, at: number): number {
    let hash = 0x9e3779b1;
    for (let column = 0; column < this.width; column++) {
      hash = Math.imul(hash ^ keys[at + column]!, 0x85ebca77);
      hash ^= hash >>> 13;
    }
    return (hash ^ (hash >>> 16)) >>> 0;
  }

  private place(index: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hash(this.keys, index * this.width) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = index + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let index = 0; index < this.count; index++) this.place(index);
  }
}
