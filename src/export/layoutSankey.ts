import {
  sankey,
  sankeyCenter,
  sankeyJustify,
  sankeyLeft,
  sankeyRight,
  type SankeyGraph as D3Graph,
  type SankeyNode as D3Node,
} from 'd3-sankey';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import type { Stage } from '../model/stages.js';
import type { SankeyData, SankeyLink, SankeyNode } from './SankeyData.js';

export interface LayoutSankeyOptions {
  /** The drawing's width in pixels. Default 960. */
  width?: number;
  /** The drawing's height in pixels. Default 600. */
  height?: number;
  /** The width of each node's bar. Default 15. */
  nodeWidth?: number;
  /**
   * The gap between two nodes of a column. Default 10. Shrunk where a column has so many nodes that the gaps would
   * take more than half the height (see `layoutSankey`).
   */
  nodePadding?: number;
  /** Where a node goes in the columns, as d3-sankey's `nodeAlign`. Default `justify`: where money ends, right. */
  align?: 'justify' | 'left' | 'right' | 'center';
}

/** A node with its place: the bar runs from (x0, y0) to (x1, y1); `layer` is its column, from 0. */
export interface SankeyLayoutNode extends SankeyNode {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  layer: number;
}

/**
 * A link with its place: it leaves its source's bar at (x0, y0) and reaches its target's at (x1, y1), the centre line
 * of a band `width` pixels thick. `source` and `target` stay node ids, so the layout is plain data.
 */
export interface SankeyLayoutLink extends SankeyLink {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  width: number;
}

/** Sankey data laid out: every node and link of the input, in the input's order, with its coordinates. */
export interface SankeyLayout {
  stage: Stage;
  currency: string;
  total: string;
  width: number;
  height: number;
  nodeWidth: number;
  /** The gap between nodes actually used, which may be smaller than the one asked for. */
  nodePadding: number;
  nodes: SankeyLayoutNode[];
  links: SankeyLayoutLink[];
}

const DEFAULTS = { width: 960, height: 600, nodeWidth: 15, nodePadding: 10, align: 'justify' } as const;

const ALIGN = { justify: sankeyJustify, left: sankeyLeft, right: sankeyRight, center: sankeyCenter };

// d3-sankey lets the gaps between nodes take the whole height: a column of a few hundred nodes (every real budget
// unfolded) leaves nothing for the money, and every link comes out 0 pixels wide. The gaps get at most this share.
const MAX_PADDING_SHARE = 0.5;

// While relaxing, d3-sankey re-sorts a node's whole list of links each time one of its neighbours moves, so a node
// with k links costs k² log k per pass: PEF 2016's programmes with ~900 recipients each took 5 s for six passes. Past
// this estimate (the sum of squared degrees) the links are sorted once, at the end, by where their other end lies.
const RESORT_BUDGET = 1_000_000;

type Input = { id: string };
type Link = { index: number; value: number };

/**
 * Lays Sankey data out with d3-sankey, on a copy: the data given is never changed. The known ways d3-sankey fails are
 * handled on purpose: a loop ("circular link"), a link to an unknown node ("missing: id"), a zero, negative or
 * non-finite value and a node without links (NaN coordinates) are refused with an `InvalidArgumentError` naming them
 * (`toSankey` already breaks loops and leaves such links out, with notes); empty data gives an empty layout; gaps are
 * kept to at most half the height; large fans of links are sorted once rather than at every pass.
 *
 * @example
 * const layout = layoutSankey(toSankey(ramo23, { top: 10 }), { width: 800, height: 500 });
 * layout.nodes.find((node) => node.id === 'ramo:23');
 * // { id: 'ramo:23', ..., amount: '54613053674', x0: 0, y0: 21.41, x1: 15, y1: 421.41, layer: 0 }
 */
export function layoutSankey(data: SankeyData, options: LayoutSankeyOptions = {}): SankeyLayout {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const width = size(options.width, DEFAULTS.width, 'options.width');
  const height = size(options.height, DEFAULTS.height, 'options.height');
  const nodeWidth = size(options.nodeWidth, DEFAULTS.nodeWidth, 'options.nodeWidth');
  const padding = options.nodePadding ?? DEFAULTS.nodePadding;
  if (typeof padding !== 'number' || !Number.isFinite(padding) || padding < 0) {
    throw new InvalidArgumentError('options.nodePadding', 'must be a number of pixels, 0 or more');
  }
  const alignName = options.align ?? DEFAULTS.align;
  if (!Object.hasOwn(ALIGN, alignName)) {
    throw new InvalidArgumentError('options.align', 'must be "justify", "left", "right" or "center"');
  }
  if (nodeWidth >= width) throw new InvalidArgumentError('options.nodeWidth', 'must be smaller than the width');
  const index = checkData(data);
  const layout = {
    stage: data.stage,
    currency: data.currency,
    total: data.total,
    width,
    height,
    nodeWidth,
    nodePadding: padding,
  };
  if (data.links.length === 0) return { ...layout, nodes: [], links: [] };

  const order = topologicalOrder(data, index);
  const columns = columnSizes(data, index, order, ALIGN[alignName]);
  const largest = Math.max(...columns);
  const nodePadding = largest > 1 ? Math.min(padding, (height * MAX_PADDING_SHARE) / (largest - 1)) : padding;
  const resortOnce = squaredDegrees(data, index) > RESORT_BUDGET;

  // Fresh objects for d3-sankey to write on: ids and values only, so nothing of the caller's is reachable from them.
  const graph: D3Graph<Input, Link> = {
    nodes: data.nodes.map((node) => ({ id: node.id })),
    links: data.links.map((link, at) => ({ source: link.source, target: link.target, value: link.value, index: at })),
  };
  const generator = sankey<Input, Link>()
    .nodeId((node) => node.id)
    .nodeAlign(ALIGN[alignName])
    .nodeWidth(nodeWidth)
    .nodePadding(nodePadding)
    .extent([
      [0, 0],
      [width, height],
    ]);
  if (resortOnce) generator.linkSort(null);
  generator(graph);
  if (resortOnce) {
    for (const node of graph.nodes) {
      node.sourceLinks!.sort((a, b) => end(a.target).y0! - end(b.target).y0! || a.index - b.index);
      node.targetLinks!.sort((a, b) => end(a.source).y0! - end(b.source).y0! || a.index - b.index);
    }
    generator.update(graph);
  }

  // Fields copied one by one: V8 takes a slow path for `{ ...node, x0 }`, 1 s for PEF 2016's 35,000 nodes.
  return {
    ...layout,
    nodePadding,
    nodes: data.nodes.map((node, at) => {
      const placed = graph.nodes[at]!;
      return {
        id: node.id,
        name: node.name,
        label: node.label,
        kind: node.kind,
        value: node.value,
        amount: node.amount,
        x0: placed.x0!,
        y0: placed.y0!,
        x1: placed.x1!,
        y1: placed.y1!,
        layer: (placed as { layer?: number }).layer!,
      };
    }),
    links: data.links.map((link, at) => {
      const placed = graph.links[at]!;
      return {
        source: link.source,
        target: link.target,
        value: link.value,
        amount: link.amount,
        flows: link.flows,
        kind: link.kind,
        x0: end(placed.source).x1!,
        y0: placed.y0!,
        x1: end(placed.target).x0!,
        y1: placed.y1!,
        width: placed.width!,
      };
    }),
  };
}

function end(node: string | number | D3Node<Input, Link>): D3Node<Input, Link> {
  return node as D3Node<Input, Link>;
}

function size(value: number | undefined, fallback: number, argument: string): number {
  const chosen = value ?? fallback;
  if (typeof chosen !== 'number' || !Number.isFinite(chosen) || chosen <= 0) {
    throw new InvalidArgumentError(argument, 'must be a positive number of pixels');
  }
  return chosen;
}

/** Checks what d3-sankey would choke on, and returns each node's position in `data.nodes` by id. */
function checkData(data: SankeyData): Map<string, number> {
  if (typeof data !== 'object' || data === null || !Array.isArray(data.nodes) || !Array.isArray(data.links)) {
    throw new InvalidArgumentError('data', 'expected Sankey data with nodes and links (see toSankey)');
  }
  const index = new Map<string, number>();
  data.nodes.forEach((node, at) => {
    if (typeof node?.id !== 'string') throw new InvalidArgumentError(`data.nodes[${at}].id`, 'must be a string');
    if (index.has(node.id)) throw new InvalidArgumentError(`data.nodes[${at}].id`, `${node.id} appears twice`);
    index.set(node.id, at);
  });
  const linked = new Set<string>();
  data.links.forEach((link, at) => {
    for (const side of ['source', 'target'] as const) {
      if (!index.has(link?.[side])) {
        throw new InvalidArgumentError(`data.links[${at}].${side}`, `${String(link?.[side])} is not a node's id`);
      }
      linked.add(link[side]);
    }
    if (typeof link.value !== 'number' || !Number.isFinite(link.value) || link.value <= 0) {
      throw new InvalidArgumentError(
        `data.links[${at}].value`,
        `${link.source} -> ${link.target}: a Sankey draws only positive finite values (toSankey leaves others out)`,
      );
    }
  });
  for (const node of data.nodes) {
    if (!linked.has(node.id)) {
      throw new InvalidArgumentError('data.nodes', `${node.id} has no link (toSankey drops such nodes)`);
    }
  }
  return index;
}

/** The nodes in an order where every link goes forward; a loop, which d3-sankey cannot lay out, is refused. */
function topologicalOrder(data: SankeyData, index: Map<string, number>): number[] {
  const incoming = new Array<number>(data.nodes.length).fill(0);
  const out: number[][] = data.nodes.map(() => []);
  for (const link of data.links) {
    const [source, target] = [index.get(link.source)!, index.get(link.target)!];
    out[source]!.push(target);
    incoming[target]!++;
  }
  const order = incoming.flatMap((count, node) => (count === 0 ? [node] : []));
  for (let head = 0; head < order.length; head++) {
    for (const target of out[order[head]!]!) if (--incoming[target]! === 0) order.push(target);
  }
  if (order.length < data.nodes.length) {
    const looped = data.nodes.filter((_node, at) => incoming[at]! > 0).map((node) => node.id);
    throw new InvalidArgumentError(
      'data.links',
      `the links form a loop through ${looped.slice(0, 5).join(', ')}${looped.length > 5 ? ', ...' : ''} ` +
        '(toSankey breaks loops)',
    );
  }
  return order;
}

/**
 * How many nodes each column will hold, with d3-sankey's own align function: depth is the longest path from a node
 * that receives nothing, height the longest path to one that pays nothing, as d3-sankey counts them.
 */
function columnSizes(
  data: SankeyData,
  index: Map<string, number>,
  order: number[],
  align: (node: D3Node<object, object>, n: number) => number,
): number[] {
  type Stub = {
    depth: number;
    height: number;
    sourceLinks: Array<{ target: Stub }>;
    targetLinks: Array<{ source: Stub }>;
  };
  const stubs: Stub[] = data.nodes.map(() => ({ depth: 0, height: 0, sourceLinks: [], targetLinks: [] }));
  for (const link of data.links) {
    const [source, target] = [stubs[index.get(link.source)!]!, stubs[index.get(link.target)!]!];
    source.sourceLinks.push({ target });
    target.targetLinks.push({ source });
  }
  for (const node of order) {
    for (const { target } of stubs[node]!.sourceLinks) target.depth = Math.max(target.depth, stubs[node]!.depth + 1);
  }
  for (const node of [...order].reverse()) {
    for (const { source } of stubs[node]!.targetLinks) source.height = Math.max(source.height, stubs[node]!.height + 1);
  }
  const n = stubs.reduce((deepest, stub) => Math.max(deepest, stub.depth), 0) + 1;
  const counts = new Array<number>(n).fill(0);
  for (const stub of stubs) {
    // The same clamp d3-sankey applies.
    counts[Math.max(0, Math.min(n - 1, Math.floor(align(stub as unknown as D3Node<object, object>, n))))]!++;
  }
  return counts;
}

function squaredDegrees(data: SankeyData, index: Map<string, number>): number {
  const degree = new Array<number>(data.nodes.length * 2).fill(0);
  for (const link of data.links) {
    degree[index.get(link.source)! * 2]!++;
    degree[index.get(link.target)! * 2 + 1]!++;
  }
  return degree.reduce((sum, count) => sum + count * count, 0);
}
