import { MultiDirectedGraph } from 'graphology';
import type { FlowGraph } from './types.js';

export interface CreateFlowGraphOptions {
  /** The currency of flows that do not state one. Default `MXN`. */
  defaultCurrency?: string;
}

/**
 * Creates an empty flow graph: a graphology multi-directed graph, so that several flows between the same two nodes
 * (an allotment and its payments, two contracts) stay apart.
 *
 * @example
 * const graph = createFlowGraph({ defaultCurrency: 'GBP' });
 * graph.order // 0
 */
export function createFlowGraph(options: CreateFlowGraphOptions = {}): FlowGraph {
  const graph: FlowGraph = new MultiDirectedGraph();
  graph.replaceAttributes({ defaultCurrency: options.defaultCurrency ?? 'MXN', notes: [] });
  return graph;
}
