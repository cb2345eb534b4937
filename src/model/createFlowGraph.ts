import { MultiDirectedGraph } from 'graphology';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
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
  const defaultCurrency = options.defaultCurrency ?? 'MXN';
  if (typeof defaultCurrency !== 'string' || !/^[A-Z]{3}$/.test(defaultCurrency)) {
    throw new InvalidArgumentError('options.defaultCurrency', 'must be an ISO 4217 code like MXN');
  }
  const graph: FlowGraph = new MultiDirectedGraph();
  graph.replaceAttributes({ defaultCurrency, notes: [], declaredTotals: [] });
  return graph;
}
