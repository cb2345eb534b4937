import type { DeclaredTotal } from '../ingest/records.js';
import { Decimal } from '../money/Decimal.js';
import type { Stage } from '../model/stages.js';
import type { FlowGraph } from '../model/types.js';
import { compare, notCheckable } from './compare.js';
import { periodBounds } from './periodBounds.js';
import { Sum } from './Sum.js';
import type { CheckResult } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

/**
 * `declared-total`: the flows out of a node add up to the total its source declares (a TOTAL row, a `Total` state,
 * a published figure), per stage, currency and, when the declaration names one, period.
 */
export function checkDeclaredTotals(
  graph: FlowGraph,
  declared: DeclaredTotal[],
  tolerance: ResolvedTolerance,
): CheckResult[] {
  const bounds = new Map<string, ReturnType<typeof periodBounds>>();
  const whole = paidOutOfDeclared(graph, declared);
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
    let paid: Sum | undefined;
    if (total.period === undefined) paid = whole.get(total.node)?.get(slotKey(total.stage, total.currency));
    else {
      const inPeriod = paidInPeriod(graph, total.node, total.stage, total.currency, total.period, bounds);
      if (!inPeriod.placeable) {
        return notCheckable(
          'declared-total',
          subject,
          total.currency,
          `no flow out of ${total.node} at ${total.stage} states a period or date that falls in ${total.period} or not`,
        );
      }
      paid = inPeriod.total;
    }
    return compare({
      check: 'declared-total',
      subject,
      expected: total.amount,
      actual: paid ?? new Decimal(0),
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

/**
 * What each node with a declared total for no period paid, per stage and currency: one pass over the flows, in the
 * graph's order, that sums only the flows out of those nodes (a few, where the graph may hold millions of flows).
 */
function paidOutOfDeclared(graph: FlowGraph, declared: DeclaredTotal[]): Map<string, Map<string, Sum>> {
  const byNode = new Map<string, Map<string, Sum>>();
  for (const total of declared) {
    if (total.period === undefined && !byNode.has(total.node)) byNode.set(total.node, new Map());
  }
  if (byNode.size === 0) return byNode;
  graph.forEachEdge((_edge, flow) => {
    const sums = byNode.get(flow.from);
    if (sums === undefined) return;
    const key = slotKey(flow.stage, flow.currency);
    let sum = sums.get(key);
    if (sum === undefined) sums.set(key, (sum = new Sum()));
    sum.add(flow);
  });
  return byNode;
}

const slotKey = (stage: Stage, currency: string) => `${stage}\u0000${currency}`;

/**
 * The flows out of a node at a stage and currency within the period a declared total names: their own period equals
 * it or falls inside it (2016-03 inside 2016-Q1), else their date does. Undefined when no flow of the node at that
 * stage can be placed in time at all: the total is then not checkable rather than 0.
 */
function paidInPeriod(
  graph: FlowGraph,
  node: string,
  stage: Stage,
  currency: string,
  period: string,
  boundsOf: Map<string, ReturnType<typeof periodBounds>>,
): { total: Sum | undefined; placeable: boolean } {
  // Periods are few and flows many: each period is read once.
  const cached = (text: string) => {
    let found = boundsOf.get(text);
    if (found === undefined && !boundsOf.has(text)) boundsOf.set(text, (found = periodBounds(text)));
    return found;
  };
  const bounds = cached(period);
  let total: Sum | undefined;
  let placeable = false;
  graph.forEachOutEdge(node, (_edge, flow) => {
    if (flow.stage !== stage || flow.currency !== currency) return;
    const own = flow.period === undefined ? undefined : cached(flow.period);
    let inside: boolean | undefined;
    if (flow.period === period) inside = true;
    else if (own && bounds) {
      // Inside, outside, or neither: a yearly flow cannot be placed in one of its months.
      if (own.first >= bounds.first && own.last <= bounds.last) inside = true;
      else if (own.last < bounds.first || own.first > bounds.last) inside = false;
    } else if (flow.period === undefined && flow.date !== undefined && bounds) {
      inside = flow.date >= bounds.first && flow.date <= bounds.last;
    }
    if (inside === undefined) return;
    placeable = true;
    if (inside) (total ??= new Sum()).add(flow);
  });
  return { total, placeable };
}
