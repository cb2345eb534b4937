import type { Decimal } from '../money/Decimal.js';
import { read, readUnits } from '../money/readUnits.js';
import { PairIndex } from '../util/PairIndex.js';
import { STAGES } from './stages.js';
import type { FlowAttributes, FlowGraph, FlowNodeAttributes } from './types.js';

/**
 * Every flow of a graph as columns, in the graph's order of edges: its ends as node numbers (the graph's order of
 * nodes), its stage and currency as small numbers, its amount as an integer count of units where it is one. Made once
 * per graph and kept beside it (see `flowColumns`), so that a chart drawn again with other options, or the rules run
 * after it, walk typed arrays instead of looking every flow's ends up by id.
 *
 * @internal Its shape follows what cauce's own passes need and may change in any release.
 */
export interface FlowColumns {
  readonly size: number;
  /** Node keys, by node number. */
  readonly nodes: readonly string[];
  readonly nodeAttributes: readonly FlowNodeAttributes[];
  /** Node key to node number. */
  readonly nodeNumbers: ReadonlyMap<string, number>;
  /** Edge keys, by row. */
  readonly edges: readonly string[];
  readonly flows: readonly FlowAttributes[];
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Positions in `stages`: STAGES first, in their order, then any other stage text a flow holds. */
  readonly stage: Int32Array;
  readonly stages: readonly string[];
  /** Positions in `currencies`, numbered in the order the flows first name them. */
  readonly currency: Int32Array;
  readonly currencies: readonly string[];
  /** Each flow's amount as the copy read it, to tell whether it was written over since. */
  readonly amounts: readonly Decimal[];
  /** The amount as an integer count of 10^-scale units (see `readUnits`), with its scale; scale -1 where it is not. */
  readonly units: Float64Array;
  readonly scales: Int8Array;
}

/** Each flow's pair of ends, numbered densely in the order the pairs first come in the graph's order of edges. */
export interface FlowPairs {
  /** By row. */
  readonly pair: Int32Array;
  readonly count: number;
}

const kept = new WeakMap<FlowGraph, FlowColumns>();
const keptPairs = new WeakMap<FlowColumns, FlowPairs>();
/** The listener that drops a graph's copy: one per graph, so that it can be found among the graph's listeners. */
const forgetters = new WeakMap<FlowGraph, () => void>();

// Every change made through graphology's methods that could leave the copy behind: its nodes and edges, and the
// attribute objects it holds, which replacing or updating puts new ones in place of.
const CHANGES = [
  'nodeAdded',
  'edgeAdded',
  'nodeDropped',
  'edgeDropped',
  'cleared',
  'edgesCleared',
  'nodeAttributesUpdated',
  'edgeAttributesUpdated',
  'eachNodeAttributesUpdated',
  'eachEdgeAttributesUpdated',
] as const;

/**
 * The graph's flows as columns: made on first use and kept until the graph changes.
 *
 * A change made through the graph's methods drops the copy: graphology says so by events, and the copy's listener is
 * put before any other, so that a page redrawing its chart from its own listener draws the graph as changed. Were the
 * graph's listeners removed (`removeAllListeners`), the copy is not trusted and is made again. A change written
 * straight into a flow's attributes (`flow.amount = ...`) raises no event, so each use also compares the number of
 * nodes and flows, and every flow's amount, stage and currency, with the copy's: a pass over an array that costs a few
 * milliseconds per hundred thousand flows, where making the copy again costs a look-up by id for each end of each flow.
 * What no check can see is an attributes object replaced inside a listener that runs before the copy's, one added
 * with `prependListener` after the copy was made.
 */
export function flowColumns(graph: FlowGraph): FlowColumns {
  const listening = listen(graph);
  const columns = kept.get(graph);
  if (columns && listening && isCurrent(graph, columns)) return columns;
  const made = columnsOf(graph);
  kept.set(graph, made);
  return made;
}

/** Puts the copy's listener first on every change; false when it was not there, on any of them, until now. */
function listen(graph: FlowGraph): boolean {
  let forget = forgetters.get(graph);
  if (forget && CHANGES.every((change) => graph.listeners(change).includes(forget!))) return true;
  if (!forget) {
    forget = () => kept.delete(graph);
    forgetters.set(graph, forget);
  }
  for (const change of CHANGES) {
    graph.removeListener(change, forget);
    graph.prependListener(change, forget);
  }
  return false;
}

function isCurrent(graph: FlowGraph, columns: FlowColumns): boolean {
  if (columns.size !== graph.size || columns.nodes.length !== graph.order) return false;
  const { flows, amounts, stage, stages, currency, currencies } = columns;
  for (let row = 0; row < columns.size; row++) {
    const flow = flows[row]!;
    if (
      flow.amount !== amounts[row] ||
      flow.stage !== stages[stage[row]!] ||
      flow.currency !== currencies[currency[row]!]
    ) {
      return false;
    }
  }
  return true;
}

function columnsOf(graph: FlowGraph): FlowColumns {
  const nodes: string[] = [];
  const nodeAttributes: FlowNodeAttributes[] = [];
  const nodeNumbers = new Map<string, number>();
  graph.forEachNode((node, attributes) => {
    nodeNumbers.set(node, nodes.length);
    nodes.push(node);
    nodeAttributes.push(attributes);
  });
  const size = graph.size;
  const columns = {
    size,
    nodes,
    nodeAttributes,
    nodeNumbers,
    edges: new Array<string>(size),
    flows: new Array<FlowAttributes>(size),
    from: new Int32Array(size),
    to: new Int32Array(size),
    stage: new Int32Array(size),
    stages: [...STAGES] as string[],
    currency: new Int32Array(size),
    currencies: [] as string[],
    amounts: new Array<Decimal>(size),
    units: new Float64Array(size),
    scales: new Int8Array(size),
  };
  const stageNumbers = new Map(columns.stages.map((stage, number) => [stage, number]));
  const currencyNumbers = new Map<string, number>();
  // Data come grouped by payer, often by payee, and nearly always in one currency: the last of each is kept at hand to
  // spare a look-up.
  let lastSource: string | undefined;
  let sourceNumber = 0;
  let lastTarget: string | undefined;
  let targetNumber = 0;
  let lastCurrency: string | undefined;
  let currencyNumber = 0;
  let row = 0;
  graph.forEachEdge((edge, flow, source, target) => {
    if (source !== lastSource) {
      lastSource = source;
      sourceNumber = nodeNumbers.get(source)!;
    }
    if (target !== lastTarget) {
      lastTarget = target;
      targetNumber = nodeNumbers.get(target)!;
    }
    if (flow.currency !== lastCurrency) {
      lastCurrency = flow.currency;
      currencyNumber = numberOf(flow.currency, currencyNumbers, columns.currencies);
    }
    columns.edges[row] = edge;
    columns.flows[row] = flow;
    columns.from[row] = sourceNumber;
    columns.to[row] = targetNumber;
    columns.stage[row] = stageNumbers.get(flow.stage) ?? numberOf(flow.stage, stageNumbers, columns.stages);
    columns.currency[row] = currencyNumber;
    columns.amounts[row] = flow.amount;
    // A graph edited with graphology's own methods may hold anything; what is not a Decimal has no units.
    if (typeof flow.amount === 'object' && flow.amount !== null && readUnits(flow.amount)) {
      columns.units[row] = read.units;
      columns.scales[row] = read.scale;
    } else columns.scales[row] = -1;
    row++;
  });
  return columns;
}

/** The number of a text in `names`, which it joins at the end if it is new. */
function numberOf(text: string, numbers: Map<string, number>, names: string[]): number {
  let number = numbers.get(text);
  if (number === undefined) {
    number = names.length;
    numbers.set(text, number);
    names.push(text);
  }
  return number;
}

/**
 * The columns' pairs of ends: made on first use and kept with the columns, so that a chart adds flows up per pair of
 * nodes by array look-ups, not by hashing each flow's pair again on every drawing.
 */
export function flowPairs(columns: FlowColumns): FlowPairs {
  let pairs = keptPairs.get(columns);
  if (!pairs) {
    const index = new PairIndex();
    const pair = new Int32Array(columns.size);
    for (let row = 0; row < columns.size; row++) pair[row] = index.add(columns.from[row]!, columns.to[row]!);
    pairs = { pair, count: index.size };
    keptPairs.set(columns, pairs);
  }
  return pairs;
}
