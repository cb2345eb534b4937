import type { Decimal } from '../money/Decimal.js';
import { powerOfTen, scaledToDecimalValue } from '../money/ScaledAmount.js';
import type { Provenance } from '../model/types.js';
import type { FlowAttributes } from '../model/types.js';
import { scaledText, Sum } from './Sum.js';
import { read, readUnits } from '../money/readUnits.js';
import type { CheckId, CheckResult, CheckSubject } from './types.js';
import { type ResolvedTolerance, withinTolerance } from './withinTolerance.js';

/** An amount to compare: a Decimal, a running total of flows (see `Sum`), or a lone flow's amount (see `Entry`). */
export type Amount = Decimal | Sum | FlowAttributes;

export interface Comparison {
  check: CheckId;
  subject: CheckSubject;
  expected: Amount;
  actual: Amount;
  currency: string;
  tolerance: ResolvedTolerance;
  /**
   * The sentence that explains a mismatch, given the exact difference (actual - expected) and the subject: a function
   * made once per check rather than per comparison, where the subject says all it needs.
   */
  explain: (difference: Decimal, subject: CheckSubject) => string;
  /**
   * For checks where less than expected is not a mismatch: called instead of `explain` when actual < expected beyond
   * the tolerance, with expected - actual as exact text; the result is then ok, with the sentence returned (if any)
   * as its reason.
   */
  whenLess?: (shortfall: string, subject: CheckSubject) => string | undefined;
  expectedFrom?: Iterable<Provenance>;
  actualFrom?: Iterable<Provenance>;
}

/**
 * Builds the result of one comparison: ok within the tolerance, a mismatch otherwise, with exact strings. Amounts that
 * fit integer units (see ScaledAmount) are compared and written from the integers; a Decimal is made only for a
 * mismatch's sentence, or for amounts too large for the integers.
 */
export function compare(comparison: Comparison): CheckResult {
  const { expected, actual, tolerance } = comparison;
  let expectedText: string;
  let actualText: string;
  let differenceText: string;
  let ok: boolean;
  let less: boolean;
  let difference: Decimal | undefined;
  let fast = false;
  let units = 0;
  let scale = 0;
  if (unitsOf(expected)) {
    const expectedUnits = read.units;
    const expectedScale = read.scale;
    if (unitsOf(actual)) {
      scale = Math.max(expectedScale, read.scale);
      const from = expectedUnits * powerOfTen(scale - expectedScale);
      const to = read.units * powerOfTen(scale - read.scale);
      units = to - from;
      fast = Number.isSafeInteger(from) && Number.isSafeInteger(to) && Number.isSafeInteger(units);
      if (fast) {
        expectedText = textOf(expected, expectedUnits, expectedScale);
        actualText = textOf(actual, read.units, read.scale);
      }
    }
  }
  if (fast) {
    differenceText = scaledText(units, scale);
    less = units < 0;
    ok = units === 0;
    if (!ok && !(tolerance.absolute.isZero() && tolerance.relative.isZero())) {
      difference = scaledToDecimalValue(units, scale);
      ok = withinTolerance(difference, amountOf(expected), tolerance);
    }
  } else {
    difference = amountOf(actual).minus(amountOf(expected));
    ok = withinTolerance(difference, amountOf(expected), tolerance);
    less = difference.isNegative() && !difference.isZero();
    expectedText = amountOf(expected).toFixed();
    actualText = amountOf(actual).toFixed();
    differenceText = difference.toFixed();
  }
  const result: CheckResult = {
    check: comparison.check,
    status: ok ? 'ok' : 'mismatch',
    subject: comparison.subject,
    expected: expectedText!,
    actual: actualText!,
    difference: differenceText,
    currency: comparison.currency,
    provenance: { expected: copy(comparison.expectedFrom), actual: copy(comparison.actualFrom) },
  };
  if (ok) return result;
  if (less && comparison.whenLess) {
    const reason = comparison.whenLess(
      fast ? scaledText(-units, scale) : difference!.negated().toFixed(),
      comparison.subject,
    );
    result.status = 'ok';
    if (reason !== undefined) result.reason = reason;
    return result;
  }
  result.reason = comparison.explain(difference ?? scaledToDecimalValue(units, scale), comparison.subject);
  return result;
}

/** Reads an amount's integer units into `read` (see `readUnits`); false when it does not fit them. */
function unitsOf(amount: Amount): boolean {
  if (amount instanceof Sum) {
    if (amount.big !== undefined) return readUnits(amount.big);
    read.units = amount.units;
    read.scale = amount.scale;
    return true;
  }
  return readUnits(amountOf(amount));
}

function amountOf(amount: Amount): Decimal {
  if (amount instanceof Sum) return amount.amount;
  // A flow has an amount; a Decimal has none.
  const flow = amount as Partial<FlowAttributes>;
  return flow.amount !== undefined ? flow.amount : (amount as Decimal);
}

function textOf(amount: Amount, units: number, scale: number): string {
  return amount instanceof Sum && amount.big === undefined ? amount.toFixed() : scaledText(units, scale);
}

function copy(items: Iterable<Provenance> | undefined): Provenance[] {
  if (items === undefined) return [];
  return Array.isArray(items) ? items.slice() : [...items];
}

/** A check that could not be made, and why. */
export function notCheckable(check: CheckId, subject: CheckSubject, currency: string, reason: string): CheckResult {
  return {
    check,
    status: 'not-checkable',
    subject,
    expected: '',
    actual: '',
    difference: '',
    currency,
    reason,
    provenance: { expected: [], actual: [] },
  };
}
