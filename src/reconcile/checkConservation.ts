import type { Decimal } from '../money/Decimal.js';
import type { FlowGraph } from '../model/types.js';
import { CLASSIFICATION_KINDS } from './CLASSIFICATION_KINDS.js';
import { rowsOf } from './Sum.js';
import { compare } from './compare.js';
import type { FlowTotals } from './FlowTotals.js';
import { forEachPassedOn } from './forEachPassedOn.js';
import type { CheckResult, CheckSubject } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

const unexplained = (difference: Decimal, subject: CheckSubject) =>
  difference.isPositive()
    ? `${subject.nodes[0]} paid out ${difference.toFixed()} more than it received: money from nowhere`
    : `${subject.nodes[0]} kept ${difference.abs().toFixed()} of what it received, which nothing in the data explains`;

const retained = (kept: string, subject: CheckSubject) => `${subject.nodes[0]} retained ${kept}`;

/**
 * `conservation`: for every node that both receives and pays at a stage, inflow = outflow + retained.
 * Paying out more than was received ("money from nowhere") is a mismatch for any node. Keeping part of it is a
 * mismatch (an unexplained remainder) for intermediaries, and for trusts that report no balances to explain it;
 * recipients and sources may keep what they receive. Classification nodes (agencies, programmes...) are held to
 * exact equality by the `hierarchy` check instead.
 */
export function checkConservation(graph: FlowGraph, totals: FlowTotals, tolerance: ResolvedTolerance): CheckResult[] {
  const results: CheckResult[] = [];
  forEachPassedOn(totals, (attributes, received, paid, subject, currency) => {
    if (CLASSIFICATION_KINDS.has(attributes.kind)) return;
    const mustPassOn =
      attributes.kind === 'intermediary' || (attributes.kind === 'trust' && attributes.balances.length === 0);
    results.push(
      compare({
        check: 'conservation',
        subject,
        expected: received,
        actual: paid,
        currency,
        tolerance,
        explain: unexplained,
        // What a recipient, a source or a reporting trust keeps is theirs to keep: retained, not a mismatch.
        whenLess: mustPassOn ? undefined : retained,
        expectedFrom: rowsOf(received),
        actualFrom: rowsOf(paid),
      }),
    );
  });
  return results;
}
