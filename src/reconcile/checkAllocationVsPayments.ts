import type { Stage } from '../model/stages.js';
import { CLASSIFICATION_KINDS } from './CLASSIFICATION_KINDS.js';
import type { FlowGraph } from '../model/types.js';
import { compare, notCheckable } from './compare.js';
import { addTo, firstStage, type FlowTotals, periodOf, type Total } from './FlowTotals.js';
import type { CheckResult } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

/**
 * `allocation-vs-payments`: what a programme or an agency was allotted (modified, or approved where there is no
 * modified figure) against what it paid out to recipients, intermediaries and trusts (paid, or exercised where there
 * is no paid stage); passing money down to its own programmes or units is not paying it out. The remainder is
 * reported as an amount, never hidden: a programme that paid out less than its allotment leaves money unexplained
 * by the data, one that paid more spent money it was not given.
 */
export function checkAllocationVsPayments(
  graph: FlowGraph,
  totals: FlowTotals,
  tolerance: ResolvedTolerance,
): CheckResult[] {
  const results: CheckResult[] = [];
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'programme' && attributes.kind !== 'agency') return;
    const receives = graph.inDegree(node) > 0;
    const groups = new Set(totals.periodsOf(node).map(([, currency, period]) => currency + '\u0000' + period));
    for (const group of groups) {
      const [currency, period] = group.split('\u0000') as [string, string];
      const allotted = firstStage(['modified', 'approved'], (stage) =>
        receives ? totals.receivedIn(node, stage, currency, period) : totals.paidIn(node, stage, currency, period),
      );
      const paid = firstStage(['paid', 'exercised'], (stage) => paymentsOut(graph, node, stage, currency, period));
      if (!allotted) continue;
      if (!paid) {
        results.push(
          notCheckable(
            'allocation-vs-payments',
            { nodes: [node], stage: allotted.stage, ...(period ? { period } : {}) },
            currency,
            `${node} has an allotment but the data have no payments (paid or exercised) from it to recipients`,
          ),
        );
        continue;
      }
      results.push(
        compare({
          check: 'allocation-vs-payments',
          subject: { nodes: [node], stage: paid.stage, against: allotted.stage, ...(period ? { period } : {}) },
          expected: allotted.total.amount,
          actual: paid.total.amount,
          currency,
          tolerance,
          explain: (difference) =>
            difference.isNegative()
              ? `${node} paid out ${difference.abs().toFixed()} less than its ${allotted.stage} allotment`
              : `${node} paid out ${difference.toFixed()} more than its ${allotted.stage} allotment`,
          expectedFrom: allotted.total.provenance,
          actualFrom: paid.total.provenance,
        }),
      );
    }
  });
  return results;
}

/** The flows at a stage and period from a node to anything that is not a classification (a programme, a unit...). */
function paymentsOut(
  graph: FlowGraph,
  node: string,
  stage: Stage,
  currency: string,
  period: string,
): Total | undefined {
  let total: Total | undefined;
  graph.forEachOutEdge(node, (_edge, flow, _source, _target, _sourceAttributes, target) => {
    if (flow.stage !== stage || flow.currency !== currency || CLASSIFICATION_KINDS.has(target.kind)) return;
    if (periodOf(flow) !== period) return;
    total = addTo(total, flow);
  });
  return total;
}
