import type { Decimal } from '../../money/Decimal.js';
import { assertStage, STAGES, type Stage } from '../../model/stages.js';
import { stageMask } from '../paymentRows.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import type { FlowTable } from '../FlowTable.js';
import { GroupSums } from '../GroupSums.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import type { Scratch } from '../Scratch.js';
import { stageName } from '../stageName.js';
import type { Flag, FlagRule } from '../types.js';

export interface CycleOptions {
  /** The stages to look for cycles at, each on its own. */
  stages: string[];
  /** A cycle is reported only when more than this went around it (an exact amount). */
  minAmount: string;
}

/** The flows of one stage and currency, as rows of the table, in the graph's order. */
interface Group {
  stage: Stage;
  currency: string;
  rows: Int32Array;
}

/**
 * Every flow from one node to another in a group, added up: the sums exactly, by hop number, and each hop's flows as a
 * chain of positions in the group (its first, and the next after each) rather than an array per hop.
 */
interface Hops {
  sums: GroupSums;
  first: number[];
  next: Int32Array;
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
  run({ graph, index }, options) {
    const minAmount = toDecimalArgument(options.minAmount, 'config.cycle.minAmount');
    const stages = new Set(options.stages.map((stage) => assertStage(stage, 'config.cycle.stages')));

    // The table numbers nodes in the graph's order, so the same data always read the same way (a cycle starts at the
    // node that came first).
    const table = index.table();
    const { scratch } = index;
    const local = scratch.int32(table.nodes.length, -1);
    const flags: Flag[] = [];
    for (const group of groupsOf(table, stages, scratch)) {
      for (const loop of loopsOf(table, group, local, scratch)) {
        // Its arrays are not read after it returns: handed back for the next loop's.
        const mark = scratch.mark();
        const around = widestCycle(loop, scratch);
        scratch.releaseTo(mark);
        if (!around.amount.greaterThan(minAmount)) continue;
        const path = around.path;
        const nodes = path.map((hop) => table.nodes[loop.members[loop.from[hop]!]!]!);
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
            flows: path.flatMap((hop) => flowsOf(table, group, loop.hops, loop.ids[hop]!)),
            amount: around.amount,
            currency: group.currency,
            message: {
              en: `Money went ${chain} (${group.stage}); its smallest hop, ${most.en}, is as much as can have gone all the way around.${wider.en}`,
              es: `El dinero fue de ${chain} (${stageName(group.stage).es}); su tramo menor, ${most.es}, es lo más que pudo dar la vuelta completa.${wider.es}`,
            },
            evidence: {
              cycle: nodes,
              hopAmounts: path.map((hop) => loop.hops.sums.value(loop.ids[hop]!).toFixed()),
              amountAround: around.amount.toFixed(),
              stage: group.stage,
              componentNodes: size,
              componentHops: loop.ids.length,
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

/**
 * The flows of each stage and currency the rule reads, grouped by a counting sort of the rows: stages in the order the
 * flows first name them, and within a stage its currencies in the same way.
 */
function groupsOf(table: FlowTable, stages: Set<Stage>, scratch: Scratch): Group[] {
  const read = stageMask(stages);
  const currencies = table.currencies.length;
  const count = STAGES.length * currencies;
  const start = scratch.int32(count + 1);
  // The first row of each group and of each stage, which order the groups.
  const firstRow = scratch.int32(count, -1);
  const stageFirst = new Int32Array(STAGES.length).fill(-1);
  for (let row = 0; row < table.size; row++) {
    const stage = table.stage[row]!;
    if (read[stage] === 0) continue;
    const group = stage * currencies + table.currency[row]!;
    if (firstRow[group] === -1) firstRow[group] = row;
    if (stageFirst[stage] === -1) stageFirst[stage] = row;
    start[group + 1]!++;
  }
  for (let group = 0; group < count; group++) start[group + 1]! += start[group]!;
  const rows = scratch.int32(start[count]!);
  const fill = scratch.int32(count);
  fill.set(start.subarray(0, count));
  for (let row = 0; row < table.size; row++) {
    if (read[table.stage[row]!] === 1) rows[fill[table.stage[row]! * currencies + table.currency[row]!]!++] = row;
  }
  const present: number[] = [];
  for (let group = 0; group < count; group++) if (firstRow[group] !== -1) present.push(group);
  const stageOf = (group: number) => Math.floor(group / currencies);
  present.sort((a, b) => stageFirst[stageOf(a)]! - stageFirst[stageOf(b)]! || firstRow[a]! - firstRow[b]!);
  return present.map((group) => ({
    stage: STAGES[stageOf(group)]!,
    currency: table.currencies[group % currencies]!,
    rows: rows.subarray(start[group]!, start[group + 1]!),
  }));
}

/** A hop's flows, in the order they were added up. */
function flowsOf(table: FlowTable, group: Group, hops: Hops, hop: number): IndexedFlow[] {
  const flows: IndexedFlow[] = [];
  for (let f = hops.first[hop]!; f !== -1; f = hops.next[f]!) {
    const row = group.rows[f]!;
    flows.push(table.indexed(row));
  }
  return flows;
}

/**
 * A strongly connected group of nodes: its members (graph numbers, in graph order) and its hops between them, with
 * their ends numbered within the loop and their numbers among the group's hops.
 */
interface Loop {
  members: number[];
  from: Int32Array;
  to: Int32Array;
  ids: Int32Array;
  hops: Hops;
}

/**
 * The groups of nodes in a stage and currency that pay one another in a loop, with the hops between them. Components
 * are found twice: first over the raw flows, so that a chain with no loop (most budgets) costs one pass and no sums;
 * then over the hops inside those components that net to more than zero, which may split them further.
 */
function loopsOf(table: FlowTable, group: Group, local: Int32Array, scratch: Scratch): Loop[] {
  // Most groups have no loop: their arrays are handed back for the next group's.
  const mark = scratch.mark();
  const flowCount = group.rows.length;
  const members: number[] = [];
  const from = scratch.int32(flowCount);
  const to = scratch.int32(flowCount);
  for (let f = 0; f < flowCount; f++) {
    from[f] = localNumber(table.from[group.rows[f]!]!, local, members);
    to[f] = localNumber(table.to[group.rows[f]!]!, local, members);
  }
  for (const node of members) local[node] = -1;
  const size = members.length;
  const first = stronglyConnected(size, from, to, scratch);

  let looped = false;
  for (let f = 0; f < flowCount && !looped; f++) looped = first[from[f]!] === first[to[f]!];
  if (!looped) {
    scratch.releaseTo(mark);
    return [];
  }

  const hopFrom: number[] = [];
  const hopTo: number[] = [];
  // Each hop's sum starts from its first flow's amount, as adding the amounts one to the next does.
  const hops: Hops = {
    sums: new GroupSums(flowCount, table, scratch, true),
    first: [],
    next: scratch.int32(flowCount, -1),
  };
  const hopLast: number[] = [];
  // Flows taken payer by payer (a stable counting sort), so that a payer's hop to each payee is found by the payee
  // alone: no map keyed by pairs, which would hash a million numbers too large for small integers.
  const byPayer = adjacency(size, from, to, scratch);
  const hopTowards = scratch.int32(size, -1);
  for (let n = 0; n < size; n++) {
    for (let at = byPayer.start[n]!; at < byPayer.start[n + 1]!; at++) {
      const m = byPayer.targets[at]!;
      if (first[n] !== first[m]) continue;
      const f = byPayer.via[at]!;
      let hop = hopTowards[m]!;
      if (hop === -1 || hopFrom[hop] !== n) {
        hop = hopTowards[m] = hopFrom.length;
        hopFrom.push(n);
        hopTo.push(m);
        hops.first.push(f);
      } else hops.next[hopLast[hop]!] = f;
      hopLast[hop] = f;
      hops.sums.add(hop, group.rows[f]!);
    }
  }
  const carrying: number[] = [];
  for (let hop = 0; hop < hopFrom.length; hop++) {
    const cents = hops.sums.centsOf(hop);
    if (cents === cents ? cents > 0 : hops.sums.value(hop).greaterThan(0)) carrying.push(hop);
  }
  const second = stronglyConnected(
    size,
    Int32Array.from(carrying, (hop) => hopFrom[hop]!),
    Int32Array.from(carrying, (hop) => hopTo[hop]!),
    scratch,
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
    // Numbered again within the component, in graph order, so that its first member is the node that ranks first.
    const ordered = [...new Set(list.flatMap((hop) => [hopFrom[hop]!, hopTo[hop]!]))]
      .map((node) => members[node]!)
      .sort((a, b) => a - b);
    for (const node of ordered) localNumber(node, local, inside);
    const loop: Loop = {
      members: inside,
      from: Int32Array.from(list, (hop) => local[members[hopFrom[hop]!]!]!),
      to: Int32Array.from(list, (hop) => local[members[hopTo[hop]!]!]!),
      ids: Int32Array.from(list),
      hops,
    };
    for (const node of inside) local[node] = -1;
    loops.push(loop);
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
function adjacency(size: number, from: Int32Array, to: Int32Array, scratch: Scratch, skip = 0) {
  const start = scratch.int32(size + 1);
  for (let l = skip; l < from.length; l++) start[from[l]! + 1]!++;
  for (let n = 0; n < size; n++) start[n + 1]! += start[n]!;
  const fill = scratch.int32(size);
  fill.set(start.subarray(0, size));
  const targets = scratch.int32(from.length - skip);
  const via = scratch.int32(from.length - skip);
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
function stronglyConnected(size: number, from: Int32Array, to: Int32Array, scratch: Scratch): Int32Array {
  const { start, targets } = adjacency(size, from, to, scratch);
  const order = scratch.int32(size, -1);
  const low = scratch.int32(size);
  const component = scratch.int32(size, -1);
  const stack = scratch.int32(size);
  const onStack = scratch.uint8(size);
  const callNode = scratch.int32(size);
  const callNext = scratch.int32(size);
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
function widestCycle(
  { members, from: hopFrom, to: hopTo, ids, hops }: Loop,
  scratch: Scratch,
): { amount: Decimal; path: number[] } {
  const size = members.length;
  const count = ids.length;
  const order = Array.from({ length: count }, (_, h) => h);
  const cents = Float64Array.from(ids, (id) => hops.sums.centsOf(id));
  // In cents where every hop is whole cents: exact, and equal amounts keep their order, as below.
  if (cents.every((value) => value === value)) order.sort((a, b) => cents[a]! - cents[b]!);
  else {
    // Ordered by the nearest float first, which never reverses two amounts, and exactly where the floats are equal.
    const amount = Array.from(ids, (id) => hops.sums.value(id));
    const near = amount.map((value) => value.toNumber());
    order.sort((a, b) => near[a]! - near[b]! || amount[a]!.comparedTo(amount[b]!));
  }
  const from = Int32Array.from(order, (h) => hopFrom[h]!);
  const to = Int32Array.from(order, (h) => hopTo[h]!);

  // The whole group has a loop (it is strongly connected); find the last position from which the hops still do.
  let loops = 0;
  let none = count;
  while (none - loops > 1) {
    const middle = (loops + none) >>> 1;
    if (hasLoop(size, from, to, middle, scratch)) loops = middle;
    else none = middle;
  }
  const { start, targets, via } = adjacency(size, from, to, scratch, loops);
  const cameBy = scratch.int32(size, -1);
  const queue = scratch.int32(size);
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
  return { amount: hops.sums.value(ids[order[loops]!]!), path: turned };
}

/** Whether the links from position `skip` on close a loop: a topological sort (Kahn's) that cannot place every node. */
function hasLoop(size: number, from: Int32Array, to: Int32Array, skip: number, scratch: Scratch): boolean {
  // Called once per step of a binary search: its arrays are handed back as it returns, for the next step's.
  const mark = scratch.mark();
  const { start, targets } = adjacency(size, from, to, scratch, skip);
  const incoming = scratch.int32(size);
  for (let l = skip; l < to.length; l++) incoming[to[l]!]!++;
  const queue = scratch.int32(size);
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
  scratch.releaseTo(mark);
  return tail < size;
}
