import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { UnknownNodeError } from '../errors/UnknownNodeError.js';
import type { Decimal } from '../money/Decimal.js';
import { assertFlowGraph } from './assertFlowGraph.js';
import { isIsoDate } from './isIsoDate.js';
import { assertStage, type Stage } from './stages.js';
import { toDecimalArgument } from './toDecimalArgument.js';
import type { FlowAttributes, FlowGraph, Provenance } from './types.js';

export interface FlowInput {
  from: string;
  to: string;
  /** A Decimal, a decimal string (`'1234.56'`) or a safe integer. */
  amount: Decimal | string | number;
  /** Default: the graph's default currency. */
  currency?: string;
  /** Default `paid`, as in the canonical flows format. */
  stage?: Stage;
  date?: string;
  period?: string;
  reference?: string;
  provenance?: Provenance[];
  attributes?: Record<string, string>;
}

/**
 * Adds one flow between two existing nodes and returns its edge key. Flows are never merged: aggregation is a view
 * (see `flowsBetween`).
 *
 * @example
 * addFlow(graph, { from: 'ramo:23', to: 'pp:U128', amount: '1954356.00', stage: 'approved' });
 */
export function addFlow(graph: FlowGraph, flow: FlowInput): string {
  assertFlowGraph(graph);
  if (typeof flow !== 'object' || flow === null) throw new InvalidArgumentError('flow', 'expected an object');
  for (const end of ['from', 'to'] as const) {
    if (typeof flow[end] !== 'string') throw new InvalidArgumentError(`flow.${end}`, 'must be a node id');
    if (!graph.hasNode(flow[end])) throw new UnknownNodeError(flow[end]);
  }
  const currency = flow.currency ?? graph.getAttribute('defaultCurrency');
  if (!/^[A-Z]{3}$/.test(currency))
    throw new InvalidArgumentError('flow.currency', 'must be an ISO 4217 code like MXN');
  if (flow.date !== undefined && !isIsoDate(flow.date)) {
    throw new InvalidArgumentError('flow.date', `${JSON.stringify(flow.date)} is not a YYYY-MM-DD date`);
  }
  const attributes: FlowAttributes = {
    from: flow.from,
    to: flow.to,
    amount: toDecimalArgument(flow.amount, 'flow.amount'),
    currency,
    stage: flow.stage === undefined ? 'paid' : assertStage(flow.stage, 'flow.stage'),
    provenance: flow.provenance ?? [],
  };
  if (flow.date !== undefined) attributes.date = flow.date;
  if (flow.period !== undefined) attributes.period = flow.period;
  if (flow.reference !== undefined) attributes.reference = flow.reference;
  if (flow.attributes !== undefined) attributes.attributes = { ...flow.attributes };
  return graph.addEdge(flow.from, flow.to, attributes);
}
