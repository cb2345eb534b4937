import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { UnknownNodeError } from '../errors/UnknownNodeError.js';
import { assertFlowGraph } from './assertFlowGraph.js';
import { checkStageFilter } from './checkStageFilter.js';
import { type StageFilter, type StageTotal, totalByStage } from './StageTotal.js';
import type { FlowAttributes, FlowGraph } from './types.js';

export interface TraceOptions extends StageFilter {
  /** `down` follows the money to where it went (default); `up` to where it came from. */
  direction?: 'down' | 'up';
  /** Stop after this many hops. Default: no limit. */
  maxDepth?: number;
  /** Stop after this many paths and set `truncated`; the number of simple paths can grow exponentially. */
  maxPaths?: number;
}

/** One step of a path, in the direction the money ran, with the exact totals of the flows between the two nodes. */
export interface TraceHop {
  from: string;
  to: string;
  totals: StageTotal[];
}

export interface TracePath {
  /** Node ids in the order walked from the origin (for `up`, each next node paid the one before it). */
  nodes: string[];
  hops: TraceHop[];
}

export interface TraceResult {
  origin: string;
  direction: 'down' | 'up';
  /** Every maximal simple path from the origin: each ends where the money stops or would revisit a node. */
  paths: TracePath[];
  /** Every node reached, with its distance in hops (the shortest), origin first. */
  reached: Array<{ id: string; depth: number }>;
  /** True when `maxPaths` cut the list of paths short; `reached` is always complete. */
  truncated: boolean;
}

const DEFAULTS = { direction: 'down', maxDepth: Number.POSITIVE_INFINITY, maxPaths: 10_000 } as const;

/**
 * Follows money from a node downstream (where it went) or upstream (where it came from): all simple paths, with the
 * amounts along each hop, filtered by stage and currency when asked.
 *
 * @example
 * const { paths } = trace(graph, 'ramo:23', { stage: 'approved' });
 * paths[0].nodes // ['ramo:23', 'pp:U128', 'ef:21', 'mun:21-005']
 */
export function trace(graph: FlowGraph, origin: string, options: TraceOptions = {}): TraceResult {
  assertFlowGraph(graph);
  if (!graph.hasNode(origin)) throw new UnknownNodeError(origin);
  checkStageFilter(options);
  const settings = { ...DEFAULTS, ...withoutUndefined(options) };
  if (settings.direction !== 'down' && settings.direction !== 'up') {
    throw new InvalidArgumentError('options.direction', 'must be "down" or "up"');
  }
  for (const key of ['maxDepth', 'maxPaths'] as const) {
    const value = settings[key];
    if (!(value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 1))) {
      throw new InvalidArgumentError(`options.${key}`, 'must be a whole number of at least 1');
    }
  }
  const filter: StageFilter = { stage: options.stage, currency: options.currency };
  const down = settings.direction === 'down';
  const nextCache = new Map<string, TraceHop[]>();

  // The hops leaving a node in the walking direction, with at least one flow that passes the filter.
  const nextHops = (node: string): TraceHop[] => {
    let cached = nextCache.get(node);
    if (cached) return cached;
    const byNeighbour = new Map<string, FlowAttributes[]>();
    const collect = (_edge: string, flow: FlowAttributes) => {
      const neighbour = down ? flow.to : flow.from;
      const list = byNeighbour.get(neighbour);
      if (list) list.push(flow);
      else byNeighbour.set(neighbour, [flow]);
    };
    if (down) graph.forEachOutEdge(node, collect);
    else graph.forEachInEdge(node, collect);
    cached = [];
    for (const [neighbour, flows] of byNeighbour) {
      const totals = totalByStage(flows, filter);
      if (totals.length === 0) continue;
      const hop = down ? { from: node, to: neighbour, totals } : { from: neighbour, to: node, totals };
      cached.push(hop);
    }
    nextCache.set(node, cached);
    return cached;
  };
  const far = (hop: TraceHop) => (down ? hop.to : hop.from);

  const reached = new Map<string, number>([[origin, 0]]);
  const queue = [origin];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    const depth = reached.get(node)!;
    if (depth >= settings.maxDepth) continue;
    for (const hop of nextHops(node)) {
      if (!reached.has(far(hop))) {
        reached.set(far(hop), depth + 1);
        queue.push(far(hop));
      }
    }
  }

  // Depth-first over simple paths, with an explicit stack so that long chains cannot overflow the call stack.
  const paths: TracePath[] = [];
  const pathNodes = [origin];
  const pathHops: TraceHop[] = [];
  const onPath = new Set([origin]);
  const stack = [{ next: nextHops(origin), index: 0, extended: false }];
  let truncated = false;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    let advanced = false;
    while (frame.index < frame.next.length) {
      const hop = frame.next[frame.index++]!;
      const node = far(hop);
      if (onPath.has(node)) continue;
      frame.extended = true;
      pathNodes.push(node);
      pathHops.push(hop);
      onPath.add(node);
      stack.push({ next: pathHops.length < settings.maxDepth ? nextHops(node) : [], index: 0, extended: false });
      advanced = true;
      break;
    }
    if (advanced) continue;
    if (!frame.extended && pathHops.length > 0) {
      if (paths.length >= settings.maxPaths) {
        truncated = true;
        break;
      }
      paths.push({ nodes: [...pathNodes], hops: [...pathHops] });
    }
    stack.pop();
    onPath.delete(pathNodes.pop()!);
    pathHops.pop();
  }

  return {
    origin,
    direction: settings.direction,
    paths,
    reached: [...reached].map(([id, depth]) => ({ id, depth })),
    truncated,
  };
}

function withoutUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
