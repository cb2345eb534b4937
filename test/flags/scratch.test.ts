import { describe, expect, it } from 'vitest';
import { Scratch } from '../../src/flags/Scratch.js';

describe('Scratch', () => {
  it('hands out arrays of the length asked, filled, that do not overlap', () => {
    const scratch = new Scratch();
    const a = scratch.int32(3, -1);
    const b = scratch.uint8(5, 7);
    const c = scratch.float64(2);
    expect([...a]).toEqual([-1, -1, -1]);
    expect([...b]).toEqual([7, 7, 7, 7, 7]);
    expect([...c]).toEqual([0, 0]);
    a.fill(1);
    b.fill(2);
    c.fill(3.5);
    expect([...a, ...b, ...c]).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 3.5, 3.5]);
    // A Float64Array after 5 bytes needs its offset moved to a multiple of 8, or the constructor throws.
    expect(c.byteOffset % 8).toBe(0);
  });

  it('reuses memory after release, and fills it again', () => {
    const scratch = new Scratch();
    const first = scratch.int32(1000);
    first.fill(99);
    scratch.release();
    const again = scratch.int32(1000);
    expect(again.buffer).toBe(first.buffer);
    expect(again.byteOffset).toBe(first.byteOffset);
    expect(again.every((value) => value === 0)).toBe(true);
  });

  it('zeroes what was handed out before and leaves fresh memory as it came', () => {
    const scratch = new Scratch();
    scratch.int32(4).fill(9);
    scratch.release();
    const longer = scratch.int32(8);
    expect([...longer]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    longer.fill(3);
    scratch.release();
    scratch.uint8(3);
    // Past the three bytes just handed out, the rest of the earlier int32s must be zeroed for the next array.
    expect([...scratch.int32(6)]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('gives an array larger than a shared buffer a buffer of its own, reused by the next rule', () => {
    const scratch = new Scratch();
    const small = scratch.int32(10);
    const large = scratch.float64(1 << 18); // 2 MB, more than the 1 MB a shared buffer holds
    expect(large.buffer).not.toBe(small.buffer);
    expect(large.length).toBe(1 << 18);
    scratch.release();
    scratch.int32(10);
    expect(scratch.float64(1 << 18).buffer).toBe(large.buffer);
  });

  it('takes back only what was handed out after a mark', () => {
    const scratch = new Scratch();
    const kept = scratch.int32(4, 5);
    const mark = scratch.mark();
    const passing = scratch.int32(4, 6);
    scratch.releaseTo(mark);
    const next = scratch.int32(4, 8);
    expect(next.byteOffset).toBe(passing.byteOffset);
    expect([...kept]).toEqual([5, 5, 5, 5]);
  });
});
