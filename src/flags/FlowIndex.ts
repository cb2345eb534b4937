import type { FlowAttributes, FlowGraph } from '../model/types.js';
import { FlowTotals } from '../reconcile/FlowTotals.js';

/** A flow with its edge key, as rules see it. */
export interface IndexedFlow {
  edge: string;
  flow: FlowAttributes;
}

/**
 * Indexes that several rules need, each built on first use and then shared: payments (flows with a date) grouped by
 * payer, flows grouped by reference, and every node's totals per stage and currency.
 */
export class FlowIndex {
  private payments: Map<string, IndexedFlow[]> | undefined;
  private references: Map<string, IndexedFlow[]> | undefined;
  private nodeTotals: FlowTotals | undefined;

  constructor(private readonly graph: FlowGraph) {}

  /** Dated flows (payments) by payer, each list in date order (flows of one date in the graph's order). */
  paymentsByPayer(): Map<string, IndexedFlow[]> {
    this.payments ??= paymentsOf(this.graph);
    return this.payments;
  }

  /** Flows that name a reference (a contract, an invoice), by reference. */
  flowsByReference(): Map<string, IndexedFlow[]> {
    if (!this.references) {
      const references = new Map<string, IndexedFlow[]>();
      this.graph.forEachEdge((edge, flow) => {
        if (flow.reference === undefined) return;
        const list = references.get(flow.reference);
        if (list) list.push({ edge, flow });
        else references.set(flow.reference, [{ edge, flow }]);
      });
      this.references = references;
    }
    return this.references;
  }

  /** What every node received and paid, per stage and currency. */
  totals(): FlowTotals {
    this.nodeTotals ??= new FlowTotals(this.graph);
    return this.nodeTotals;
  }
}

/**
 * Dated flows by payer, in date order. A comparison sort of each payer's list would compare date strings millions of
 * times; the dates are few, so they are numbered in calendar order and the flows placed by a counting sort, which is
 * stable: flows of one date keep the graph's order, as a stable sort of each list would leave them. Payers are listed
 * in the order of their first dated flow in the graph.
 */
function paymentsOf(graph: FlowGraph): Map<string, IndexedFlow[]> {
  const payments = new Map<string, IndexedFlow[]>();
  const items: IndexedFlow[] = [];
  const lists: IndexedFlow[][] = [];
  const dateNumbers: number[] = [];
  const dates = new Map<string, number>();
  const names: string[] = [];
  // Data come grouped by payer and often by date: the last of each is kept at hand to spare a look-up.
  let lastPayer: string | undefined;
  let lastList: IndexedFlow[] = [];
  let lastDate: string | undefined;
  let lastNumber = 0;
  graph.forEachEdge((edge, flow, source) => {
    const date = flow.date;
    if (date === undefined) return;
    // The graph's own key string where it is the payer: it compares by identity and is found faster in a map.
    const payer = flow.from === source ? source : flow.from;
    if (payer !== lastPayer) {
      let list = payments.get(payer);
      if (!list) payments.set(payer, (list = []));
      lastPayer = payer;
      lastList = list;
    }
    if (date !== lastDate) {
      let number = dates.get(date);
      if (number === undefined) {
        number = names.length;
        dates.set(date, number);
        names.push(date);
      }
      lastDate = date;
      lastNumber = number;
    }
    items.push({ edge, flow });
    lists.push(lastList);
    dateNumbers.push(lastNumber);
  });
  // ISO dates order as plain strings: no locale is needed, and comparing them plainly is faster.
  const byDate = names.map((_name, number) => number).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
  const rank = new Int32Array(names.length);
  byDate.forEach((number, at) => (rank[number] = at));
  const start = new Int32Array(names.length + 1);
  for (const number of dateNumbers) start[rank[number]! + 1]!++;
  for (let at = 0; at < names.length; at++) start[at + 1]! += start[at]!;
  const order = new Int32Array(items.length);
  for (let at = 0; at < items.length; at++) order[start[rank[dateNumbers[at]!]!]!++] = at;
  for (const at of order) lists[at]!.push(items[at]!);
  return payments;
}
