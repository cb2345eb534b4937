import { read, readUnits } from '../money/readUnits.js';
import { Decimal } from '../money/Decimal.js';
import { addScaled, powerOfTen, scaledToDecimalValue } from '../money/ScaledAmount.js';
import type { FlowAttributes, Provenance } from '../model/types.js';
import { mergeProvenance } from './mergeProvenance.js';

/**
 * A running total of flows: an integer count of 10^-scale units while that is exact (see ScaledAmount), a Decimal
 * once it is not. Adding a flow to it makes no object (its first flow's provenance is copied once), which is what lets
 * reconciliation sum millions of flows; the Decimal is made only when someone reads `amount`.
 */
export class Sum {
  units = 0;
  scale = 0;
  /** The total once it left the safe integers (or a flow's amount did not fit them); then `units` is unused. */
  big: Decimal | undefined = undefined;
  flows = 0;
  provenance: Provenance[] = [];
  private decimal: Decimal | undefined = undefined;
  private text: string | undefined = undefined;

  /** The total as a Decimal, made on first read. */
  get amount(): Decimal {
    if (this.big !== undefined) return this.big;
    return (this.decimal ??= scaledToDecimalValue(this.units, this.scale));
  }

  set amount(value: Decimal) {
    this.big = value;
    this.decimal = undefined;
    this.text = undefined;
  }

  /** Adds one flow: its amount, and its rows (merged per file as `mergeProvenance` does). */
  add(flow: FlowAttributes): void {
    this.addRead(flow, readUnits(flow.amount));
  }

  /**
   * `add`, for a flow whose amount was just read with `readUnits` (`fits` is what it returned, `read` holds the
   * units): a flow added to two sums is read once.
   */
  addRead(flow: FlowAttributes, fits: boolean): void {
    if (this.flows === 0) {
      // The first flow's rows are copied as they are, entry by entry, as a total made from one flow always was.
      for (const item of flow.provenance) this.provenance.push({ ...item });
    } else mergeProvenance(this.provenance, flow.provenance);
    this.flows++;
    this.decimal = undefined;
    this.text = undefined;
    if (this.big === undefined) {
      if (fits && addScaled(this, read.units, read.scale)) return;
      this.big = scaledToDecimalValue(this.units, this.scale);
    }
    this.big = this.big.plus(flow.amount);
  }

  /** The total as exact decimal text, as `Decimal#toFixed()` writes it; kept once made. */
  toFixed(): string {
    if (this.big !== undefined) return this.big.toFixed();
    return (this.text ??= scaledText(this.units, this.scale));
  }
}

/**
 * What a slot of reconciliation's checks holds: the one flow it has (the commonest case: a budget line's figure at a
 * stage), kept as it is, or the Sum of two or more. A Total made from one flow is that flow's amount and a copy of its
 * rows (see `rowsOf`), so a Sum is made only when a second flow comes.
 */
export type Entry = Sum | FlowAttributes;

/** Adds a flow to a slot (see `Entry`); `fits` is what `readUnits` just returned for its amount. */
export function addToSlot(side: Entry[], slot: number, flow: FlowAttributes, fits: boolean): void {
  const current = side[slot];
  if (current === undefined) side[slot] = flow;
  else if (current instanceof Sum) current.addRead(flow, fits);
  else {
    const sum = new Sum();
    sum.add(current);
    // Reads `flow` again, last, so that `read` holds its amount once more for the caller.
    sum.add(flow);
    side[slot] = sum;
  }
}

/** The rows behind an entry, as a Total's `provenance`: a lone flow's rows are copied. */
export function rowsOf(entry: Entry): Provenance[] {
  return entry instanceof Sum ? entry.provenance : entry.provenance.map((item) => ({ ...item }));
}

/**
 * An integer count of 10^-scale units as exact decimal text without trailing zeros, as `Decimal#toFixed()` writes it.
 */
export function scaledText(units: number, scale: number): string {
  while (scale > 0 && units % 10 === 0) {
    units /= 10;
    scale--;
  }
  if (scale === 0) return units === 0 ? '0' : String(units);
  const negative = units < 0;
  const size = negative ? -units : units;
  const power = powerOfTen(scale);
  const fraction = size % power;
  const whole = (size - fraction) / power;
  const text = String(whole) + '.' + String(fraction).padStart(scale, '0');
  return negative ? '-' + text : text;
}
