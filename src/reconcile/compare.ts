import type { Decimal } from '../money/Decimal.js';
import type { Provenance } from '../model/types.js';
import type { CheckId, CheckResult, CheckSubject } from './types.js';
import { type ResolvedTolerance, withinTolerance } from './withinTolerance.js';

export interface Comparison {
  check: CheckId;
  subject: CheckSubject;
  expected: Decimal;
  actual: Decimal;
  currency: string;
  tolerance: ResolvedTolerance;
  /** The sentence that explains a mismatch, given the exact difference (actual - expected). */
  explain: (difference: Decimal) => string;
  expectedFrom?: Iterable<Provenance>;
  actualFrom?: Iterable<Provenance>;
}

/** Builds the result of one comparison: ok within the tolerance, a mismatch otherwise, with exact strings. */
export function compare(comparison: Comparison): CheckResult {
  const difference = comparison.actual.minus(comparison.expected);
  const ok = withinTolerance(difference, comparison.expected, comparison.tolerance);
  const result: CheckResult = {
    check: comparison.check,
    status: ok ? 'ok' : 'mismatch',
    subject: comparison.subject,
    expected: comparison.expected.toFixed(),
    actual: comparison.actual.toFixed(),
    difference: difference.toFixed(),
    currency: comparison.currency,
    provenance: { expected: [...(comparison.expectedFrom ?? [])], actual: [...(comparison.actualFrom ?? [])] },
  };
  if (!ok) result.reason = comparison.explain(difference);
  return result;
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
