import type { Decimal } from '../money/Decimal.js';

/**
 * A share threshold as a float, for rules that decide most groups in floats: close enough to the exact share (a
 * relative error near 1e-16) that a comparison far from the boundary, by a margin of 1e-9 of the amounts compared,
 * cannot come out the other way; the rules decide anything nearer by exact Decimal comparison. Undefined where no
 * float is close enough in that sense (a share so small or large that it underflows or overflows).
 */
export function floatShare(threshold: Decimal): number | undefined {
  const share = threshold.toNumber();
  if (share === 0) return threshold.isZero() ? 0 : undefined;
  return Math.abs(share) > 1e-200 && Math.abs(share) < 1e200 ? share : undefined;
}

/**
 * How `a` compares with `b` where floats can tell: 1 or -1 when they are apart by more than 10^-9 of their sizes, far
 * beyond a float's error (some 10^-16 of them); 0 when they are nearer, or either is NaN (a sum gone Decimal), and the
 * caller decides exactly.
 */
export function compareFar(a: number, b: number): number {
  const margin = (Math.abs(a) + Math.abs(b)) * 1e-9;
  if (a > b + margin) return 1;
  if (a < b - margin) return -1;
  return 0;
}
