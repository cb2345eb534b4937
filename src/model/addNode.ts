import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { normalizeTaxId } from './normalizeTaxId.js';
import { assertFlowGraph } from './assertFlowGraph.js';
import { isNodeKind, NODE_KINDS, type NodeKind } from './kinds.js';
import type { FlowGraph, FlowNodeAttributes } from './types.js';

export interface NodeInput {
  id: string;
  kind: NodeKind;
  name?: string;
  taxId?: string;
  attributes?: Record<string, string>;
}

/**
 * Adds a node to the graph and returns its attributes. Adding an id that exists is an error: use `graph.mergeNode...`
 * or check `graph.hasNode(id)` first.
 *
 * @example
 * addNode(graph, { id: 'ramo:23', kind: 'agency', name: 'Provisiones Salariales y Económicas' });
 */
export function addNode(graph: FlowGraph, node: NodeInput): FlowNodeAttributes {
  assertFlowGraph(graph);
  // Ids are taken exactly as given, as addFlow takes them; ingest is where published cells are trimmed.
  const id = typeof node?.id === 'string' ? node.id : '';
  if (id.trim() === '') throw new InvalidArgumentError('node.id', 'must be a string that is not blank');
  if (!isNodeKind(node.kind)) {
    throw new InvalidArgumentError(
      'node.kind',
      `unknown kind ${JSON.stringify(node.kind)}; use ${NODE_KINDS.join(', ')}`,
    );
  }
  if (graph.hasNode(id)) throw new InvalidArgumentError('node.id', `a node ${JSON.stringify(id)} exists already`);
  const attributes: FlowNodeAttributes = {
    id,
    kind: node.kind,
    kindInferred: false,
    name: node.name?.trim() || id,
    attributes: { ...node.attributes },
    balances: [],
  };
  const taxId = node.taxId === undefined ? '' : normalizeTaxId(node.taxId);
  if (taxId !== '') attributes.taxId = taxId;
  graph.addNode(id, attributes);
  return attributes;
}
