import { assertFlowGraph } from './assertFlowGraph.js';
import { type StageTotal, totalByStage } from './StageTotal.js';
import type { FlowAttributes, FlowGraph } from './types.js';

export interface GraphSummary {
  nodes: number;
  flows: number;
  /** Every flow added up by stage and currency. In a chain (ramo -> programme -> state) each level counts once more. */
  byStage: StageTotal[];
  /**
   * The money that enters the graph: flows from nodes that receive nothing at that stage and currency. In a chain this
   * is the total at its top, counted once.
   */
  entering: StageTotal[];
}

/**
 * Counts a graph's nodes and flows and totals its money by stage and currency.
 *
 * @example
 * summarizeGraph(graph).entering // [{ stage: 'approved', currency: 'MXN', amount: Decimal('54613050...'), flows: 11 }]
 */
export function summarizeGraph(graph: FlowGraph): GraphSummary {
  assertFlowGraph(graph);
  const receives = new Set<string>();
  graph.forEachEdge((_edge, flow) => {
    receives.add(`${flow.to}\u0000${flow.stage}\u0000${flow.currency}`);
  });
  const all: FlowAttributes[] = [];
  const entering: FlowAttributes[] = [];
  graph.forEachEdge((_edge, flow) => {
    all.push(flow);
    if (!receives.has(`${flow.from}\u0000${flow.stage}\u0000${flow.currency}`)) entering.push(flow);
  });
  return { nodes: graph.order, flows: graph.size, byStage: totalByStage(all), entering: totalByStage(entering) };
}
