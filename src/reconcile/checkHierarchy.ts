import type { FlowGraph } from '../model/types.js';
import { CLASSIFICATION_KINDS } from './CLASSIFICATION_KINDS.js';
import { compare } from './compare.js';
import type { FlowTotals } from './FlowTotals.js';
import type { CheckResult } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

/**
 * `hierarchy`: for every agency, unit, programme and budget line that has both a parent and children at a stage,
 * its amount (what its parent passed to it) equals the sum of its children's (what it passed down). Nodes at the top
 * or the bottom of the data have one level only and are not checked.
 */
export function checkHierarchy(graph: FlowGraph, totals: FlowTotals, tolerance: ResolvedTolerance): CheckResult[] {
  const results: CheckResult[] = [];
  graph.forEachNode((node, attributes) => {
    if (!CLASSIFICATION_KINDS.has(attributes.kind)) return;
    for (const [stage, currency, period] of totals.periodsOf(node)) {
      const received = totals.receivedIn(node, stage, currency, period);
      const paid = totals.paidIn(node, stage, currency, period);
      if (!received || !paid) continue;
      results.push(
        compare({
          check: 'hierarchy',
          subject: { nodes: [node], stage, ...(period ? { period } : {}) },
          expected: received.amount,
          actual: paid.amount,
          currency,
          tolerance,
          explain: (difference) =>
            `${node} passed down ${difference.isNegative() ? 'less' : 'more'} than it received, by ` +
            `${difference.abs().toFixed()}`,
          expectedFrom: received.provenance,
          actualFrom: paid.provenance,
        }),
      );
    }
  });
  return results;
}
