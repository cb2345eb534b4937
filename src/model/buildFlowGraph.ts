import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import type { FlowRecord, IngestResult, NodeRef } from '../ingest/records.js';
import { assertFlowGraph } from './assertFlowGraph.js';
import { createFlowGraph } from './createFlowGraph.js';
import type { NodeKind } from './kinds.js';
import { setOwn } from './setOwn.js';
import type { FlowAttributes, FlowGraph, FlowNodeAttributes, GraphNote, Provenance } from './types.js';
import { appendAll } from '../util/appendAll.js';

export interface BuildFlowGraphOptions {
  /** The currency of the graph's flows that do not state one. Default `MXN`. */
  defaultCurrency?: string;
}

/**
 * Joins what several inputs gave into one flow graph: nodes meet by id, every flow becomes an edge, and balances
 * attach to their node. When inputs describe a node differently, the first description wins and the difference is
 * kept in the graph's `notes`. A node whose kind no input gives is inferred from its place: `source` if it only pays,
 * `recipient` if it only receives, `intermediary` if both, `trust` if it only reports balances.
 *
 * @example
 * const graph = buildFlowGraph([ingestCsv(budget, { file: 'budget.csv' }), ingestCsv(payments, { file: 'pagos.csv' })]);
 */
export function buildFlowGraph(inputs: IngestResult | IngestResult[], options: BuildFlowGraphOptions = {}): FlowGraph {
  const results = Array.isArray(inputs) ? inputs : [inputs];
  for (const [at, result] of results.entries()) {
    if (typeof result !== 'object' || result === null || !Array.isArray(result.flows)) {
      throw new InvalidArgumentError(`inputs[${at}]`, 'expected an ingest result (see ingestCsv)');
    }
  }
  const graph = createFlowGraph(options);
  const declaredKind = new Set<string>();
  const notes = graph.getAttribute('notes');
  const settled: Settled = new WeakSet();
  for (const result of results) {
    for (const flow of result.flows) addFlowRecord(graph, flow, declaredKind, notes, settled);
    appendAll(graph.getAttribute('declaredTotals'), result.declaredTotals ?? []);
    for (const balance of result.balances) {
      mergeNode(graph, { id: balance.node }, balance.provenance, declaredKind, notes);
      graph.getNodeAttribute(balance.node, 'balances').push(balance);
    }
  }
  inferKinds(graph, declaredKind);
  return graph;
}

/** Adds the flows of more inputs to a graph built before; the same rules as `buildFlowGraph`. */
export function addFlowRecords(graph: FlowGraph, flows: Iterable<FlowRecord>): void {
  assertFlowGraph(graph);
  const declaredKind = new Set<string>();
  graph.forEachNode((id, attributes) => {
    if (!attributes.kindInferred) declaredKind.add(id);
  });
  const notes = graph.getAttribute('notes');
  const settled: Settled = new WeakSet();
  for (const flow of flows) addFlowRecord(graph, flow, declaredKind, notes, settled);
  inferKinds(graph, declaredKind);
}

/**
 * Node descriptions already merged into this graph with no effect, and that can have none again: readers that add rows
 * up hand the same description object to every flow of a node, and merging it again would only cost look-ups.
 */
type Settled = WeakSet<NodeRef>;

function addFlowRecord(
  graph: FlowGraph,
  flow: FlowRecord,
  declaredKind: Set<string>,
  notes: GraphNote[],
  settled: Settled,
): void {
  if (!settled.has(flow.from)) mergeNode(graph, flow.from, flow.provenance, declaredKind, notes, settled);
  if (!settled.has(flow.to)) mergeNode(graph, flow.to, flow.provenance, declaredKind, notes, settled);
  const attributes: FlowAttributes = {
    from: flow.from.id,
    to: flow.to.id,
    amount: flow.amount,
    currency: flow.currency,
    stage: flow.stage,
    provenance: [flow.provenance],
  };
  if (flow.date !== undefined) attributes.date = flow.date;
  if (flow.period !== undefined) attributes.period = flow.period;
  if (flow.reference !== undefined) attributes.reference = flow.reference;
  if (flow.attributes !== undefined) attributes.attributes = flow.attributes;
  graph.addEdge(flow.from.id, flow.to.id, attributes);
}

function mergeNode(
  graph: FlowGraph,
  ref: NodeRef,
  provenance: Provenance,
  declaredKind: Set<string>,
  notes: GraphNote[],
  settled?: Settled,
): void {
  if (!graph.hasNode(ref.id)) {
    const attributes: FlowNodeAttributes = {
      id: ref.id,
      kind: ref.kind ?? 'recipient',
      kindInferred: ref.kind === undefined,
      name: ref.name ?? ref.id,
      attributes: { ...ref.attributes },
      balances: [],
    };
    if (ref.taxId !== undefined) attributes.taxId = ref.taxId;
    graph.addNode(ref.id, attributes);
    if (ref.kind !== undefined) declaredKind.add(ref.id);
    return;
  }
  const node = graph.getNodeAttributes(ref.id);
  // A description that agrees with the node in every field it gives changes nothing, now or later: the kind it gives
  // is declared, and its name is not the id (a node named by its id may still take a name from another input).
  if (
    (ref.kind === undefined || (node.kind === ref.kind && declaredKind.has(ref.id))) &&
    (ref.name === undefined || (ref.name === node.name && ref.name !== ref.id)) &&
    (ref.taxId === undefined || ref.taxId === node.taxId) &&
    ref.attributes === undefined
  ) {
    settled?.add(ref);
    return;
  }
  if (ref.kind !== undefined) {
    if (!declaredKind.has(ref.id)) {
      node.kind = ref.kind;
      node.kindInferred = false;
      declaredKind.add(ref.id);
    } else if (node.kind !== ref.kind) {
      notes.push({ code: 'conflicting_kind', node: ref.id, kept: node.kind, ignored: ref.kind, provenance });
    }
  }
  if (ref.name !== undefined && ref.name !== node.name) {
    if (node.name === node.id) node.name = ref.name;
    else notes.push({ code: 'conflicting_name', node: ref.id, kept: node.name, ignored: ref.name, provenance });
  }
  if (ref.taxId !== undefined && ref.taxId !== node.taxId) {
    if (node.taxId === undefined) node.taxId = ref.taxId;
    else notes.push({ code: 'conflicting_tax_id', node: ref.id, kept: node.taxId, ignored: ref.taxId, provenance });
  }
  if (ref.attributes) {
    for (const [key, value] of Object.entries(ref.attributes)) {
      if (!Object.hasOwn(node.attributes, key)) setOwn(node.attributes, key, value);
    }
  }
}

function inferKinds(graph: FlowGraph, declaredKind: Set<string>): void {
  graph.forEachNode((id, attributes) => {
    if (declaredKind.has(id)) return;
    const pays = graph.outDegree(id) > 0;
    const receives = graph.inDegree(id) > 0;
    let kind: NodeKind;
    if (pays && receives) kind = 'intermediary';
    else if (pays) kind = 'source';
    else if (receives) kind = 'recipient';
    else kind = attributes.balances.length > 0 ? 'trust' : 'recipient';
    attributes.kind = kind;
    attributes.kindInferred = true;
  });
}
