import type { Decimal } from '../money/Decimal.js';
import { STAGES } from '../model/stages.js';
import type { IndexedFlow } from './FlowIndex.js';
import type { FlowTable } from './FlowTable.js';
import { MoneySum } from './MoneySum.js';

// Small pieces shared by the rules that walk payments payer by payer over a FlowTable (its `payments()`).

/** Which stages (by their number in STAGES) are among `stages`: a test per row that compares no strings. */
export function stageMask(stages: Iterable<string>): Uint8Array {
  const named = new Set(stages);
  return Uint8Array.from(STAGES, (stage) => (named.has(stage) ? 1 : 0));
}

/** Each stage's place among `stages` (its first, where it is named twice), by its number in STAGES; -1 for the rest. */
export function stagePlaces(stages: readonly string[]): Int32Array {
  return Int32Array.from(STAGES, (stage) => stages.indexOf(stage));
}

/**
 * The flows of some rows (`rows[start]` up to, not including, `rows[end]`) as makeFlag takes them. Built only for a
 * flag that fires: the rules decide on the columns.
 */
export function flowsOfRows(table: FlowTable, rows: ArrayLike<number>, start = 0, end = rows.length): IndexedFlow[] {
  const flows: IndexedFlow[] = [];
  for (let at = start; at < end; at++) {
    const row = rows[at]!;
    flows.push(table.indexed(row));
  }
  return flows;
}

/**
 * The rows `rows[start]` up to `rows[end]` that `keep` says yes to, as makeFlag takes them, and their total, added in
 * their order. For a payer that is flagged: the rules count on the columns first, and walk its rows again only then.
 */
export function keptFlowsAndTotal(
  table: FlowTable,
  rows: ArrayLike<number>,
  start: number,
  end: number,
  keep: (row: number) => boolean,
): { flows: IndexedFlow[]; total: Decimal } {
  const flows: IndexedFlow[] = [];
  const running = new MoneySum();
  for (let at = start; at < end; at++) {
    const row = rows[at]!;
    if (!keep(row)) continue;
    flows.push(table.indexed(row));
    running.add(table.flows[row]!.amount);
  }
  return { flows, total: running.value() };
}

/**
 * The first significant digit of an amount other than zero (of its size, for a negative one): the leading digit of its
 * first base 10^7 word, which decimal.js keeps without leading zeros, the digit its exact decimal text starts with
 * ("0.0456" gives 4). No text is built.
 */
export function firstDigit(amount: Decimal): number {
  let word = amount.d[0]!;
  if (!(word > 0)) throw new RangeError(`no significant digit in ${amount.toFixed()}`);
  while (word >= 10) word = Math.floor(word / 10);
  return word;
}

/**
 * The same digit read from a count of cents other than zero (below 10^15, as FlowTable's are): the amount's first
 * significant digit is its cents' first digit, whatever the amount's size. Each division by 10 is exact once floored,
 * for whole numbers this size.
 */
export function firstDigitOfCents(cents: number): number {
  let value = cents < 0 ? -cents : cents;
  while (value >= 10) value = Math.floor(value / 10);
  return value;
}

/**
 * Whether a row is a payment: refunds and reversals (negative amounts) and zero amounts are not. The sign is read from
 * cents where they are defined, else from the Decimal, without building one to compare with.
 */
export function isPayment(table: FlowTable, row: number): boolean {
  const cents = table.cents[row]!;
  if (cents === cents) return cents > 0;
  const amount = table.flows[row]!.amount;
  return !amount.isNegative() && !amount.isZero();
}

/**
 * The currencies a payer's payments name, in the order they first do, for rules that count per currency payer by
 * payer: `first` says when a currency comes up for the first time for the payer at hand, which is when its counters
 * are reset, so that no counter is cleared for currencies the payer never uses.
 */
export class PayerCurrencies {
  /** The payer's currencies so far, in the order they first came. */
  readonly list: number[] = [];
  /** By currency, the last payer that named it. */
  private readonly seenBy: Int32Array;
  private payer = -1;

  constructor(currencies: number) {
    this.seenBy = new Int32Array(currencies).fill(-1);
  }

  begin(payer: number): void {
    this.payer = payer;
    this.list.length = 0;
  }

  first(currency: number): boolean {
    if (this.seenBy[currency] === this.payer) return false;
    this.seenBy[currency] = this.payer;
    this.list.push(currency);
    return true;
  }
}
