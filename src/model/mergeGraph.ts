import { assertFlowGraph } from './assertFlowGraph.js';
import type { FlowGraph } from './types.js';

/**
 * Adds another graph's nodes, flows, balances and declared totals to a graph: nodes meet by id (the first
 * description wins, as in buildFlowGraph), every flow is added as its own edge.
 *
 * @example
 * mergeGraph(graph, fromGraphJson(savedJson));
 */
export function mergeGraph(graph: FlowGraph, other: FlowGraph): FlowGraph {
  assertFlowGraph(graph);
  assertFlowGraph(other, 'other');
  other.forEachNode((id, attributes) => {
    if (!graph.hasNode(id)) {
      graph.addNode(id, {
        ...attributes,
        attributes: { ...attributes.attributes },
        balances: [...attributes.balances],
      });
    } else {
      for (const balance of attributes.balances) graph.getNodeAttribute(id, 'balances').push(balance);
    }
  });
  other.forEachEdge((_edge, flow) => {
    graph.addEdge(flow.from, flow.to, { ...flow, provenance: [...flow.provenance] });
  });
  for (const total of other.getAttribute('declaredTotals')) graph.getAttribute('declaredTotals').push(total);
  for (const note of other.getAttribute('notes')) graph.getAttribute('notes').push(note);
  return graph;
}
