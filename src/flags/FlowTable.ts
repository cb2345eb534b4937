import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { flowColumns } from '../model/flowColumns.js';
import { STAGES } from '../model/stages.js';
import { PairIndex } from '../util/PairIndex.js';
import type { FlowAttributes, FlowGraph, FlowNodeAttributes } from '../model/types.js';
import type { IndexedFlow } from './FlowIndex.js';
import { centsOfUnits } from './MoneySum.js';
import { Scratch } from './Scratch.js';

/**
 * Every flow of a graph as columns, in the graph's order of edges: its ends as node numbers (the graph's order of
 * nodes), its stage and currency as small numbers, its amount as whole cents where it is one. Built once per run of
 * the rules and shared by them, so that a rule walks typed arrays instead of the graph: a pass over a million flows
 * then costs milliseconds, and grouping by a number makes no key string and no object per flow. The ends, stages and
 * currencies are the graph's own columns (see flowColumns), kept between runs; cents, periods and dates are the
 * table's, made in one pass, periods and dates numbered in the order they first come (dates are renumbered in
 * calendar order on first use).
 */
export class FlowTable {
  readonly size: number;
  /** Edge keys, by row. */
  readonly edges: readonly string[];
  readonly flows: readonly FlowAttributes[];
  /** Node keys, by node number. */
  readonly nodes: readonly string[];
  readonly nodeAttributes: readonly FlowNodeAttributes[];
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Positions in STAGES. */
  readonly stage: Int32Array;
  /** Positions in `currencies`, numbered in the order the flows first name them. */
  readonly currency: Int32Array;
  readonly currencies: readonly string[];
  /** The amount as whole cents (see `centsOf`), NaN where it is not one: sums there go on as Decimals. */
  readonly cents: Float64Array;
  private readonly periodColumn: NumberedColumn;
  /** The dates numbered as they first come; renumbered in calendar order on first use (see `dates`). */
  private readonly dateCodes: Numberer;
  private dateColumn: DateColumn | undefined;
  private paymentRows: PaymentRows | undefined;
  private nodeCurrencyPairs: NodeCurrencyPairs | undefined;

  /**
   * @param scratch Where the working arrays of the lazily built parts come from (see Scratch): they are built while a
   *   rule runs, and what they keep is allocated apart.
   */
  constructor(
    graph: FlowGraph,
    private readonly scratch = new Scratch(),
  ) {
    // The graph's own columns (ends, stage, currency) are shared with its charts and kept between runs; the table adds
    // what only the rules read. Its arrays are read, never written: a rule that wrote into them would change every
    // chart and run after it.
    const columns = flowColumns(graph);
    this.size = columns.size;
    this.edges = columns.edges;
    this.flows = columns.flows;
    this.nodes = columns.nodes;
    this.nodeAttributes = columns.nodeAttributes;
    this.from = columns.from;
    this.to = columns.to;
    this.stage = columns.stage;
    this.currency = columns.currency;
    this.currencies = columns.currencies;
    const size = this.size;
    this.cents = new Float64Array(size);
    // Periods and dates are numbered in this same pass, while each flow is at hand: a pass of their own would fetch
    // a million scattered objects again.
    const periods = new Numberer(size);
    const dates = new Numberer(size);
    for (let row = 0; row < size; row++) {
      const flow = this.flows[row]!;
      // A graph made with graphology's own methods can hold anything: a stage the rules do not know must not be read
      // as another one.
      if (this.stage[row]! >= STAGES.length) {
        throw new InvalidArgumentError(
          'graph',
          `flow ${this.edges[row]} has an unknown stage ${JSON.stringify(flow.stage)}`,
        );
      }
      // The columns read each amount's units already: cents are those units, where they are whole cents.
      const scale = columns.scales[row]!;
      this.cents[row] = (scale >= 0 ? centsOfUnits(flow.amount, columns.units[row]!, scale) : undefined) ?? Number.NaN;
      periods.add(row, flow.period);
      dates.add(row, flow.date);
    }
    this.periodColumn = periods;
    this.dateCodes = dates;
  }

  /** A row as makeFlag takes it: built only for a flag that fires, since the rules decide on the columns. */
  indexed(row: number): IndexedFlow {
    return { edge: this.edges[row]!, flow: this.flows[row]! };
  }

  /** The (node, currency) pairs the flows' ends form, numbered densely (see NodeCurrencyPairs). */
  pairs(): NodeCurrencyPairs {
    this.nodeCurrencyPairs ??= pairsOf(this);
    return this.nodeCurrencyPairs;
  }

  /** The periods the flows state, numbered in the order they first appear; -1 for a flow that states none. */
  periods(): NumberedColumn {
    return this.periodColumn;
  }

  /** The flows' dates, numbered in calendar order; -1 for a flow without a date. */
  dates(): DateColumn {
    this.dateColumn ??= inCalendarOrder(this.dateCodes);
    return this.dateColumn;
  }

  /**
   * The dated flows (payments) by payer, each payer's in date order, flows of one date in the graph's order; payers in
   * the order of their first dated flow in the graph.
   */
  payments(): PaymentRows {
    this.paymentRows ??= paymentsOf(this, this.scratch);
    return this.paymentRows;
  }
}

/** A column of strings, numbered: `codes[row]` is a position in `names`, or -1 where the row has none. */
export interface NumberedColumn {
  codes: Int32Array;
  names: string[];
}

/** A column of ISO dates numbered so that their numbers order as the dates do. */
export interface DateColumn extends NumberedColumn {
  /** `names` in calendar order: `codes[a] < codes[b]` when row a's date comes before row b's. */
  sorted: true;
}

/**
 * The (node, currency) pairs that some flow's payer or payee end forms, numbered densely, so that sums per node and
 * currency are sized by what the flows hold: sized by nodes times currencies, a graph of a million nodes in a dozen
 * currencies would need gigabytes for sums that are nearly all empty. In one currency a pair is its node's number.
 */
export interface NodeCurrencyPairs {
  count: number;
  /** Each row's pair at its payer's end and at its payee's end. */
  fromPair: Int32Array;
  toPair: Int32Array;
  /** Each pair's node number and currency number. */
  node: Int32Array;
  currency: Int32Array;
  /**
   * Node `n`'s pairs, in the order of `currencies`: `byNode[start[n]]` up to (not including) `byNode[start[n + 1]]`.
   */
  start: Int32Array;
  byNode: Int32Array;
}

/**
 * Rows grouped by payer: the `p`th payer (a node number, `payers[p]`) has rows `rows[start[p]]` up to (not
 * including) `rows[start[p + 1]]`.
 */
export interface PaymentRows {
  payers: Int32Array;
  start: Int32Array;
  rows: Int32Array;
}

/**
 * The dates renumbered in calendar order. ISO dates order as plain strings: no locale is needed, and comparing them
 * plainly is faster. The dates are few, so they were numbered as they came and are renumbered once sorted.
 */
function inCalendarOrder({ codes, names }: NumberedColumn): DateColumn {
  const byDate = names.map((_name, code) => code).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
  const rank = new Int32Array(names.length);
  byDate.forEach((code, at) => (rank[code] = at));
  // In place: the numbers as they came are not read again.
  for (let row = 0; row < codes.length; row++) if (codes[row]! >= 0) codes[row] = rank[codes[row]!]!;
  return { codes, names: byDate.map((code) => names[code]!), sorted: true };
}

function pairsOf(table: FlowTable): NodeCurrencyPairs {
  const nodes = table.nodes.length;
  const currencies = table.currencies.length;
  if (currencies <= 1) {
    const numbers = new Int32Array(nodes);
    const start = new Int32Array(nodes + 1);
    for (let node = 0; node < nodes; node++) numbers[node] = start[node] = node;
    start[nodes] = nodes;
    return {
      count: nodes,
      fromPair: table.from,
      toPair: table.to,
      node: numbers,
      currency: new Int32Array(nodes),
      start,
      byNode: numbers,
    };
  }
  const numbers = new PairIndex();
  const node: number[] = [];
  const currency: number[] = [];
  const numberOf = (end: number, c: number) => {
    const pair = numbers.add(end, c);
    if (pair === node.length) {
      node.push(end);
      currency.push(c);
    }
    return pair;
  };
  const fromPair = new Int32Array(table.size);
  const toPair = new Int32Array(table.size);
  for (let row = 0; row < table.size; row++) {
    fromPair[row] = numberOf(table.from[row]!, table.currency[row]!);
    toPair[row] = numberOf(table.to[row]!, table.currency[row]!);
  }
  // Each node's pairs in currency order: the pairs sorted by currency, then placed by node in that order.
  const byCurrency = node.map((_node, pair) => pair).sort((a, b) => currency[a]! - currency[b]! || a - b);
  const start = new Int32Array(nodes + 1);
  for (const end of node) start[end + 1]!++;
  for (let at = 0; at < nodes; at++) start[at + 1]! += start[at]!;
  const next = start.slice(0, nodes);
  const byNode = new Int32Array(node.length);
  for (const pair of byCurrency) byNode[next[node[pair]!]!++] = pair;
  return {
    count: node.length,
    fromPair,
    toPair,
    node: Int32Array.from(node),
    currency: Int32Array.from(currency),
    start,
    byNode,
  };
}

/**
 * Payments by payer in date order: a comparison sort of each payer's list would compare dates millions of times, so
 * the rows are placed by two counting sorts, by date and then by payer, each stable, as a stable sort of each list
 * would leave them.
 */
function paymentsOf(table: FlowTable, scratch: Scratch): PaymentRows {
  const { codes: dates, names } = table.dates();
  const payerSlot = scratch.int32(table.nodes.length, -1);
  const payers: number[] = [];
  const start = new Int32Array(names.length + 1);
  let count = 0;
  for (let row = 0; row < table.size; row++) {
    const date = dates[row]!;
    if (date < 0) continue;
    count++;
    start[date + 1]!++;
    const payer = table.from[row]!;
    if (payerSlot[payer] === -1) {
      payerSlot[payer] = payers.length;
      payers.push(payer);
    }
  }
  for (let at = 0; at < names.length; at++) start[at + 1]! += start[at]!;
  const byDate = scratch.int32(count);
  for (let row = 0; row < table.size; row++) if (dates[row]! >= 0) byDate[start[dates[row]!]!++] = row;
  const payerStart = new Int32Array(payers.length + 1);
  for (const row of byDate) payerStart[payerSlot[table.from[row]!]! + 1]!++;
  for (let at = 0; at < payers.length; at++) payerStart[at + 1]! += payerStart[at]!;
  const next = scratch.int32(payerStart.length);
  next.set(payerStart);
  const rows = new Int32Array(count);
  for (const row of byDate) rows[next[payerSlot[table.from[row]!]!]!++] = row;
  return { payers: Int32Array.from(payers), start: payerStart, rows };
}

/** Numbers a column's values as they first come, row by row; a row with no value gets -1. */
class Numberer implements NumberedColumn {
  readonly codes: Int32Array;
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  // Rows come in runs of one value (a file's period, a day's payments): the last is kept at hand.
  private last: string | undefined;
  private lastCode = -1;

  constructor(size: number) {
    this.codes = new Int32Array(size);
  }

  add(row: number, value: string | undefined): void {
    if (value !== this.last) {
      this.last = value;
      if (value === undefined) this.lastCode = -1;
      else {
        let code = this.numbers.get(value);
        if (code === undefined) {
          code = this.names.length;
          this.numbers.set(value, code);
          this.names.push(value);
        }
        this.lastCode = code;
      }
    }
    this.codes[row] = this.lastCode;
  }
}
