import type { DeclaredTotal } from '../ingest/records.js';
import { Decimal } from '../money/Decimal.js';
import type { Stage } from '../model/stages.js';
import type { FlowGraph } from '../model/types.js';
import { compare, notCheckable } from './compare.js';
import { addTo, type FlowTotals, type Total } from './FlowTotals.js';
import type { CheckResult } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

/**
 * `declared-total`: the flows out of a node add up to the total its source declares (a TOTAL row, a `Total` state,
 * a published figure), per stage, currency and, when the declaration names one, period.
 */
export function checkDeclaredTotals(
  graph: FlowGraph,
  totals: FlowTotals,
  declared: DeclaredTotal[],
  tolerance: ResolvedTolerance,
): CheckResult[] {
  return declared.map((total) => {
    const subject = {
      nodes: [total.node],
      stage: total.stage,
      group: total.rule,
      ...(total.period !== undefined ? { period: total.period } : {}),
    };
    if (!graph.hasNode(total.node)) {
      return notCheckable('declared-total', subject, total.currency, `no node ${total.node} in the graph`);
    }
    const paid =
      total.period === undefined
        ? totals.paid(total.node, total.stage, total.currency)
        : paidInPeriod(graph, total.node, total.stage, total.currency, total.period);
    return compare({
      check: 'declared-total',
      subject,
      expected: total.amount,
      actual: paid?.amount ?? new Decimal(0),
      currency: total.currency,
      tolerance,
      explain: (difference) =>
        `the ${paid?.flows ?? 0} flows out of ${total.node} add up to ${difference.isNegative() ? 'less' : 'more'} than ` +
        `the declared total, by ${difference.abs().toFixed()}`,
      expectedFrom: [total.provenance],
      actualFrom: paid?.provenance ?? [],
    });
  });
}

/** The flows out of a node at a stage and currency whose period is the one a declared total names. */
function paidInPeriod(
  graph: FlowGraph,
  node: string,
  stage: Stage,
  currency: string,
  period: string,
): Total | undefined {
  let total: Total | undefined;
  graph.forEachOutEdge(node, (_edge, flow) => {
    if (flow.stage === stage && flow.currency === currency && flow.period === period) total = addTo(total, flow);
  });
  return total;
}
