import { UnknownNodeError } from '../errors/UnknownNodeError.js';
import { assertFlowGraph } from './assertFlowGraph.js';
import { checkStageFilter } from './checkStageFilter.js';
import { type StageFilter, type StageTotal, totalByStage } from './StageTotal.js';
import type { FlowAttributes, FlowGraph } from './types.js';

/** The shared body of `sumInflows` and `sumOutflows`. */
export function sumNodeFlows(graph: FlowGraph, node: string, side: 'in' | 'out', filter: StageFilter): StageTotal[] {
  assertFlowGraph(graph);
  if (!graph.hasNode(node)) throw new UnknownNodeError(node);
  checkStageFilter(filter);
  const flows: FlowAttributes[] = [];
  const collect = (_edge: string, attributes: FlowAttributes) => {
    flows.push(attributes);
  };
  if (side === 'in') graph.forEachInEdge(node, collect);
  else graph.forEachOutEdge(node, collect);
  return totalByStage(flows, filter);
}
