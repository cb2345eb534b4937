import DecimalJs from 'decimal.js';

/**
 * The money type: a decimal.js constructor configured so that sums of real budgets stay exact.
 *
 * decimal.js rounds every result to `precision` significant digits (20 by default), which would silently round a sum of
 * 40-digit amounts. 64 digits hold any amount cauce accepts (see `MAX_AMOUNT_DIGITS`) summed over billions of rows.
 * `toExpPos`/`toExpNeg` keep `toString()` in plain notation, so an amount never prints as `1e+21`.
 *
 * Instances share decimal.js's prototype, so a value made with the package's own `Decimal` works with ours too.
 */
export const Decimal = DecimalJs.clone({
  precision: 64,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpPos: 9e15,
  toExpNeg: -9e15,
});

// eslint-disable-next-line @typescript-eslint/no-redeclare -- the type and the constructor share a name, like a class.
export type Decimal = DecimalJs;

/** Amounts with more significant digits than this are rejected rather than risk rounding in a sum. */
export const MAX_AMOUNT_DIGITS = 40;
