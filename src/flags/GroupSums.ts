import type { Decimal } from '../money/Decimal.js';
import type { FlowTable } from './FlowTable.js';
import { fromCents, SAFE_CENTS } from './MoneySum.js';

/**
 * Exact running sums of a FlowTable's amounts in numbered groups, each equal digit for digit to a MoneySum fed the
 * same rows in the same order, without an object per group: a group's sum is a count of cents in a float while every
 * amount added is whole cents and the count stays below 2^52, and goes on as a Decimal from the first amount that is
 * not (see MoneySum). Sized by the number of groups, so a rule numbers its groups densely (a node number times the
 * number of currencies and slots, say).
 */
export class GroupSums {
  /** How many rows each group was given. */
  readonly counts: Int32Array;
  private readonly cents: Float64Array;
  /** Where a group went on as a Decimal: its sum so far (a sparse array, since few groups ever do). */
  private readonly exact: Array<Decimal | undefined> = [];
  private readonly wentExact: Uint8Array;

  /**
   * @param fromFirst Start each group from its first amount rather than from zero (see MoneySum's parameter).
   */
  constructor(
    groups: number,
    private readonly table: FlowTable,
    private readonly fromFirst = false,
  ) {
    this.counts = new Int32Array(groups);
    this.cents = new Float64Array(groups);
    this.wentExact = new Uint8Array(groups);
  }

  add(group: number, row: number): void {
    const count = ++this.counts[group]!;
    if (this.wentExact[group] === 0) {
      const cents = this.table.cents[row]!;
      const sum = this.cents[group]!;
      // NaN marks an amount that is not whole cents; it fails the first test.
      if (cents === cents && sum < SAFE_CENTS && sum > -SAFE_CENTS) {
        this.cents[group] = sum + cents;
        return;
      }
      this.wentExact[group] = 1;
      if (this.fromFirst && count === 1) {
        this.exact[group] = this.table.flows[row]!.amount;
        return;
      }
      this.exact[group] = fromCents(sum);
    }
    this.exact[group] = this.exact[group]!.plus(this.table.flows[row]!.amount);
  }

  has(group: number): boolean {
    return this.counts[group]! > 0;
  }

  /** The sum as a count of cents, exact; NaN where it went on as a Decimal (read `value` then). */
  centsOf(group: number): number {
    return this.wentExact[group] === 0 ? this.cents[group]! : Number.NaN;
  }

  /** The sum as a Decimal (zero for a group given no rows). */
  value(group: number): Decimal {
    return this.wentExact[group] === 0 ? fromCents(this.cents[group]!) : this.exact[group]!;
  }
}
