import type { StageFilter, StageTotal } from './StageTotal.js';
import { sumNodeFlows } from './sumNodeFlows.js';
import type { FlowGraph } from './types.js';

/**
 * Totals what a node received, by stage and currency.
 *
 * @example
 * sumInflows(graph, 'pp:U128', { stage: 'approved' }) // [{ stage: 'approved', currency: 'MXN', amount, flows }]
 */
export function sumInflows(graph: FlowGraph, node: string, filter: StageFilter = {}): StageTotal[] {
  return sumNodeFlows(graph, node, 'in', filter);
}
