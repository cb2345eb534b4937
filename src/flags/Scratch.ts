/**
 * Working arrays for one rule at a time, carved out of a few large buffers that the next rule reuses.
 *
 * Why not `new Int32Array(n)` in each rule: a typed array's memory lives outside the JavaScript heap, and V8, past
 * some 64 MB of it since its last full collection, starts another, and finishes it at once, without waiting for the
 * concurrent marker, when more keeps coming. On a graph of a million flows that heap holds the graph itself, some
 * 800 MB of small objects, and each such collection stopped everything for one to two seconds. With arrays of their
 * own, the fifteen rules asked for 197 MB per run; with these, a run asks for 76 MB in all (the shared table
 * included), and the collections it does start run alongside the rules.
 *
 * An array handed out is valid until `release`, which `flag` calls after each rule: nothing taken from here may be
 * kept in a flag or in anything that outlives the rule.
 */
export class Scratch {
  private readonly buffers: ArrayBuffer[] = [];
  /**
   * Per buffer, how many of its bytes have ever been handed out: past that, its memory is still the zeros it came with.
   */
  private readonly written: number[] = [];
  /** The buffer being carved, and the bytes of it handed out since the last release. */
  private current = 0;
  private used = 0;
  /** Of the bytes the last `carve` handed out, how many were handed out before (and so may hold anything). */
  private reused = 0;

  /** A zero-filled (or `fill`-filled) Int32Array of `length`. */
  int32(length: number, fill = 0): Int32Array {
    const offset = this.carve(length * 4);
    return this.filled(new Int32Array(this.buffers[this.current]!, offset, length), fill, this.reused / 4);
  }

  float64(length: number, fill = 0): Float64Array {
    const offset = this.carve(length * 8);
    return this.filled(new Float64Array(this.buffers[this.current]!, offset, length), fill, this.reused / 8);
  }

  uint8(length: number, fill = 0): Uint8Array {
    const offset = this.carve(length);
    return this.filled(new Uint8Array(this.buffers[this.current]!, offset, length), fill, this.reused);
  }

  /** Takes back every array handed out: their memory goes to the next ones. */
  release(): void {
    this.releaseTo({ current: 0, used: 0 });
  }

  /** Where the next array will be carved: `releaseTo` it takes back every array handed out after this. */
  mark(): ScratchMark {
    return { current: this.current, used: this.used };
  }

  releaseTo(mark: ScratchMark): void {
    this.current = mark.current;
    this.used = mark.used;
  }

  /**
   * Fills what needs it: zeros only over memory handed out before, since memory never handed out is zeros already,
   * and writing them would touch every page of arrays that a rule uses a little of (sums per node and stage, say).
   */
  private filled<T extends Int32Array | Float64Array | Uint8Array>(array: T, fill: number, reused: number): T {
    if (fill !== 0) array.fill(fill);
    else if (reused > 0) array.fill(0, 0, reused);
    return array;
  }

  /**
   * The offset, in the current buffer (moving on to the next that has room, or to a new one), of `bytes` handed out.
   * Offsets are kept at multiples of 8, as a Float64Array needs.
   */
  private carve(bytes: number): number {
    const size = Math.ceil(bytes / 8) * 8;
    while (this.current < this.buffers.length && this.used + size > this.buffers[this.current]!.byteLength) {
      this.current++;
      this.used = 0;
    }
    if (this.current === this.buffers.length) {
      // Small arrays share a buffer of MIN_BUFFER bytes; a large one gets a buffer of its own size, which the next
      // rule's arrays of that size (per flow, per node) fit into again.
      this.buffers.push(new ArrayBuffer(Math.max(size, MIN_BUFFER)));
      this.written.push(0);
    }
    const offset = this.used;
    this.used += size;
    const written = this.written[this.current]!;
    this.reused = Math.min(size, Math.max(0, written - offset));
    if (this.used > written) this.written[this.current] = this.used;
    return offset;
  }
}

const MIN_BUFFER = 1 << 20;

export interface ScratchMark {
  readonly current: number;
  readonly used: number;
}
