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
  /** The buffer being carved, and the bytes of it handed out since the last release. */
  private current = 0;
  private used = 0;

  /** A zero-filled (or `fill`-filled) Int32Array of `length`. */
  int32(length: number, fill = 0): Int32Array {
    const [buffer, offset] = this.carve(length * 4);
    return new Int32Array(buffer, offset, length).fill(fill);
  }

  float64(length: number, fill = 0): Float64Array {
    const [buffer, offset] = this.carve(length * 8);
    return new Float64Array(buffer, offset, length).fill(fill);
  }

  uint8(length: number, fill = 0): Uint8Array {
    const [buffer, offset] = this.carve(length);
    return new Uint8Array(buffer, offset, length).fill(fill);
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
   * The first place, from the current buffer on, with room for `bytes`; a new buffer when none has it. Offsets are
   * kept at multiples of 8, as a Float64Array needs.
   */
  private carve(bytes: number): [ArrayBuffer, number] {
    const size = Math.ceil(bytes / 8) * 8;
    while (this.current < this.buffers.length) {
      if (this.used + size <= this.buffers[this.current]!.byteLength) {
        const offset = this.used;
        this.used += size;
        return [this.buffers[this.current]!, offset];
      }
      this.current++;
      this.used = 0;
    }
    // Small arrays share a buffer of MIN_BUFFER bytes; a large one gets a buffer of its own size, which the next
    // rule's arrays of that size (per flow, per node) fit into again.
    this.buffers.push(new ArrayBuffer(Math.max(size, MIN_BUFFER)));
    this.used = size;
    return [this.buffers[this.current]!, 0];
  }
}

const MIN_BUFFER = 1 << 20;

export interface ScratchMark {
  readonly current: number;
  readonly used: number;
}
