/**
 * Numbers the distinct byte strings of one column (node ids, stages, dates): each is hashed and compared as bytes, so
 * a value seen before costs no decoding and no string. Memory grows with distinct values, not with rows.
 */
export class ByteTokens {
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(256);
  private starts = new Int32Array(256);
  private lengths = new Int32Array(256);
  private splits = new Int32Array(256);
  private arena = new Uint8Array(1 << 14);
  private used = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The number of bytes[start, end): the same for the same bytes, new numbers counting up from 0. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let at = start; at < end; at++) hash = Math.imul(hash ^ bytes[at]!, 0x01000193);
    const length = end - start;
    const mask = this.slots.length - 1;
    let slot = (hash ^ (hash >>> 16)) & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) break;
      const token = entry - 1;
      if (this.hashes[token] === hash && this.lengths[token] === length && this.sameBytes(token, bytes, start)) {
        return token;
      }
      slot = (slot + 1) & mask;
    }
    return this.add(bytes, start, end, hash, slot);
  }

  /**
   * The number of a pair of cells, bytes[start, split) and bytes[second, end), as if they were one value: a payer and
   * payee found with one look-up. The first cell's length is part of the value, so `ab|c` and `a|bc` differ.
   */
  internPair(bytes: Uint8Array, start: number, split: number, second: number, end: number): number {
    let hash = Math.imul(0x811c9dc5 ^ (split - start), 0x01000193);
    for (let at = start; at < split; at++) hash = Math.imul(hash ^ bytes[at]!, 0x01000193);
    for (let at = second; at < end; at++) hash = Math.imul(hash ^ bytes[at]!, 0x01000193);
    const firstLength = split - start;
    const length = firstLength + end - second;
    const mask = this.slots.length - 1;
    let slot = (hash ^ (hash >>> 16)) & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) break;
      const token = entry - 1;
      if (
        this.hashes[token] === hash &&
        this.lengths[token] === length &&
        this.splits[token] === firstLength &&
        this.sameBytes(token, bytes, start, firstLength, 0) &&
        this.sameBytes(token, bytes, second, length - firstLength, firstLength)
      ) {
        return token;
      }
      slot = (slot + 1) & mask;
    }
    const token = this.add(bytes, start, split, hash, slot);
    this.append(bytes, second, end);
    this.lengths[token] = length;
    this.splits[token] = firstLength;
    return token;
  }

  private sameBytes(
    token: number,
    bytes: Uint8Array,
    start: number,
    length = this.lengths[token]!,
    offset = 0,
  ): boolean {
    const arena = this.arena;
    const from = this.starts[token]! + offset;
    for (let at = 0; at < length; at++) if (arena[from + at] !== bytes[start + at]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const token = this.count++;
    if (token === this.hashes.length) {
      this.hashes = widen(this.hashes);
      this.starts = widen(this.starts);
      this.lengths = widen(this.lengths);
      this.splits = widen(this.splits);
    }
    this.hashes[token] = hash;
    this.starts[token] = this.used;
    this.lengths[token] = end - start;
    this.append(bytes, start, end);
    this.slots[slot] = token + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return token;
  }

  private append(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.used + length > this.arena.length) {
      const wider = new Uint8Array(Math.max(this.arena.length * 2, this.used + length));
      wider.set(this.arena.subarray(0, this.used));
      this.arena = wider;
    }
    this.arena.set(bytes.subarray(start, end), this.used);
    this.used += length;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let token = 0; token < this.count; token++) {
      const hash = this.hashes[token]!;
      let slot = (hash ^ (hash >>> 16)) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = token + 1;
    }
  }
}

function widen(array: Int32Array): Int32Array<ArrayBuffer> {
  const wider = new Int32Array(array.length * 2);
  wider.set(array);
  return wider;
}
