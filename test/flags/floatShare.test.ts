import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/index.js';
import { compareFar, floatShare } from '../../src/flags/floatShare.js';

describe('compareFar', () => {
  it('answers only where floats cannot be wrong, and leaves the rest to exact arithmetic', () => {
    expect(compareFar(3, 1)).toBe(1);
    expect(compareFar(1, 3)).toBe(-1);
    // One cent apart in 2^52 cents: a float could be wrong by more than that, so no answer.
    expect(compareFar(2 ** 52, 2 ** 52 - 1)).toBe(0);
    // 0.07 x 100 is 7.000000000000001 in floats: float error, not a difference, so no answer.
    expect(0.07 * 100).not.toBe(7);
    expect(compareFar(0.07 * 100, 7)).toBe(0);
    // Two thousandths apart on 1,000 is far beyond float error.
    expect(compareFar(1000, 999.998)).toBe(1);
    // A sum gone Decimal is NaN in cents.
    expect(compareFar(Number.NaN, 1)).toBe(0);
    expect(compareFar(1, Number.NaN)).toBe(0);
  });
});

describe('floatShare', () => {
  it('gives no float for a share a float cannot hold near enough', () => {
    expect(floatShare(new Decimal('0.8'))).toBe(0.8);
    expect(floatShare(new Decimal(0))).toBe(0);
    expect(floatShare(new Decimal('1e-400'))).toBeUndefined();
    expect(floatShare(new Decimal('1e400'))).toBeUndefined();
  });
});
