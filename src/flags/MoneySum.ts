import { Decimal } from '../money/Decimal.js';
import { read, readUnits } from '../money/readUnits.js';
import { powerOfTen } from '../money/ScaledAmount.js';

/** A running count of cents stays exact in a float while it stays below 2^53; this leaves room for one more amount. */
export const SAFE_CENTS = 2 ** 52;
/** Amounts up to 10^13 (in units) are read as cents; larger ones are added as Decimals. */
const LARGEST_UNITS = 1e13;

/**
 * An amount as a whole number of cents, when it is one and small enough to add in a float exactly (below 10^13 in
 * units); undefined otherwise, and for amounts made by another Decimal constructor, whose sums round by its own rules.
 * Read from the Decimal's digits (base 10^7 words aligned on the decimal point), without building a string.
 */
export function centsOf(amount: Decimal): number | undefined {
  return readUnits(amount) ? centsOfUnits(amount, read.units, read.scale) : undefined;
}

/** `centsOf` for an amount already read as `units` at `scale` (see readUnits), as the graph's columns hold it. */
export function centsOfUnits(amount: Decimal, units: number, scale: number): number | undefined {
  if (amount.constructor !== Decimal || scale > 2) return undefined;
  // Negative zero stays a Decimal: its sign is not a float's to keep.
  if (units === 0 && amount.s < 0) return undefined;
  const cents = units * powerOfTen(2 - scale);
  return cents < LARGEST_UNITS * 100 && cents > -LARGEST_UNITS * 100 ? cents : undefined;
}

/**
 * An exact running sum of amounts, equal digit for digit to adding them one by one to `new Decimal(0)`, made cheaper
 * for what budgets hold: while every amount is a whole number of cents, the sum is a count of cents in a float (exact
 * below 2^53) and becomes a Decimal once, when read. From the first amount that is not (more decimals, a larger
 * amount, another Decimal constructor) or would take the count too far, the sum goes on as a Decimal, so what it adds
 * up to, and how it would round past 64 digits, is what adding Decimals one by one gives.
 */
export class MoneySum {
  private cents = 0;
  private count = 0;
  private exact: Decimal | undefined;

  /**
   * @param fromFirst Start from the first amount rather than from zero, as a sum written `first.plus(b)...` does: the
   *   same value, but made by the first amount's own constructor, which matters only for one from another constructor.
   */
  constructor(private readonly fromFirst = false) {}

  add(amount: Decimal): void {
    this.count++;
    if (this.exact === undefined) {
      const cents = centsOf(amount);
      if (cents !== undefined && Math.abs(this.cents) < SAFE_CENTS) {
        this.cents += cents;
        return;
      }
      if (this.fromFirst && this.count === 1) {
        this.exact = amount;
        return;
      }
      this.exact = fromCents(this.cents);
    }
    this.exact = this.exact.plus(amount);
  }

  /** The sum as a Decimal. */
  value(): Decimal {
    return this.exact ?? fromCents(this.cents);
  }
}

/** A count of cents as a Decimal. */
export function fromCents(cents: number): Decimal {
  return new Decimal(`${cents}e-2`);
}
