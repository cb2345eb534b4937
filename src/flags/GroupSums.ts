import type { Decimal } from '../money/Decimal.js';
import type { FlowTable } from './FlowTable.js';
import { fromCents, SAFE_CENTS } from './MoneySum.js';
import type { Scratch } from './Scratch.js';

/**
 * Exact running sums of a FlowTable's amounts in numbered groups, each equal digit for digit to a MoneySum fed the
 * same rows in the same order, without an object per group: a group's sum is a count of cents in a float while every
 * amount added is whole cents and the count stays below 2^52, and goes on as a Decimal from the first amount that is
 * not (see MoneySum). Sized by the number of groups, so a rule numbers its groups densely (a node number times the
 * number of currencies and slots, say). Its arrays come from the rule's scratch: a GroupSums lasts as long as its rule.
 */
export class GroupSums {
  /** How many rows each group was given. */
  readonly counts: Int32Array;
  /** Each group's sum as a count of cents; NaN once it goes on as a Decimal. */
  private readonly cents: Float64Array;
  /** Where a group went on as a Decimal: its sum so far (a sparse array, since few groups ever do). */
  private readonly exact: Array<Decimal | undefined> = [];

  /**
   * @param fromFirst Start each group from its first amount rather than from zero (see MoneySum's parameter).
   */
  constructor(
    groups: number,
    private readonly table: FlowTable,
    scratch: Scratch,
    private readonly fromFirst = false,
  ) {
    this.counts = scratch.int32(groups);
    this.cents = scratch.float64(groups);
  }

  add(group: number, row: number): void {
    const count = ++this.counts[group]!;
    const sum = this.cents[group]!;
    if (sum === sum) {
      const cents = this.table.cents[row]!;
      // NaN marks an amount that is not whole cents; it fails the first test.
      if (cents === cents && sum < SAFE_CENTS && sum > -SAFE_CENTS) {
        this.cents[group] = sum + cents;
        return;
      }
      this.cents[group] = Number.NaN;
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
    return this.cents[group]!;
  }

  /** The sum as a Decimal (zero for a group given no rows). */
  value(group: number): Decimal {
    const cents = this.cents[group]!;
    return cents === cents ? fromCents(cents) : this.exact[group]!;
  }
}
