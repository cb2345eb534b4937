import type { FlowGraph } from '../model/types.js';

/** How a message names a node: its name, with its id when the two differ ("Secretaría de Salud (ramo:12)"). */
export function describeNode(graph: FlowGraph, id: string): string {
  const name = graph.hasNode(id) ? graph.getNodeAttribute(id, 'name') : id;
  return name === id ? id : `${name} (${id})`;
}
