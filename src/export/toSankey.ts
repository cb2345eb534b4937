import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { UnknownNodeError } from '../errors/UnknownNodeError.js';
import { Decimal } from '../money/Decimal.js';
import { formatAmount } from '../money/formatAmount.js';
import { assertFlowGraph } from '../model/assertFlowGraph.js';
import { isNodeKind, type NodeKind } from '../model/kinds.js';
import { assertStage, STAGES, type Stage } from '../model/stages.js';
import type { FlowGraph } from '../model/types.js';
import { breakCycles, type ChartLink } from './breakCycles.js';
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
  const stage = options.stage === undefined ? defaultStage(graph) : assertStage(options.stage, 'options.stage');
  const currency = options.currency ?? defaultCurrency(graph, stage);
  const notes: SankeyNote[] = [];
  const money = (amount: Decimal) => formatAmount(amount, { currency, locale: lang, style: 'short' });

  // 1. Flows at the stage and currency, added up per pair of nodes.
  const kinds = options.kinds ? new Set<NodeKind>(options.kinds) : undefined;
  const pairs = new Map<string, ChartLink<Decimal>>();
  const otherCurrencies = new Map<string, { amount: Decimal; flows: number }>();
  graph.forEachEdge((_edge, flow, source, target, sourceNode, targetNode) => {
    if (flow.stage !== stage) return;
    if (flow.currency !== currency) {
      // A chart shows one currency; what it leaves out is said, so that its total is not taken for all the money.
      const other = otherCurrencies.get(flow.currency) ?? { amount: new Decimal(0), flows: 0 };
      other.amount = other.amount.plus(flow.amount);
      other.flows++;
      otherCurrencies.set(flow.currency, other);
      return;
    }
    if (kinds && (!kinds.has(sourceNode.kind) || !kinds.has(targetNode.kind))) return;
    const key = `${source}\u0000${target}`;
    const pair = pairs.get(key);
    if (pair) {
      pair.amount = pair.amount.plus(flow.amount);
      pair.flows++;
    } else pairs.set(key, { source, target, amount: flow.amount, flows: 1 });
  });
  for (const [other, { amount, flows }] of otherCurrencies) {
    notes.push({
      code: 'other-currency-left-out',
      message: `${flows} flows in ${other} at ${stage} (${amount.toFixed()} ${other}) are not in this ${currency} chart`,
      nodes: [],
      amount: amount.toFixed(),
    });
  }
  let links = [...pairs.values()];
  if (options.focus !== undefined) links = around(links, options.focus, options.focusDepth ?? 1);

  // 2. Zero and negative links cannot be drawn.
  const inScope = new Set(links.flatMap((link) => [link.source, link.target]));
  links = links.filter((link) => {
    if (link.amount.isPositive() && !link.amount.isZero()) return true;
    const negative = link.amount.isNegative();
    notes.push({
      code: negative ? 'negative-dropped' : 'zero-dropped',
      message: `${link.source} -> ${link.target}: ${negative ? 'a negative total' : 'a total of zero'} cannot be drawn`,
      nodes: [link.source, link.target],
      amount: link.amount.toFixed(),
    });
    return false;
  });

  // 3. Loops.
  const { kept, removed } = breakCycles(links, (a, b) => a.comparedTo(b));
  for (const link of removed) {
    notes.push({
      code: 'cycle-broken',
      message: `${link.source} -> ${link.target} closes a loop and is left out of the chart`,
      nodes: [link.source, link.target],
      amount: link.amount.toFixed(),
    });
  }
  links = kept;
  const drawn = new Set(links.flatMap((link) => [link.source, link.target]));
  for (const node of inScope) {
    if (!drawn.has(node))
      notes.push({ code: 'lone-node-dropped', message: `${node} has no link left to draw`, nodes: [node] });
  }

  // 4. Columns, then small nodes folded into one "Other" per column.
  const level = levels(links);
  if (options.top !== undefined || minShare !== undefined) {
    links = fold(links, level, options.top, minShare, notes, (column) => `${OTHER}${column}`);
  }

  // 5. In and out of every node; an imbalance becomes an explicit link.
  const inflow = new Map<string, Decimal>();
  const outflow = new Map<string, Decimal>();
  for (const link of links) {
    inflow.set(link.target, (inflow.get(link.target) ?? new Decimal(0)).plus(link.amount));
    outflow.set(link.source, (outflow.get(link.source) ?? new Decimal(0)).plus(link.amount));
  }
  const extra: Array<ChartLink<Decimal> & { kind: SankeyLink['kind'] }> = [];
  for (const [node, received] of inflow) {
    const paid = outflow.get(node);
    if (paid === undefined || paid.equals(received)) continue;
    const difference = received.minus(paid);
    const kind = difference.isPositive() ? 'retained' : 'unexplained';
    const amount = difference.abs();
    extra.push(
      kind === 'retained'
        ? { source: node, target: RETAINED, amount, flows: 0, kind }
        : { source: UNEXPLAINED, target: node, amount, flows: 0, kind },
    );
    notes.push({
      code: kind,
      message:
        kind === 'retained'
          ? `${node} received ${amount.toFixed()} more than it paid out: shown as a link to "${WORDS[lang].retained}"`
          : `${node} paid out ${amount.toFixed()} more than it received: shown as a link from "${WORDS[lang].unexplained}"`,
      nodes: [node],
      amount: amount.toFixed(),
    });
  }

  const all = [...links.map((link) => ({ ...link, kind: 'flow' as const })), ...extra];
  const value = new Map<string, Decimal>();
  for (const link of all) {
    for (const node of [link.source, link.target]) {
      const received = inflow.get(node) ?? new Decimal(0);
      const paid = outflow.get(node) ?? new Decimal(0);
      if (!value.has(node)) value.set(node, Decimal.max(received, paid));
    }
  }
  for (const link of extra) value.set(link.kind === 'retained' ? RETAINED : UNEXPLAINED, new Decimal(0));
  for (const link of extra) {
    const special = link.kind === 'retained' ? RETAINED : UNEXPLAINED;
    value.set(special, value.get(special)!.plus(link.amount));
  }

  const nodes: SankeyNode[] = [...value].map(([id, amount]) => {
    const described = describe(graph, id, lang);
    return {
      id,
      name: described.name,
      label: `${described.name} ${money(amount)}`,
      kind: described.kind,
      value: amount.toNumber(),
      amount: amount.toFixed(),
    };
  });
  const total = links
    .filter((link) => !inflow.has(link.source))
    .reduce((sum, link) => sum.plus(link.amount), new Decimal(0));
  return {
    stage,
    currency,
    total: total.toFixed(),
    nodes,
    links: all.map((link) => ({
      source: link.source,
      target: link.target,
      value: link.amount.toNumber(),
      amount: link.amount.toFixed(),
      flows: link.flows,
      kind: link.kind,
    })),
    notes,
  };
}

function describe(graph: FlowGraph, id: string, lang: 'es' | 'en'): { name: string; kind: SankeyNode['kind'] } {
  if (id === RETAINED) return { name: WORDS[lang].retained, kind: 'retained' };
  if (id === UNEXPLAINED) return { name: WORDS[lang].unexplained, kind: 'unexplained' };
  if (id.startsWith(OTHER)) return { name: WORDS[lang].other, kind: 'other' };
  const node = graph.getNodeAttributes(id);
  return { name: node.name, kind: node.kind };
}

function defaultStage(graph: FlowGraph): Stage {
  const present = new Set<Stage>();
  graph.forEachEdge((_edge, flow) => {
    present.add(flow.stage);
  });
  return STAGES.find((stage) => present.has(stage)) ?? 'approved';
}

function defaultCurrency(graph: FlowGraph, stage: Stage): string {
  const counts = new Map<string, number>();
  graph.forEachEdge((_edge, flow) => {
    if (flow.stage === stage) counts.set(flow.currency, (counts.get(flow.currency) ?? 0) + 1);
  });
  const preferred = graph.getAttribute('defaultCurrency');
  if (counts.has(preferred) || counts.size === 0) return preferred;
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

function readShare(text: string): Decimal {
  if (typeof text !== 'string' || !/^(0(\.\d+)?|1(\.0+)?)$/.test(text.trim())) {
    throw new InvalidArgumentError('options.minShare', 'must be a decimal string from 0 to 1, like "0.01"');
  }
  return new Decimal(text.trim());
}

/** The links within `depth` hops upstream or downstream of a node, along the direction the money runs. */
function around(links: ChartLink<Decimal>[], focus: string, depth: number): ChartLink<Decimal>[] {
  if (!(Number.isInteger(depth) && depth >= 1))
    throw new InvalidArgumentError('options.focusDepth', 'must be a whole number of at least 1');
  const keep = new Set<ChartLink<Decimal>>();
  for (const downstream of [true, false]) {
    let frontier = new Set([focus]);
    const seen = new Set([focus]);
    for (let hop = 0; hop < depth && frontier.size > 0; hop++) {
      const next = new Set<string>();
      for (const link of links) {
        const [near, far] = downstream ? [link.source, link.target] : [link.target, link.source];
        if (!frontier.has(near)) continue;
        keep.add(link);
        if (!seen.has(far)) {
          seen.add(far);
          next.add(far);
        }
      }
      frontier = next;
    }
  }
  return links.filter((link) => keep.has(link));
}

/** Each node's column: the length of the longest path that reaches it (the links are acyclic by now). */
function levels(links: ChartLink<Decimal>[]): Map<string, number> {
  const incoming = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const link of links) {
    incoming.set(link.target, (incoming.get(link.target) ?? 0) + 1);
    if (!incoming.has(link.source)) incoming.set(link.source, incoming.get(link.source) ?? 0);
    const list = out.get(link.source);
    if (list) list.push(link.target);
    else out.set(link.source, [link.target]);
  }
  const level = new Map<string, number>();
  const queue = [...incoming].filter(([, count]) => count === 0).map(([node]) => node);
  for (const node of queue) level.set(node, 0);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const target of out.get(node) ?? []) {
      level.set(target, Math.max(level.get(target) ?? 0, level.get(node)! + 1));
      const left = incoming.get(target)! - 1;
      incoming.set(target, left);
      if (left === 0) queue.push(target);
    }
  }
  return level;
}

/** Folds, per column, the nodes beyond the top N or below the minimum share into that column's "Other" node. */
function fold(
  links: ChartLink<Decimal>[],
  level: Map<string, number>,
  top: number | undefined,
  minShare: Decimal | undefined,
  notes: SankeyNote[],
  otherOf: (column: number) => string,
): ChartLink<Decimal>[] {
  const size = new Map<string, { in: Decimal; out: Decimal }>();
  for (const link of links) {
    for (const [node, side] of [
      [link.source, 'out'],
      [link.target, 'in'],
    ] as const) {
      const entry = size.get(node) ?? { in: new Decimal(0), out: new Decimal(0) };
      entry[side] = entry[side].plus(link.amount);
      size.set(node, entry);
    }
  }
  const columns = new Map<number, Array<[string, Decimal]>>();
  for (const [node, { in: received, out: paid }] of size) {
    const column = level.get(node) ?? 0;
    const list = columns.get(column) ?? [];
    list.push([node, Decimal.max(received, paid)]);
    columns.set(column, list);
  }
  const renamed = new Map<string, string>();
  for (const [column, nodes] of columns) {
    nodes.sort((a, b) => b[1].comparedTo(a[1]) || a[0].localeCompare(b[0]));
    const total = nodes.reduce((sum, [, amount]) => sum.plus(amount), new Decimal(0));
    const folded = nodes.filter(
      ([, amount], at) =>
        (top !== undefined && at >= top) || (minShare !== undefined && amount.lessThan(total.times(minShare))),
    );
    // Folding one node into "Other" would only rename it.
    if (folded.length < 2) continue;
    for (const [node] of folded) renamed.set(node, otherOf(column));
    notes.push({
      code: 'folded',
      message: `${folded.length} nodes of column ${column} folded into "${otherOf(column)}"`,
      nodes: folded.map(([node]) => node),
      amount: folded.reduce((sum, [, amount]) => sum.plus(amount), new Decimal(0)).toFixed(),
    });
  }
  const merged = new Map<string, ChartLink<Decimal>>();
  for (const link of links) {
    const source = renamed.get(link.source) ?? link.source;
    const target = renamed.get(link.target) ?? link.target;
    const key = `${source}\u0000${target}`;
    const existing = merged.get(key);
    if (existing) {
      existing.amount = existing.amount.plus(link.amount);
      existing.flows += link.flows;
    } else merged.set(key, { source, target, amount: link.amount, flows: link.flows });
  }
  return [...merged.values()];
}
