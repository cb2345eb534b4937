import { STAGES } from '../model/stages.js';
import type { FlowTable, NodeCurrencyPairs } from './FlowTable.js';
import type { Scratch } from './Scratch.js';

/**
 * The allotment side of every node per currency, as the budget rules (budget-shift, underspend) read it, numbered
 * densely so that a rule sums and decides over typed arrays. A side is a node's approved and modified flows in one
 * currency: those it received, or, in a currency it received none of (the top of the data), those it passed down.
 */
export interface AllotmentSides {
  /** Sides in the order the rules report them (see `allotmentSides`). */
  count: number;
  /** The node (its number in the table) and the currency (its position in `currencies`) of each side. */
  node: Int32Array;
  currency: Int32Array;
  /** Side `s` has rows `rows[start[s]]` up to (not including) `rows[start[s + 1]]`, in the graph's order. */
  start: Int32Array;
  rows: Int32Array;
  /** The side of a (node, currency) pair (see FlowTable.pairs); -1 where there is none. */
  sideOf: Int32Array;
  /**
   * The side's rows by period: side `s` has groups `groupStart[s]` up to `groupStart[s + 1]`, in the order their
   * periods first appear; `groupOf[i]` is the group of `rows[i]`. When a row of the side states no period, the side is
   * one group of all its rows.
   */
  groupStart: Int32Array;
  groupOf: Int32Array;
  /** The group's period (its number in `table.periods()`); -1 for the one group of a side where a row states none. */
  groupPeriod: Int32Array;
}

const APPROVED_STAGE = STAGES.indexOf('approved');
const MODIFIED_STAGE = STAGES.indexOf('modified');

/**
 * Every node's allotment sides, in the order the budget rules report them: first the nodes that received approved or
 * modified money, in the order of the first flow they received, then those that only passed it down, in the order of
 * the first flow they passed down; within a node, the currencies it received in, in the order it first received them,
 * then those it only passed down in. A flow belongs to its payee's side, and to its payer's too where the payer
 * received nothing in that currency.
 *
 * @example
 * const table = index.table();
 * const sides = index.allotmentSides(); // allotmentSides(table, scratch), made once for both rules
 * table.nodes[sides.node[0]]; // 'pp:E001', the first node that received approved or modified money
 * sides.start[1] - sides.start[0]; // 2, its approved and modified flows
 */
export function allotmentSides(table: FlowTable, scratch: Scratch): AllotmentSides {
  const { from, to, stage } = table;
  const pairs = table.pairs();
  const { fromPair, toPair } = pairs;
  const nodeCount = table.nodes.length;
  // The first row a node received (passed down) in each currency: it orders the node's currencies.
  const firstReceived = scratch.int32(pairs.count, -1);
  const firstPassed = scratch.int32(pairs.count, -1);
  const receives = scratch.uint8(nodeCount);
  const passes = scratch.uint8(nodeCount);
  const receivers: number[] = [];
  const passers: number[] = [];
  for (let row = 0; row < table.size; row++) {
    const rowStage = stage[row]!;
    if (rowStage !== APPROVED_STAGE && rowStage !== MODIFIED_STAGE) continue;
    const payee = to[row]!;
    const payer = from[row]!;
    if (firstReceived[toPair[row]!] === -1) {
      firstReceived[toPair[row]!] = row;
      if (receives[payee] === 0) {
        receives[payee] = 1;
        receivers.push(payee);
      }
    }
    if (firstPassed[fromPair[row]!] === -1) {
      firstPassed[fromPair[row]!] = row;
      if (passes[payer] === 0) {
        passes[payer] = 1;
        passers.push(payer);
      }
    }
  }

  let count = 0;
  for (let pair = 0; pair < pairs.count; pair++) if (firstReceived[pair] !== -1 || firstPassed[pair] !== -1) count++;
  const sideOf = new Int32Array(pairs.count).fill(-1);
  const sideNode = new Int32Array(count);
  const sideCurrency = new Int32Array(count);
  let side = 0;
  for (let k = 0; k < receivers.length + passers.length; k++) {
    const node = k < receivers.length ? receivers[k]! : passers[k - receivers.length]!;
    if (k >= receivers.length && receives[node] === 1) continue;
    for (const pair of pairOrder(firstReceived, firstPassed, pairs, node)) {
      sideOf[pair] = side;
      sideNode[side] = node;
      sideCurrency[side++] = pairs.currency[pair]!;
    }
  }

  // Rows by side, by a counting sort that keeps the graph's order within each side.
  const start = new Int32Array(count + 1);
  for (let row = 0; row < table.size; row++) {
    const rowStage = stage[row]!;
    if (rowStage !== APPROVED_STAGE && rowStage !== MODIFIED_STAGE) continue;
    start[sideOf[toPair[row]!]! + 1]!++;
    const payer = fromPair[row]!;
    if (firstReceived[payer] === -1) start[sideOf[payer]! + 1]!++;
  }
  for (let s = 0; s < count; s++) start[s + 1]! += start[s]!;
  const next = scratch.int32(count);
  next.set(start.subarray(0, count));
  const rows = new Int32Array(start[count]!);
  for (let row = 0; row < table.size; row++) {
    const rowStage = stage[row]!;
    if (rowStage !== APPROVED_STAGE && rowStage !== MODIFIED_STAGE) continue;
    rows[next[sideOf[toPair[row]!]!]!++] = row;
    const payer = fromPair[row]!;
    if (firstReceived[payer] === -1) rows[next[sideOf[payer]!]!++] = row;
  }

  const { codes: periods, names } = table.periods();
  const groupStart = new Int32Array(count + 1);
  const groupOf = new Int32Array(rows.length);
  const groupPeriod: number[] = [];
  const groupOfPeriod = scratch.int32(names.length, -1);
  for (let s = 0; s < count; s++) {
    const first = start[s]!;
    const end = start[s + 1]!;
    let byPeriod = true;
    for (let i = first; i < end && byPeriod; i++) byPeriod = periods[rows[i]!]! !== -1;
    if (!byPeriod) {
      for (let i = first; i < end; i++) groupOf[i] = groupPeriod.length;
      groupPeriod.push(-1);
    } else {
      for (let i = first; i < end; i++) {
        const period = periods[rows[i]!]!;
        if (groupOfPeriod[period] === -1) {
          groupOfPeriod[period] = groupPeriod.length;
          groupPeriod.push(period);
        }
        groupOf[i] = groupOfPeriod[period]!;
      }
      for (let g = groupStart[s]!; g < groupPeriod.length; g++) groupOfPeriod[groupPeriod[g]!] = -1;
    }
    groupStart[s + 1] = groupPeriod.length;
  }

  return {
    count,
    node: sideNode,
    currency: sideCurrency,
    start,
    rows,
    sideOf,
    groupStart,
    groupOf,
    groupPeriod: Int32Array.from(groupPeriod),
  };
}

/**
 * A node's pairs (its currencies) in the order of its sides: those it received in, in the order it first received
 * them, then those it only passed down in, in the order it first passed them down.
 */
function pairOrder(
  firstReceived: Int32Array,
  firstPassed: Int32Array,
  pairs: NodeCurrencyPairs,
  node: number,
): number[] {
  // Most nodes deal in one currency: their one pair needs no ordering (and no arrays to order it in).
  if (pairs.start[node + 1] === pairs.start[node]! + 1) {
    const pair = pairs.byNode[pairs.start[node]!]!;
    return firstReceived[pair] !== -1 || firstPassed[pair] !== -1 ? [pair] : [];
  }
  const received: number[] = [];
  const passedOnly: number[] = [];
  for (let at = pairs.start[node]!; at < pairs.start[node + 1]!; at++) {
    const pair = pairs.byNode[at]!;
    if (firstReceived[pair] !== -1) received.push(pair);
    else if (firstPassed[pair] !== -1) passedOnly.push(pair);
  }
  received.sort((a, b) => firstReceived[a]! - firstReceived[b]!);
  passedOnly.sort((a, b) => firstPassed[a]! - firstPassed[b]!);
  return received.concat(passedOnly);
}
