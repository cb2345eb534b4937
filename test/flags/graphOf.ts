import { addFlow, addNode, createFlowGraph, type FlowGraph, type NodeKind, type Stage } from '../../src/index.js';

export type NodeSpec = [id: string, kind: NodeKind, taxId?: string];
export type FlowSpec = [
  from: string,
  to: string,
  amount: string,
  stage?: Stage,
  extra?: { date?: string; period?: string; reference?: string; currency?: string },
];

/** A small graph for a rule's test: nodes with their kinds (and tax ids), flows with amounts as exact strings. */
export function graphOf(nodes: NodeSpec[], flows: FlowSpec[]): FlowGraph {
  const graph = createFlowGraph();
  for (const [id, kind, taxId] of nodes) addNode(graph, { id, kind, ...(taxId ? { taxId } : {}) });
  for (const [from, to, amount, stage = 'paid', extra = {}] of flows) {
    addFlow(graph, {
      from,
      to,
      amount,
      stage,
      provenance: [{ file: 'test.csv', firstRow: 2, lastRow: 2, rows: 1 }],
      ...extra,
    });
  }
  return graph;
}
