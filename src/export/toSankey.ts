import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { UnknownNodeError } from '../errors/UnknownNodeError.js';
import { Decimal } from '../money/Decimal.js';
import { formatAmount } from '../money/formatAmount.js';
import { powerOfTen } from '../money/ScaledAmount.js';
import { assertFlowGraph } from '../model/assertFlowGraph.js';
import { isNodeKind, type NodeKind } from '../model/kinds.js';
import { assertStage, STAGES, type Stage } from '../model/stages.js';
import type { FlowGraph } from '../model/types.js';
import { breakCycles, type ChartLinks } from './breakCycles.js';
import { type ChartArithmetic, DECIMALS, unitsAt } from './chartAmounts.js';
import { type FlowColumns, flowColumns, flowPairs } from '../model/flowColumns.js';
import { largestFirst } from './largestFirst.js';
import { PairIndex } from '../util/PairIndex.js';
import type { SankeyData, SankeyLink, SankeyNode, SankeyNote } from './SankeyData.js';

export interface ToSankeyOptions {
  /** The stage to show. Default: the first stage of the budget cycle the graph has (approved, then modified, ...). */
  stage?: Stage;
  /** The currency to show. Default: the graph's default currency if it has flows in it, else the most used. */
  currency?: string;
  /** Show only flows between nodes of these kinds. Default: every kind. */
  kinds?: NodeKind[];
  /** At each level (column) of the chart keep the N largest nodes and fold the rest into one "Other" node. */
  top?: number;
  /** At each level fold the nodes below this share of the level's money (a decimal string: '0.01' is 1%). */
  minShare?: string;
  /** Show only what flows into and out of this node, up to `focusDepth` hops each way. */
  focus?: string;
  /** Default 1. */
  focusDepth?: number;
  /** The language of labels and notes. Default `es`. */
  lang?: 'es' | 'en';
}

// Ids of the nodes the chart adds; the `cauce:` prefix keeps them apart from the data's own ids.
const RETAINED = 'cauce:retained';
const UNEXPLAINED = 'cauce:unexplained';
const OTHER = 'cauce:other:';

const WORDS = {
  es: { other: 'Otros', retained: 'Retenido o sin explicar', unexplained: 'Origen sin explicar' },
  en: { other: 'Other', retained: 'Retained or unexplained', unexplained: 'Unexplained source' },
};

/**
 * Turns the graph into Sankey-ready data for one stage and currency: string node ids, `{ nodes, links }`, `value` as a
 * number for the chart with the exact amount beside it. What breaks Sankey libraries is handled on purpose and listed
 * in `notes`: loops are broken (see `breakCycles` for the rule), zero and negative links left out, nodes left with no
 * link dropped, small nodes folded into one "Other" node per column, and a node that pays out more or less than it
 * receives gets an explicit link from "Unexplained source" or to "Retained or unexplained", so that d3-sankey does not
 * silently draw the larger side.
 *
 * @example
 * const data = toSankey(graph, { stage: 'approved', top: 10, lang: 'en' });
 * sankey().nodeId((node) => node.id)(structuredClone(data)); // d3-sankey, as it is
 */
export function toSankey(graph: FlowGraph, options: ToSankeyOptions = {}): SankeyData {
  assertFlowGraph(graph);
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const lang = options.lang ?? 'es';
  if (lang !== 'es' && lang !== 'en') throw new InvalidArgumentError('options.lang', 'must be "es" or "en"');
  if (options.kinds !== undefined && (!Array.isArray(options.kinds) || !options.kinds.every(isNodeKind))) {
    throw new InvalidArgumentError('options.kinds', 'must be a list of node kinds');
  }
  if (options.top !== undefined && !(Number.isInteger(options.top) && options.top >= 1)) {
    throw new InvalidArgumentError('options.top', 'must be a whole number of at least 1');
  }
  const minShare = options.minShare === undefined ? undefined : readShare(options.minShare);
  if (options.focus !== undefined && !graph.hasNode(options.focus)) throw new UnknownNodeError(options.focus);
  const columns = flowColumns(graph);
  const stage = options.stage === undefined ? defaultStage(columns) : assertStage(options.stage, 'options.stage');
  const currency = options.currency ?? defaultCurrency(columns, graph.getAttribute('defaultCurrency'), stage);

  const kinds = options.kinds ? new Set<NodeKind>(options.kinds) : undefined;
  const chart: Chart = { graph, options, stage, currency, lang, minShare, notes: [] };

  // 1. Flows at the stage and currency, added up per pair of nodes.
  const units = gather<number>(columns, stage, currency, kinds, false);
  // Amounts too large or too fine for exact integer units are added up again, in Decimals.
  const gathered = units.scale >= 0 ? units : gather<Decimal>(columns, stage, currency, kinds, true);
  for (const [other, { amount, flows }] of gathered.otherCurrencies) {
    chart.notes.push({
      code: 'other-currency-left-out',
      message: `${flows} flows in ${other} at ${stage} (${amount.toFixed()} ${other}) are not in this ${currency} chart`,
      nodes: [],
      amount: amount.toFixed(),
    });
  }
  return gathered === units
    ? draw(unitsAt(units.scale), units.links, units.nodes, chart)
    : draw(DECIMALS, gathered.links as ChartLinks<Decimal>, gathered.nodes, chart);
}

/** What `draw` needs besides the links: the settled options, and the notes it adds to. */
interface Chart {
  graph: FlowGraph;
  options: ToSankeyOptions;
  stage: Stage;
  currency: string;
  lang: 'es' | 'en';
  minShare: Decimal | undefined;
  notes: SankeyNote[];
}

/**
 * The chart's node ids; a node is its position in `ids`, so that the steps below work on arrays of numbers. The graph's
 * nodes keep their numbers from the graph's columns (see `flowColumns`); the nodes the chart adds come after them.
 */
interface NodeIds {
  ids: string[];
  graphNumbers: ReadonlyMap<string, number>;
  added: Map<string, number>;
}

// The nodes the chart adds (Other, Retained, Unexplained) are looked up among the graph's nodes first, so that a data
// node with such an id is the same node.
function positionOf(nodes: NodeIds, id: string): number {
  let position = nodes.graphNumbers.get(id) ?? nodes.added.get(id);
  if (position === undefined) {
    position = nodes.ids.length;
    nodes.added.set(id, position);
    nodes.ids.push(id);
  }
  return position;
}

interface Gathered<Amount> {
  nodes: NodeIds;
  links: ChartLinks<Amount>;
  otherCurrencies: Map<string, { amount: Decimal; flows: number }>;
  /** The scale of the units, or -1 when they would not all be exact. */
  scale: number;
}

/**
 * One pass over the graph's flows, adding them up per pair of nodes: in Decimals if `decimals`, else in integer units
 * at one scale, the largest any flow needs. Units are exact while the sizes of all the flows add up to a safe integer,
 * since every figure a chart shows is a sum or difference of some of them; when they do not, `scale` says so.
 */
function gather<Amount extends number | Decimal>(
  columns: FlowColumns,
  stage: Stage,
  currency: string,
  kinds: Set<NodeKind> | undefined,
  decimals: boolean,
): Gathered<Amount> {
  const nodes: NodeIds = { ids: columns.nodes.slice(), graphNumbers: columns.nodeNumbers, added: new Map() };
  const { pair: pairOf, count: pairs } = flowPairs(columns);
  // Each pair's link, numbered in the order the chart first meets the pair; -1 before.
  const linkOf = new Int32Array(pairs).fill(-1);
  const links: ChartLinks<number | Decimal> = { source: [], target: [], amount: [], flows: [] };
  const { amount } = links;
  const otherCurrencies: Gathered<Amount>['otherCurrencies'] = new Map();
  const stageNumber = columns.stages.indexOf(stage);
  const currencyNumber = columns.currencies.indexOf(currency);
  const { from, to, units, scales, flows, nodeAttributes } = columns;
  let scale = 0;
  let size = 0;
  for (let row = 0; row < columns.size; row++) {
    if (columns.stage[row] !== stageNumber) continue;
    if (columns.currency[row] !== currencyNumber) {
      // A chart shows one currency; what it leaves out is said, so that its total is not taken for all the money.
      const flow = flows[row]!;
      const other = otherCurrencies.get(flow.currency) ?? { amount: new Decimal(0), flows: 0 };
      other.amount = other.amount.plus(flow.amount);
      other.flows++;
      otherCurrencies.set(flow.currency, other);
      continue;
    }
    const source = from[row]!;
    const target = to[row]!;
    if (kinds && (!kinds.has(nodeAttributes[source]!.kind) || !kinds.has(nodeAttributes[target]!.kind))) continue;
    const count = links.source.length;
    let pair = linkOf[pairOf[row]!]!;
    if (pair === -1) {
      pair = linkOf[pairOf[row]!] = count;
      links.source.push(source);
      links.target.push(target);
      links.flows.push(0);
    }
    links.flows[pair]!++;
    if (decimals) {
      const each = flows[row]!.amount;
      amount[pair] = pair === count ? each : (amount[pair] as Decimal).plus(each);
      continue;
    }
    if (scale < 0) continue;
    const flowScale = scales[row]!;
    if (flowScale < 0) {
      scale = -1;
      continue;
    }
    if (flowScale > scale) {
      // Rare: a flow with more decimals than any before it. Every figure so far moves to its scale.
      const power = powerOfTen(flowScale - scale);
      for (let at = 0; at < amount.length; at++) amount[at] = (amount[at] as number) * power;
      size *= power;
      scale = flowScale;
    }
    const each = units[row]! * powerOfTen(scale - flowScale);
    size += Math.abs(each);
    if (!Number.isSafeInteger(size)) scale = -1;
    else amount[pair] = pair === count ? each : (amount[pair] as number) + each;
  }
  return { nodes, links: links as ChartLinks<Amount>, otherCurrencies, scale };
}

/**
 * Steps 2 to 6 of the chart, on the pairs `gather` added up; `arithmetic` is how their amounts are held. Loops over
 * links and nodes here and in `fold` are indexed: a chart's first drawing runs each of them once, mostly before V8 has
 * optimized it, and a for-of or a callback there makes an object per element (about 20 MB on 319,436 flows).
 */
function draw<Amount>(
  arithmetic: ChartArithmetic<Amount>,
  pairs: ChartLinks<Amount>,
  nodes: NodeIds,
  chart: Chart,
): SankeyData {
  const { graph, options, stage, currency, lang, notes } = chart;
  const { ids } = nodes;
  const money = (amount: Amount) =>
    formatAmount(arithmetic.toDecimal(amount), { currency, locale: lang, style: 'short' });
  let links = pairs;
  if (options.focus !== undefined) {
    links = around(links, nodes.graphNumbers.get(options.focus) ?? -1, options.focusDepth ?? 1, ids.length);
  }

  // A note on one link, left out for the reason `why` ends its message with.
  const leftOut = (code: SankeyNote['code'], from: ChartLinks<Amount>, at: number, why: string) => {
    const [source, target] = [ids[from.source[at]!]!, ids[from.target[at]!]!];
    notes.push({
      code,
      message: `${source} -> ${target}${why}`,
      nodes: [source, target],
      amount: arithmetic.toFixed(from.amount[at]!),
    });
  };

  // 2. Zero and negative links cannot be drawn.
  const inScope = nodesOf(links, ids.length);
  const scoped = links;
  let allDrawable = true;
  for (let at = 0; at < scoped.amount.length && allDrawable; at++)
    allDrawable = arithmetic.isAboveZero(scoped.amount[at]!);
  if (!allDrawable) {
    links = select(scoped, (at) => {
      if (arithmetic.isAboveZero(scoped.amount[at]!)) return true;
      const negative = arithmetic.isNegative(scoped.amount[at]!);
      const why = `: ${negative ? 'a negative total' : 'a total of zero'} cannot be drawn`;
      leftOut(negative ? 'negative-dropped' : 'zero-dropped', scoped, at, why);
      return false;
    });
  }

  // 3. Loops. Most charts have none, which finding the columns tells at no extra cost.
  let level = levels(links, inScope, ids.length);
  if (level === undefined) {
    const removed = breakCycles(links, ids, arithmetic.compare);
    const gone = new Uint8Array(links.source.length);
    for (const at of removed) {
      gone[at] = 1;
      leftOut('cycle-broken', links, at, ' closes a loop and is left out of the chart');
    }
    const cyclic = links;
    links = select(cyclic, (at) => gone[at] === 0);
    level = levels(links, inScope, ids.length)!;
  }
  // With no link left out, every node in scope is still drawn.
  const drawn = links === scoped ? inScope : nodesOf(links, ids.length);
  if (drawn.length < inScope.length) {
    const isDrawn = new Uint8Array(ids.length);
    for (let at = 0; at < drawn.length; at++) isDrawn[drawn[at]!] = 1;
    for (let at = 0; at < inScope.length; at++) {
      const node = inScope[at]!;
      if (isDrawn[node] === 0) {
        notes.push({
          code: 'lone-node-dropped',
          message: `${ids[node]} has no link left to draw`,
          nodes: [ids[node]!],
        });
      }
    }
  }

  // 4. Small nodes folded into one "Other" per column.
  if (options.top !== undefined || chart.minShare !== undefined) {
    links = fold(arithmetic, links, drawn, level, options.top, chart.minShare, notes, nodes);
  }

  // 5. In and out of every node; an imbalance becomes an explicit link.
  const { source, target, amount, flows } = links;
  const { inflow, outflow, receives, pays, receivers } = inAndOut(arithmetic, links, ids.length);
  const extra: Array<{ source: number; target: number; amount: Amount; kind: 'retained' | 'unexplained' }> = [];
  for (let at = 0; at < receivers.length; at++) {
    const node = receivers[at]!;
    const received = inflow[node]!;
    const paid = pays[node] === 1 ? outflow[node] : undefined;
    if (paid === undefined || arithmetic.compare(paid, received) === 0) continue;
    const difference = arithmetic.minus(received, paid);
    const kind = arithmetic.isAboveZero(difference) ? 'retained' : 'unexplained';
    const size = arithmetic.abs(difference);
    extra.push(
      kind === 'retained'
        ? { source: node, target: positionOf(nodes, RETAINED), amount: size, kind }
        : { source: positionOf(nodes, UNEXPLAINED), target: node, amount: size, kind },
    );
    const exact = arithmetic.toFixed(size);
    notes.push({
      code: kind,
      message:
        kind === 'retained'
          ? `${ids[node]} received ${exact} more than it paid out: shown as a link to "${WORDS[lang].retained}"`
          : `${ids[node]} paid out ${exact} more than it received: shown as a link from "${WORDS[lang].unexplained}"`,
      nodes: [ids[node]!],
      amount: exact,
    });
  }

  // 6. Each node's size: the larger of what it receives and what it pays.
  const value = new Array<Amount>(ids.length).fill(arithmetic.zero);
  const isShown = new Uint8Array(ids.length);
  const shown: number[] = [];
  const size = (node: number) => {
    if (isShown[node] === 1) return;
    isShown[node] = 1;
    shown.push(node);
    // The Retained and Unexplained nodes came after in and out were added up: their size is their link's, below.
    value[node] = node < inflow.length ? larger(arithmetic, inflow[node]!, outflow[node]!) : arithmetic.zero;
  };
  for (let at = 0; at < source.length; at++) {
    size(source[at]!);
    size(target[at]!);
  }
  for (const link of extra) {
    size(link.source);
    size(link.target);
  }
  for (const link of extra) value[link.kind === 'retained' ? link.target : link.source] = arithmetic.zero;
  for (const link of extra) {
    const special = link.kind === 'retained' ? link.target : link.source;
    value[special] = arithmetic.plus(value[special]!, link.amount);
  }

  const chartNodes: SankeyNode[] = shown.map((node) => {
    const described = describe(graph, ids[node]!, lang);
    const each = value[node]!;
    return {
      id: ids[node]!,
      name: described.name,
      label: `${described.name} ${money(each)}`,
      kind: described.kind,
      value: arithmetic.toNumber(each),
      amount: arithmetic.toFixed(each),
    };
  });
  let total = arithmetic.zero;
  for (let at = 0; at < source.length; at++) {
    if (receives[source[at]!] === 0) total = arithmetic.plus(total, amount[at]!);
  }
  const link = (from: number, to: number, each: Amount, count: number, kind: SankeyLink['kind']): SankeyLink => ({
    source: ids[from]!,
    target: ids[to]!,
    value: arithmetic.toNumber(each),
    amount: arithmetic.toFixed(each),
    flows: count,
    kind,
  });
  const chartLinks = source.map((from, at) => link(from, target[at]!, amount[at]!, flows[at]!, 'flow'));
  for (const each of extra) chartLinks.push(link(each.source, each.target, each.amount, 0, each.kind));
  return { stage, currency, total: arithmetic.toFixed(total), nodes: chartNodes, links: chartLinks, notes };
}

/**
 * What each node receives and pays (the arithmetic's own zero for none), whether it pays, and the nodes that receive,
 * in the order they first do. The arrays are made whole at once, and hold no undefined: filled at scattered positions
 * they would turn sparse, and holding undefined they would box every double.
 */
function inAndOut<Amount>(arithmetic: ChartArithmetic<Amount>, links: ChartLinks<Amount>, count: number) {
  const inflow = new Array<Amount>(count).fill(arithmetic.zero);
  const outflow = new Array<Amount>(count).fill(arithmetic.zero);
  const receives = new Uint8Array(count);
  const pays = new Uint8Array(count);
  const receivers: number[] = [];
  for (let at = 0; at < links.source.length; at++) {
    const from = links.source[at]!;
    const to = links.target[at]!;
    if (receives[to] === 0) {
      receives[to] = 1;
      receivers.push(to);
    }
    pays[from] = 1;
    inflow[to] = arithmetic.plus(inflow[to]!, links.amount[at]!);
    outflow[from] = arithmetic.plus(outflow[from]!, links.amount[at]!);
  }
  return { inflow, outflow, receives, pays, receivers };
}

/** A node's size: the larger of what it receives and what it pays. */
function larger<Amount>(arithmetic: ChartArithmetic<Amount>, received: Amount, paid: Amount) {
  return arithmetic.compare(received, paid) < 0 ? paid : received;
}

/** The links for which `keep` says yes, in their order. */
function select<Amount>(links: ChartLinks<Amount>, keep: (at: number) => boolean): ChartLinks<Amount> {
  const kept: ChartLinks<Amount> = { source: [], target: [], amount: [], flows: [] };
  for (let at = 0; at < links.source.length; at++) {
    if (!keep(at)) continue;
    kept.source.push(links.source[at]!);
    kept.target.push(links.target[at]!);
    kept.amount.push(links.amount[at]!);
    kept.flows.push(links.flows[at]!);
  }
  return kept;
}

/** The nodes of the links in the order they first come, each link's source before its target. */
function nodesOf(links: ChartLinks<unknown>, count: number): number[] {
  const seen = new Uint8Array(count);
  const order: number[] = [];
  for (let at = 0; at < links.source.length; at++) {
    const source = links.source[at]!;
    const target = links.target[at]!;
    if (seen[source] === 0) {
      seen[source] = 1;
      order.push(source);
    }
    if (seen[target] === 0) {
      seen[target] = 1;
      order.push(target);
    }
  }
  return order;
}

function describe(graph: FlowGraph, id: string, lang: 'es' | 'en'): { name: string; kind: SankeyNode['kind'] } {
  if (id === RETAINED) return { name: WORDS[lang].retained, kind: 'retained' };
  if (id === UNEXPLAINED) return { name: WORDS[lang].unexplained, kind: 'unexplained' };
  if (id.startsWith(OTHER)) return { name: WORDS[lang].other, kind: 'other' };
  const node = graph.getNodeAttributes(id);
  return { name: node.name, kind: node.kind };
}

function defaultStage(columns: FlowColumns): Stage {
  const present = new Uint8Array(columns.stages.length);
  for (let row = 0; row < columns.size; row++) present[columns.stage[row]!] = 1;
  return STAGES.find((_stage, number) => present[number] === 1) ?? 'approved';
}

/** The graph's own currency (`preferred`) if it has flows at the stage, else the one most of them are in. */
function defaultCurrency(columns: FlowColumns, preferred: string, stage: Stage): string {
  const stageNumber = STAGES.indexOf(stage);
  const counts = new Int32Array(columns.currencies.length);
  // The currencies in the order the stage's flows first name them, which breaks a tie.
  const named: number[] = [];
  for (let row = 0; row < columns.size; row++) {
    if (columns.stage[row] !== stageNumber) continue;
    const currency = columns.currency[row]!;
    if (counts[currency]!++ === 0) named.push(currency);
  }
  const own = columns.currencies.indexOf(preferred);
  if (named.length === 0 || (own >= 0 && counts[own]! > 0)) return preferred;
  let most = named[0]!;
  for (const currency of named) if (counts[currency]! > counts[most]!) most = currency;
  return columns.currencies[most]!;
}

function readShare(text: string): Decimal {
  if (typeof text !== 'string' || !/^(0(\.\d+)?|1(\.0+)?)$/.test(text.trim())) {
    throw new InvalidArgumentError('options.minShare', 'must be a decimal string from 0 to 1, like "0.01"');
  }
  return new Decimal(text.trim());
}

/** The links within `depth` hops upstream or downstream of a node, along the direction the money runs. */
function around<Amount>(links: ChartLinks<Amount>, focus: number, depth: number, count: number): ChartLinks<Amount> {
  if (!(Number.isInteger(depth) && depth >= 1))
    throw new InvalidArgumentError('options.focusDepth', 'must be a whole number of at least 1');
  const keep = new Uint8Array(links.source.length);
  for (const downstream of [true, false]) {
    const [near, far] = downstream ? [links.source, links.target] : [links.target, links.source];
    // The hop at which a node joined the frontier; a node joins it at most once.
    const joined = new Float64Array(count).fill(-1);
    let frontier = 0;
    if (focus >= 0) {
      joined[focus] = 0;
      frontier = 1;
    }
    for (let hop = 0; hop < depth && frontier > 0; hop++) {
      frontier = 0;
      for (let at = 0; at < near.length; at++) {
        if (joined[near[at]!] !== hop) continue;
        keep[at] = 1;
        if (joined[far[at]!] === -1) {
          joined[far[at]!] = hop + 1;
          frontier++;
        }
      }
    }
  }
  return select(links, (at) => keep[at] === 1);
}

/**
 * Each node's column: the length of the longest path that reaches it. Undefined when the links have a loop, which is
 * when some of `nodes` (every node of the links, and maybe more) is never reached with all its incoming links counted.
 */
function levels(links: ChartLinks<unknown>, nodes: number[], count: number): Int32Array | undefined {
  const { source, target } = links;
  // Each node's links out, as one array sliced by node: `reach[start[n]]` up to `reach[start[n + 1]]`.
  const incoming = new Int32Array(count);
  const start = new Int32Array(count + 1);
  for (let at = 0; at < source.length; at++) {
    incoming[target[at]!]!++;
    start[source[at]! + 1]!++;
  }
  for (let node = 0; node < count; node++) start[node + 1]! += start[node]!;
  const fill = start.slice(0, count);
  const reach = new Int32Array(source.length);
  for (let at = 0; at < source.length; at++) reach[fill[source[at]!]!++] = target[at]!;
  const level = new Int32Array(count);
  const queue = new Int32Array(nodes.length);
  let tail = 0;
  for (let at = 0; at < nodes.length; at++) if (incoming[nodes[at]!] === 0) queue[tail++] = nodes[at]!;
  for (let head = 0; head < tail; head++) {
    const node = queue[head]!;
    for (let at = start[node]!; at < start[node + 1]!; at++) {
      const reached = reach[at]!;
      level[reached] = Math.max(level[reached]!, level[node]! + 1);
      if (--incoming[reached]! === 0) queue[tail++] = reached;
    }
  }
  return tail === nodes.length ? level : undefined;
}

/** Folds, per column, the nodes beyond the top N or below the minimum share into that column's "Other" node. */
function fold<Amount>(
  arithmetic: ChartArithmetic<Amount>,
  links: ChartLinks<Amount>,
  drawn: number[],
  level: Int32Array,
  top: number | undefined,
  minShare: Decimal | undefined,
  notes: SankeyNote[],
  nodes: NodeIds,
): ChartLinks<Amount> {
  const { ids } = nodes;
  const { inflow, outflow } = inAndOut(arithmetic, links, ids.length);
  const size = new Array<Amount>(ids.length).fill(arithmetic.zero);
  const columns = new Map<number, number[]>();
  for (let at = 0; at < drawn.length; at++) {
    const node = drawn[at]!;
    size[node] = larger(arithmetic, inflow[node]!, outflow[node]!);
    const column = level[node]!;
    const list = columns.get(column);
    if (list) list.push(node);
    else columns.set(column, [node]);
  }
  const renamed = new Int32Array(ids.length).fill(-1);
  for (const [column, list] of columns) {
    const sorted = largestFirst(list, size, ids, arithmetic.compare, typeof arithmetic.zero === 'number');
    let total = arithmetic.zero;
    for (let at = 0; at < sorted.length; at++) total = arithmetic.plus(total, size[sorted[at]!]!);
    const bar = minShare === undefined ? undefined : arithmetic.threshold(total, minShare);
    const folded: number[] = [];
    for (let at = 0; at < sorted.length; at++) {
      const node = sorted[at]!;
      if ((top !== undefined && at >= top) || (bar !== undefined && arithmetic.compare(size[node]!, bar) < 0)) {
        folded.push(node);
      }
    }
    // Folding one node into "Other" would only rename it.
    if (folded.length < 2) continue;
    const other = positionOf(nodes, `${OTHER}${column}`);
    let amount = arithmetic.zero;
    const foldedIds: string[] = [];
    for (let at = 0; at < folded.length; at++) {
      const node = folded[at]!;
      renamed[node] = other;
      amount = arithmetic.plus(amount, size[node]!);
      foldedIds.push(ids[node]!);
    }
    notes.push({
      code: 'folded',
      message: `${folded.length} nodes of column ${column} folded into "${OTHER}${column}"`,
      nodes: foldedIds,
      amount: arithmetic.toFixed(amount),
    });
  }
  const pairs = new PairIndex();
  const merged: ChartLinks<Amount> = { source: [], target: [], amount: [], flows: [] };
  for (let at = 0; at < links.source.length; at++) {
    const source = links.source[at]!;
    const target = links.target[at]!;
    const from = renamed[source]! >= 0 ? renamed[source]! : source;
    const to = renamed[target]! >= 0 ? renamed[target]! : target;
    const count = pairs.size;
    const pair = pairs.add(from, to);
    if (pair === count) {
      merged.source.push(from);
      merged.target.push(to);
      merged.amount.push(links.amount[at]!);
      merged.flows.push(links.flows[at]!);
    } else {
      merged.amount[pair] = arithmetic.plus(merged.amount[pair]!, links.amount[at]!);
      merged.flows[pair]! += links.flows[at]!;
    }
  }
  return merged;
}
