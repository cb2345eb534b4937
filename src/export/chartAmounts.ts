import { Decimal } from '../money/Decimal.js';
import { powerOfTen, scaledToDecimalValue } from '../money/ScaledAmount.js';

/**
 * Exact arithmetic on a chart's amounts, written once for the two ways a chart holds them: integer counts of 10^-scale
 * units in doubles (`unitsAt`), or Decimals (`DECIMALS`). The chart code never sees which; the results, down to the
 * text of every amount and the float beside it, are the same either way.
 */
export interface ChartArithmetic<Amount> {
  readonly zero: Amount;
  plus(a: Amount, b: Amount): Amount;
  minus(a: Amount, b: Amount): Amount;
  abs(a: Amount): Amount;
  compare(a: Amount, b: Amount): number;
  /** Above zero: what a chart can draw. */
  isAboveZero(a: Amount): boolean;
  /** decimal.js's `isNegative`: the sign, so that a negative zero counts, as it did for Decimals. */
  isNegative(a: Amount): boolean;
  /** A bar that exactly the amounts below `total` × `share` (as Decimals multiply it) are below. */
  threshold(total: Amount, share: Decimal): Amount;
  toFixed(a: Amount): string;
  toNumber(a: Amount): number;
  toDecimal(a: Amount): Decimal;
}

export const DECIMALS: ChartArithmetic<Decimal> = {
  zero: new Decimal(0),
  plus: (a, b) => a.plus(b),
  minus: (a, b) => a.minus(b),
  abs: (a) => a.abs(),
  compare: (a, b) => a.comparedTo(b),
  isAboveZero: (a) => a.gt(0),
  isNegative: (a) => a.isNegative(),
  threshold: (total, share) => total.times(share),
  toFixed: (a) => a.toFixed(),
  toNumber: (a) => a.toNumber(),
  toDecimal: (a) => a,
};

/**
 * Integer counts of 10^-scale units. Exact only if every sum and difference the chart makes stays a safe integer, which
 * the caller makes sure of by choosing this only when the sizes of all its amounts add up to less than 2^53: every
 * figure of a chart is a sum or difference of some of them. The float of an amount is `units / 10^scale`, one correctly
 * rounded division of two exact doubles, hence the same double that `Decimal#toNumber` reads from the decimal text.
 */
export function unitsAt(scale: number): ChartArithmetic<number> {
  const power = powerOfTen(scale);
  // The operations that do not depend on the scale are the same functions for every chart, so that the engine, seeing
  // one function at each call, inlines it and keeps the doubles unboxed.
  return {
    ...UNITS,
    // An integer is below a bar exactly when it is below the bar rounded up.
    threshold: (total, share) => scaledToDecimalValue(total, scale).times(share).times(power).ceil().toNumber(),
    toFixed: (a) => scaledToDecimalValue(a, scale).toFixed(),
    toNumber: (a) => a / power,
    toDecimal: (a) => scaledToDecimalValue(a, scale),
  };
}

const UNITS = {
  zero: 0,
  plus: (a: number, b: number) => a + b,
  minus: (a: number, b: number) => a - b,
  abs: (a: number) => Math.abs(a),
  compare: (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0),
  isAboveZero: (a: number) => a > 0,
  isNegative: (a: number) => a < 0 || Object.is(a, -0),
};
