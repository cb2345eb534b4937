import type { StageFilter, StageTotal } from './StageTotal.js';
import { sumNodeFlows } from './sumNodeFlows.js';
import type { FlowGraph } from './types.js';

/**
 * Totals what a node paid out, by stage and currency.
 *
 * @example
 * sumOutflows(graph, 'ramo:23', { stage: 'paid' }) // [{ stage: 'paid', currency: 'MXN', amount, flows }]
 */
export function sumOutflows(graph: FlowGraph, node: string, filter: StageFilter = {}): StageTotal[] {
  return sumNodeFlows(graph, node, 'out', filter);
}
