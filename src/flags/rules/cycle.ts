import { Decimal } from '../../money/Decimal.js';
import { assertStage, STAGES, type Stage } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import type { FlowAttributes } from '../../model/types.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { stageName } from '../stageName.js';
import type { Flag, FlagRule } from '../types.js';

export interface CycleOptions {
  /** The stages to look for cycles at, each on its own. */
  stages: string[];
  /** A cycle is reported only when more than this went around it (an exact amount). */
  minAmount: string;
}

/** The flows of one stage and currency, with their ends numbered in the graph's order of nodes. */
interface Group {
  stage: Stage;
  currency: string;
  edges: string[];
  flows: FlowAttributes[];
  from: number[];
  to: number[];
}

/** Every flow from one node to another in a group, added up. Ends are numbered within the group. */
interface Hops {
  from: Int32Array;
  to: Int32Array;
  amount: Decimal[];
  /** Each hop's flows, as positions in the group. */
  flows: number[][];
}

/**
 * `cycle`: money that comes back to a node it left (a -> b -> ... -> a), which a budget's chain should never do and
 * which can hide where money ends up. Each stage and currency is looked at on its own: an allotment one way and a
 * payment back are not a cycle, and amounts at different stages are the same money counted twice. Periods and dates are
 * not: money may come back a year later.
 *
 * The groups of nodes that pay one another in a loop (strongly connected components, found in linear time) each give
 * one flag: of the group's cycles, the one that can have carried the most money all the way around, that is whose
 * smallest hop (the flows from one node to the next, added up) is largest. That smallest hop is the amount at stake,
 * and the evidence says how many nodes the group ties together. Hops that net to zero or less carry nothing around.
 */
export const cycle: FlagRule<CycleOptions> = {
  id: 'cycle',
  title: { en: 'Money going around in a circle', es: 'Dinero que da la vuelta' },
  severity: 'medium',
  defaults: { stages: [...STAGES], minAmount: '0' },
  run({ graph }, options) {
    const minAmount = toDecimalArgument(options.minAmount, 'config.cycle.minAmount');
    const stages = new Set(options.stages.map((stage) => assertStage(stage, 'config.cycle.stages')));

    // Nodes are numbered in the graph's order, so the same data always read the same way (a cycle starts at the
    // node that came first).
    const ids: string[] = [];
    const number = new Map<string, number>();
    graph.forEachNode((node) => {
      number.set(node, ids.length);
      ids.push(node);
    });
    // Stage, then currency: a key built per flow would allocate a string for each of a million flows.
    const groups = new Map<Stage, Map<string, Group>>();
    // Data come grouped by payer: the last payer's number is kept at hand. The graph's own key strings are looked up
    // where they are the flow's ends: a map finds the very string it holds faster than an equal one.
    let lastFrom: string | undefined;
    let fromNumber = 0;
    graph.forEachEdge((edge, flow, source, target) => {
      if (!stages.has(flow.stage)) return;
      const from = flow.from === source ? source : flow.from;
      if (from !== lastFrom) {
        lastFrom = from;
        fromNumber = number.get(from)!;
      }
      let byCurrency = groups.get(flow.stage);
      if (!byCurrency) groups.set(flow.stage, (byCurrency = new Map()));
      let group = byCurrency.get(flow.currency);
      if (!group)
        byCurrency.set(
          flow.currency,
          (group = { stage: flow.stage, currency: flow.currency, edges: [], flows: [], from: [], to: [] }),
        );
      group.edges.push(edge);
      group.flows.push(flow);
      group.from.push(fromNumber);
      group.to.push(number.get(flow.to === target ? target : flow.to)!);
    });

    const local = new Int32Array(ids.length).fill(-1);
    const flags: Flag[] = [];
    for (const group of [...groups.values()].flatMap((byCurrency) => [...byCurrency.values()])) {
      for (const loop of loopsOf(group, local)) {
        const around = widestCycle(loop);
        if (!around.amount.greaterThan(minAmount)) continue;
        const path = around.path;
        const nodes = path.map((hop) => ids[loop.members[loop.hops.from[hop]!]!]!);
        const chain = chainOf(nodes, (id) => describeNode(graph, id));
        const most = money(around.amount, group.currency);
        const size = loop.members.length;
        const wider =
          size > nodes.length
            ? {
                en: ` It is one of the loops among ${size} bodies that pay one another.`,
                es: ` Es uno de los circuitos entre ${size} entes que se pagan entre sí.`,
              }
            : { en: '', es: '' };
        flags.push(
          makeFlag({
            rule: 'cycle',
            severity: options.severity,
            nodes,
            flows: path.flatMap((hop) =>
              loop.hops.flows[hop]!.map((f): IndexedFlow => ({ edge: group.edges[f]!, flow: group.flows[f]! })),
            ),
            amount: around.amount,
            currency: group.currency,
            message: {
              en: `Money went ${chain} (${group.stage}); its smallest hop, ${most.en}, is as much as can have gone all the way around.${wider.en}`,
              es: `El dinero fue de ${chain} (${stageName(group.stage).es}); su tramo menor, ${most.es}, es lo más que pudo dar la vuelta completa.${wider.es}`,
            },
            evidence: {
              cycle: nodes,
              hopAmounts: path.map((hop) => loop.hops.amount[hop]!.toFixed()),
              amountAround: around.amount.toFixed(),
              stage: group.stage,
              componentNodes: size,
              componentHops: loop.hops.amount.length,
              minAmount: minAmount.toFixed(),
            },
          }),
        );
      }
    }
    return flags;
  },
};

/**
 * A cycle written for a message, back to its start. A long one is cut in the middle (the evidence lists every node):
 * a sentence naming thousands of bodies cannot be read.
 */
function chainOf(nodes: string[], name: (id: string) => string): string {
  const shown =
    nodes.length <= 8
      ? nodes.map(name)
      : [...nodes.slice(0, 4).map(name), `... ${nodes.length - 6} more ...`, ...nodes.slice(-2).map(name)];
  return [...shown, name(nodes[0]!)].join(' -> ');
}

/** A strongly connected group of nodes: its members (graph numbers, in graph order) and its hops between them. */
interface Loop {
  members: number[];
  hops: Hops;
}

/**
 * The groups of nodes in a stage and currency that pay one another in a loop, with the hops between them. Components
 * are found twice: first over the raw flows, so that a chain with no loop (most budgets) costs one pass and no sums;
 * then over the hops inside those components that net to more than zero, which may split them further.
 */
function loopsOf(group: Group, local: Int32Array): Loop[] {
  const flowCount = group.flows.length;
  const members: number[] = [];
  const from = new Int32Array(flowCount);
  const to = new Int32Array(flowCount);
  for (let f = 0; f < flowCount; f++) {
    from[f] = localNumber(group.from[f]!, local, members);
    to[f] = localNumber(group.to[f]!, local, members);
  }
  for (const node of members) local[node] = -1;
  const size = members.length;
  const first = stronglyConnected(size, from, to);

  let looped = false;
  for (let f = 0; f < flowCount && !looped; f++) looped = first[from[f]!] === first[to[f]!];
  if (!looped) return [];

  const hopFrom: number[] = [];
  const hopTo: number[] = [];
  const hopAmount: Decimal[] = [];
  // Each hop's flows as a chain of positions (first, and next after each), rather than an array per hop.
  const hopFirst: number[] = [];
  const hopLast: number[] = [];
  const next = new Int32Array(flowCount).fill(-1);
  // Flows taken payer by payer (a stable counting sort), so that a payer's hop to each payee is found by the payee
  // alone: no map keyed by pairs, which would hash a million numbers too large for small integers.
  const byPayer = adjacency(size, from, to);
  const hopTowards = new Int32Array(size).fill(-1);
  for (let n = 0; n < size; n++) {
    for (let at = byPayer.start[n]!; at < byPayer.start[n + 1]!; at++) {
      const m = byPayer.targets[at]!;
      if (first[n] !== first[m]) continue;
      const f = byPayer.via[at]!;
      const hop = hopTowards[m]!;
      if (hop === -1 || hopFrom[hop] !== n) {
        hopTowards[m] = hopAmount.length;
        hopFrom.push(n);
        hopTo.push(m);
        hopAmount.push(group.flows[f]!.amount);
        hopFirst.push(f);
        hopLast.push(f);
      } else {
        hopAmount[hop] = hopAmount[hop]!.plus(group.flows[f]!.amount);
        next[hopLast[hop]!] = f;
        hopLast[hop] = f;
      }
    }
  }
  const carrying: number[] = [];
  for (let hop = 0; hop < hopAmount.length; hop++) if (hopAmount[hop]!.greaterThan(0)) carrying.push(hop);
  const second = stronglyConnected(
    size,
    Int32Array.from(carrying, (hop) => hopFrom[hop]!),
    Int32Array.from(carrying, (hop) => hopTo[hop]!),
  );
  const byComponent = new Map<number, number[]>();
  for (const hop of carrying) {
    const component = second[hopFrom[hop]!]!;
    if (component !== second[hopTo[hop]!]) continue;
    const list = byComponent.get(component);
    if (list) list.push(hop);
    else byComponent.set(component, [hop]);
  }

  const loops: Loop[] = [];
  for (const list of byComponent.values()) {
    const inside: number[] = [];
    const hops: Hops = {
      from: new Int32Array(list.length),
      to: new Int32Array(list.length),
      amount: list.map((hop) => hopAmount[hop]!),
      flows: list.map((hop) => {
        const positions: number[] = [];
        for (let f = hopFirst[hop]!; f !== -1; f = next[f]!) positions.push(f);
        return positions;
      }),
    };
    // Numbered again within the component, in graph order, so that its first member is the node that ranks first.
    const ordered = [...new Set(list.flatMap((hop) => [hopFrom[hop]!, hopTo[hop]!]))]
      .map((node) => members[node]!)
      .sort((a, b) => a - b);
    for (const node of ordered) localNumber(node, local, inside);
    list.forEach((hop, h) => {
      hops.from[h] = local[members[hopFrom[hop]!]!]!;
      hops.to[h] = local[members[hopTo[hop]!]!]!;
    });
    for (const node of inside) local[node] = -1;
    loops.push({ members: inside, hops });
  }
  return loops;
}

/** A node's number within a group, given on first sight. */
function localNumber(node: number, local: Int32Array, members: number[]): number {
  if (local[node] === -1) {
    local[node] = members.length;
    members.push(node);
  }
  return local[node]!;
}

/** Outgoing links of each node, as offsets into one array: compact enough for a million flows. */
function adjacency(size: number, from: Int32Array, to: Int32Array, skip = 0) {
  const start = new Int32Array(size + 1);
  for (let l = skip; l < from.length; l++) start[from[l]! + 1]!++;
  for (let n = 0; n < size; n++) start[n + 1]! += start[n]!;
  const fill = start.slice(0, size);
  const targets = new Int32Array(from.length - skip);
  const via = new Int32Array(from.length - skip);
  for (let l = skip; l < from.length; l++) {
    const at = fill[from[l]!]!++;
    targets[at] = to[l]!;
    via[at] = l;
  }
  return { start, targets, via };
}

/**
 * Tarjan's strongly connected components, iterative: a chain of a million transfers would overflow the call stack of a
 * recursive version. Returns each node's component number.
 */
function stronglyConnected(size: number, from: Int32Array, to: Int32Array): Int32Array {
  const { start, targets } = adjacency(size, from, to);
  const order = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const component = new Int32Array(size).fill(-1);
  const stack = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const callNode = new Int32Array(size);
  const callNext = new Int32Array(size);
  let stackTop = 0;
  let counter = 0;
  let components = 0;
  for (let root = 0; root < size; root++) {
    if (order[root] !== -1) continue;
    let depth = 0;
    let n = root;
    order[n] = low[n] = counter++;
    stack[stackTop++] = n;
    onStack[n] = 1;
    callNode[0] = n;
    callNext[0] = start[n]!;
    depth = 1;
    while (depth > 0) {
      n = callNode[depth - 1]!;
      const next = callNext[depth - 1]!;
      if (next < start[n + 1]!) {
        callNext[depth - 1] = next + 1;
        const m = targets[next]!;
        if (order[m] === -1) {
          order[m] = low[m] = counter++;
          stack[stackTop++] = m;
          onStack[m] = 1;
          callNode[depth] = m;
          callNext[depth] = start[m]!;
          depth++;
        } else if (onStack[m] && order[m]! < low[n]!) low[n] = order[m]!;
        continue;
      }
      depth--;
      if (low[n] === order[n]) {
        let m: number;
        do {
          m = stack[--stackTop]!;
          onStack[m] = 0;
          component[m] = components;
        } while (m !== n);
        components++;
      }
      if (depth > 0) {
        const parent = callNode[depth - 1]!;
        if (low[n]! < low[parent]!) low[parent] = low[n]!;
      }
    }
  }
  return component;
}

/**
 * Of the cycles in a strongly connected group, one whose smallest hop is largest, as hop numbers starting at the
 * group's first member, with that amount. Hops are taken from the largest down, by binary search, to the fewest that
 * still close a loop; every loop among them then passes through the smallest of them, so a shortest way back from its
 * end to its start (breadth first) closes the cycle.
 */
function widestCycle({ members, hops }: Loop): { amount: Decimal; path: number[] } {
  const size = members.length;
  const count = hops.amount.length;
  // Ordered by the nearest float first, which never reverses two amounts, and exactly where the floats are equal.
  const near = hops.amount.map((amount) => amount.toNumber());
  const order = Array.from({ length: count }, (_, h) => h).sort(
    (a, b) => near[a]! - near[b]! || hops.amount[a]!.comparedTo(hops.amount[b]!),
  );
  const from = Int32Array.from(order, (h) => hops.from[h]!);
  const to = Int32Array.from(order, (h) => hops.to[h]!);

  // The whole group has a loop (it is strongly connected); find the last position from which the hops still do.
  let loops = 0;
  let none = count;
  while (none - loops > 1) {
    const middle = (loops + none) >>> 1;
    if (hasLoop(size, from, to, middle)) loops = middle;
    else none = middle;
  }
  const { start, targets, via } = adjacency(size, from, to, loops);
  const cameBy = new Int32Array(size).fill(-1);
  const queue = new Int32Array(size);
  let head = 0;
  let tail = 0;
  queue[tail++] = to[loops]!;
  cameBy[to[loops]!] = loops;
  while (head < tail && cameBy[from[loops]!] === -1) {
    const n = queue[head++]!;
    for (let at = start[n]!; at < start[n + 1]!; at++) {
      const m = targets[at]!;
      if (cameBy[m] !== -1) continue;
      cameBy[m] = via[at]!;
      queue[tail++] = m;
    }
  }
  const path: number[] = [];
  for (let n = from[loops]!; n !== to[loops]!; n = from[cameBy[n]!]!) path.push(cameBy[n]!);
  path.push(loops);
  path.reverse();
  // Turned to begin at the member that ranks first (members are numbered in graph order).
  let begin = 0;
  for (let p = 1; p < path.length; p++) if (from[path[p]!]! < from[path[begin]!]!) begin = p;
  const turned = [...path.slice(begin), ...path.slice(0, begin)].map((position) => order[position]!);
  return { amount: hops.amount[order[loops]!]!, path: turned };
}

/** Whether the links from position `skip` on close a loop: a topological sort (Kahn's) that cannot place every node. */
function hasLoop(size: number, from: Int32Array, to: Int32Array, skip: number): boolean {
  const { start, targets } = adjacency(size, from, to, skip);
  const incoming = new Int32Array(size);
  for (let l = skip; l < to.length; l++) incoming[to[l]!]!++;
  const queue = new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let n = 0; n < size; n++) if (incoming[n] === 0) queue[tail++] = n;
  while (head < tail) {
    const n = queue[head++]!;
    for (let at = start[n]!; at < start[n + 1]!; at++) {
      const m = targets[at]!;
      if (--incoming[m]! === 0) queue[tail++] = m;
    }
  }
  return tail < size;
}
