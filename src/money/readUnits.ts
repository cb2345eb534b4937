import type { Decimal } from './Decimal.js';
import { powerOfTen } from './ScaledAmount.js';

/** Where `readUnits` leaves what it read: one shared place, so that reading an amount makes no object. */
export const read = { units: 0, scale: 0 };

/**
 * Reads a Decimal as an integer count of 10^-scale units into `read`; false when that count would not be a safe integer
 * or the scale is above 22 (or the amount is not finite). Reads decimal.js's documented instance properties: `d`, the
 * digits in base 10^7, the first group without leading zeros and the last without trailing zero groups; `e`, the power
 * of ten of the first digit; `s`, the sign. The last group's trailing zeros are dropped before the groups are joined,
 * so that 6374690699.95 (groups 637, 4690699, 9500000) reads as 637469069995 at scale 2.
 */
export function readUnits(amount: Decimal): boolean {
  const groups = amount.d;
  if (!groups || groups.length > 4) return false;
  const size = groups.length;
  let last = groups[size - 1]!;
  if (last === 0) {
    read.units = amount.s < 0 ? -0 : 0;
    read.scale = 0;
    return true;
  }
  let zeros = 0;
  while (last % 10 === 0) {
    last /= 10;
    zeros++;
  }
  let units = size === 1 ? last : groups[0]!;
  for (let at = 1; at < size - 1; at++) units = units * 1e7 + groups[at]!;
  if (size > 1) units = units * powerOfTen(7 - zeros) + last;
  // Past 2^53 every step above rounds upwards at most, so a count that is not exact is not safe either.
  if (units > Number.MAX_SAFE_INTEGER) return false;
  let scale = digitsOf(groups[0]!) + 7 * (size - 1) - zeros - 1 - amount.e;
  if (scale < 0) {
    if (scale < -22) return false;
    units *= powerOfTen(-scale);
    if (units > Number.MAX_SAFE_INTEGER) return false;
    scale = 0;
  } else if (scale > 22) return false;
  read.units = amount.s < 0 ? -units : units;
  read.scale = scale;
  return true;
}

function digitsOf(group: number): number {
  let digits = 1;
  while (group >= 10) {
    group = Math.floor(group / 10);
    digits++;
  }
  return digits;
}
