import { Decimal } from './Decimal.js';

/**
 * An exact amount as an integer count of 10^-scale units (12345.67 is 1234567 at scale 2), while that integer is safe
 * in a double (below 2^53). Adding such integers is exact and about twenty times cheaper than adding Decimals, which is
 * what lets millions of rows be summed as they stream; a Decimal is made only when someone reads the result.
 */
export interface ScaledAmount {
  units: number;
  scale: number;
}

const POWERS_OF_TEN: number[] = Array.from({ length: 23 }, (_, power) => 10 ** power);

/** 10^power as an exact double, for 0 <= power <= 22. */
export function powerOfTen(power: number): number {
  return POWERS_OF_TEN[power]!;
}

/**
 * Adds `units` at `scale` into `sum` (changed in place); false when the result would leave the safe integers, so that
 * the caller goes on in Decimal instead. Both scales are at most 22.
 */
export function addScaled(sum: ScaledAmount, units: number, scale: number): boolean {
  let total = sum.units;
  let common = sum.scale;
  if (scale > common) {
    total *= POWERS_OF_TEN[scale - common]!;
    common = scale;
  } else if (scale < common) {
    units *= POWERS_OF_TEN[common - scale]!;
  }
  const result = total + units;
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(units) || !Number.isSafeInteger(result)) return false;
  sum.units = result;
  sum.scale = common;
  return true;
}

/** The Decimal an integer count of 10^-scale units stands for. */
export function scaledToDecimalValue(units: number, scale: number): Decimal {
  if (scale === 0) return new Decimal(units);
  const negative = units < 0;
  const digits = String(negative ? -units : units).padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return new Decimal(negative ? `-${text}` : text);
}
