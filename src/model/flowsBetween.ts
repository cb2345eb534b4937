import { UnknownNodeError } from '../errors/UnknownNodeError.js';
import { assertFlowGraph } from './assertFlowGraph.js';
import { checkStageFilter } from './checkStageFilter.js';
import { type StageFilter, type StageTotal, totalByStage } from './StageTotal.js';
import type { FlowAttributes, FlowGraph } from './types.js';

/**
 * Totals the flows from one node to another, by stage and currency. The flows themselves stay in the graph apart.
 *
 * @example
 * flowsBetween(graph, 'ramo:23', 'pp:U128')
 * // [{ stage: 'approved', currency: 'MXN', amount: Decimal('...'), flows: 1 }, { stage: 'paid', ... }]
 */
export function flowsBetween(graph: FlowGraph, from: string, to: string, filter: StageFilter = {}): StageTotal[] {
  assertFlowGraph(graph);
  for (const id of [from, to]) if (!graph.hasNode(id)) throw new UnknownNodeError(id);
  checkStageFilter(filter);
  const flows: FlowAttributes[] = [];
  // forEachOutEdge, not forEachDirectedEdge: with two nodes the latter also walks the edges from `to` back to `from`.
  graph.forEachOutEdge(from, to, (_edge, attributes) => {
    flows.push(attributes);
  });
  return totalByStage(flows, filter);
}
