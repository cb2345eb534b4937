import { STAGES, type Stage } from '../model/stages.js';
import type { FlowAttributes, FlowGraph, FlowNodeAttributes } from '../model/types.js';
import { centsOf } from './MoneySum.js';

const STAGE_NUMBER = new Map<string, number>(STAGES.map((stage, number) => [stage, number]));

/**
 * Every flow of a graph as columns, in the graph's order of edges: its ends as node numbers (the graph's order of
 * nodes), its stage and currency as small numbers, its amount as whole cents where it is one. Built once per run of
 * the rules and shared by them, so that a rule walks typed arrays instead of the graph: a pass over a million flows
 * then costs milliseconds, and grouping by a number makes no key string and no object per flow. Periods and dates are
 * numbered on first use.
 */
export class FlowTable {
  readonly size: number;
  /** Edge keys, by row. */
  readonly edges: string[];
  readonly flows: FlowAttributes[];
  /** Node keys, by node number. */
  readonly nodes: string[];
  readonly nodeAttributes: FlowNodeAttributes[];
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Positions in STAGES. */
  readonly stage: Uint8Array;
  /** Positions in `currencies`, numbered in the order the flows first name them. */
  readonly currency: Int32Array;
  readonly currencies: string[] = [];
  /** The amount as whole cents (see `centsOf`), NaN where it is not one: sums there go on as Decimals. */
  readonly cents: Float64Array;
  private readonly numbers = new Map<string, number>();
  private periodColumn: NumberedColumn | undefined;
  private dateColumn: DateColumn | undefined;
  private paymentRows: PaymentRows | undefined;

  constructor(graph: FlowGraph) {
    this.size = graph.size;
    this.nodes = [];
    this.nodeAttributes = [];
    graph.forEachNode((node, attributes) => {
      this.numbers.set(node, this.nodes.length);
      this.nodes.push(node);
      this.nodeAttributes.push(attributes);
    });
    const size = graph.size;
    this.edges = new Array<string>(size);
    this.flows = new Array<FlowAttributes>(size);
    this.from = new Int32Array(size);
    this.to = new Int32Array(size);
    this.stage = new Uint8Array(size);
    this.currency = new Int32Array(size);
    this.cents = new Float64Array(size);
    const currencyNumbers = new Map<string, number>();
    // Data come grouped by payer, often by payee, and nearly always in one currency: the last of each is kept at hand
    // to spare a look-up.
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
        sourceNumber = this.numbers.get(source)!;
      }
      if (target !== lastTarget) {
        lastTarget = target;
        targetNumber = this.numbers.get(target)!;
      }
      if (flow.currency !== lastCurrency) {
        lastCurrency = flow.currency;
        let number = currencyNumbers.get(flow.currency);
        if (number === undefined) {
          number = this.currencies.length;
          currencyNumbers.set(flow.currency, number);
          this.currencies.push(flow.currency);
        }
        currencyNumber = number;
      }
      this.edges[row] = edge;
      this.flows[row] = flow;
      this.from[row] = sourceNumber;
      this.to[row] = targetNumber;
      this.stage[row] = STAGE_NUMBER.get(flow.stage)!;
      this.currency[row] = currencyNumber;
      this.cents[row] = centsOf(flow.amount) ?? Number.NaN;
      row++;
    });
  }

  /** A node's number; undefined when the graph has no such node. */
  numberOf(node: string): number | undefined {
    return this.numbers.get(node);
  }

  stageOf(row: number): Stage {
    return STAGES[this.stage[row]!]!;
  }

  /** The periods the flows state, numbered in the order they first appear; -1 for a flow that states none. */
  periods(): NumberedColumn {
    this.periodColumn ??= numbered(this.flows, (flow) => flow.period);
    return this.periodColumn;
  }

  /** The flows' dates, numbered in calendar order; -1 for a flow without a date. */
  dates(): DateColumn {
    this.dateColumn ??= datesOf(this.flows);
    return this.dateColumn;
  }

  /**
   * The dated flows (payments) by payer, each payer's in date order, flows of one date in the graph's order; payers in
   * the order of their first dated flow in the graph.
   */
  payments(): PaymentRows {
    this.paymentRows ??= paymentsOf(this);
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
 * Rows grouped by payer: the `p`th payer (a node number, `payers[p]`) has rows `rows[start[p]]` up to (not
 * including) `rows[start[p + 1]]`.
 */
export interface PaymentRows {
  payers: Int32Array;
  start: Int32Array;
  rows: Int32Array;
}

/**
 * The dates numbered in calendar order. ISO dates order as plain strings: no locale is needed, and comparing them
 * plainly is faster. The dates are few, so they are numbered as they come and renumbered once sorted.
 */
function datesOf(flows: FlowAttributes[]): DateColumn {
  const { codes, names } = numbered(flows, (flow) => flow.date);
  const byDate = names.map((_name, code) => code).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
  const rank = new Int32Array(names.length);
  byDate.forEach((code, at) => (rank[code] = at));
  for (let row = 0; row < codes.length; row++) if (codes[row]! >= 0) codes[row] = rank[codes[row]!]!;
  return { codes, names: byDate.map((code) => names[code]!), sorted: true };
}

/**
 * Payments by payer in date order: a comparison sort of each payer's list would compare dates millions of times, so
 * the rows are placed by two counting sorts, by date and then by payer, each stable, as a stable sort of each list
 * would leave them.
 */
function paymentsOf(table: FlowTable): PaymentRows {
  const { codes: dates, names } = table.dates();
  const payerSlot = new Int32Array(table.nodes.length).fill(-1);
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
  const byDate = new Int32Array(count);
  for (let row = 0; row < table.size; row++) if (dates[row]! >= 0) byDate[start[dates[row]!]!++] = row;
  const payerStart = new Int32Array(payers.length + 1);
  for (const row of byDate) payerStart[payerSlot[table.from[row]!]! + 1]!++;
  for (let at = 0; at < payers.length; at++) payerStart[at + 1]! += payerStart[at]!;
  const next = payerStart.slice();
  const rows = new Int32Array(count);
  for (const row of byDate) rows[next[payerSlot[table.from[row]!]!]!++] = row;
  return { payers: Int32Array.from(payers), start: payerStart, rows };
}

function numbered(flows: FlowAttributes[], valueOf: (flow: FlowAttributes) => string | undefined): NumberedColumn {
  const codes = new Int32Array(flows.length);
  const names: string[] = [];
  const numbers = new Map<string, number>();
  let last: string | undefined;
  let lastCode = -1;
  for (let row = 0; row < flows.length; row++) {
    const value = valueOf(flows[row]!);
    if (value !== last) {
      last = value;
      if (value === undefined) lastCode = -1;
      else {
        let code = numbers.get(value);
        if (code === undefined) {
          code = names.length;
          numbers.set(value, code);
          names.push(value);
        }
        lastCode = code;
      }
    }
    codes[row] = lastCode;
  }
  return { codes, names };
}
