import type { FlowGraph } from '../model/types.js';
import { CLASSIFICATION_KINDS } from './CLASSIFICATION_KINDS.js';
import { compare } from './compare.js';
import type { FlowTotals } from './FlowTotals.js';
import type { CheckResult } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

/**
 * `conservation`: for every node that both receives and pays at a stage, inflow = outflow + retained.
 * Paying out more than was received ("money from nowhere") is a mismatch for any node. Keeping part of it is a
 * mismatch (an unexplained remainder) for intermediaries, and for trusts that report no balances to explain it;
 * recipients and sources may keep what they receive. Classification nodes (agencies, programmes...) are held to
 * exact equality by the `hierarchy` check instead.
 */
export function checkConservation(graph: FlowGraph, totals: FlowTotals, tolerance: ResolvedTolerance): CheckResult[] {
  const results: CheckResult[] = [];
  graph.forEachNode((node, attributes) => {
    if (CLASSIFICATION_KINDS.has(attributes.kind)) return;
    const mustPassOn =
      attributes.kind === 'intermediary' || (attributes.kind === 'trust' && attributes.balances.length === 0);
    for (const [stage, currency, period] of totals.periodsOf(node)) {
      const received = totals.receivedIn(node, stage, currency, period);
      const paid = totals.paidIn(node, stage, currency, period);
      if (!received || !paid) continue;
      const keeps = paid.amount.lessThan(received.amount);
      const result = compare({
        check: 'conservation',
        subject: { nodes: [node], stage, ...(period ? { period } : {}) },
        expected: received.amount,
        actual: paid.amount,
        currency,
        tolerance,
        explain: (difference) =>
          difference.isPositive()
            ? `${node} paid out ${difference.toFixed()} more than it received: money from nowhere`
            : `${node} kept ${difference.abs().toFixed()} of what it received, which nothing in the data explains`,
        expectedFrom: received.provenance,
        actualFrom: paid.provenance,
      });
      // What a recipient, a source or a reporting trust keeps is theirs to keep: retained, not a mismatch.
      if (result.status === 'mismatch' && keeps && !mustPassOn) {
        result.status = 'ok';
        result.reason = `${node} retained ${received.amount.minus(paid.amount).toFixed()}`;
      }
      results.push(result);
    }
  });
  return results;
}
