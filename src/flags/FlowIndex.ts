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

  /** Dated flows (payments) by payer, each list in date order. */
  paymentsByPayer(): Map<string, IndexedFlow[]> {
    if (!this.payments) {
      const payments = new Map<string, IndexedFlow[]>();
      this.graph.forEachEdge((edge, flow) => {
        if (flow.date === undefined) return;
        const list = payments.get(flow.from);
        if (list) list.push({ edge, flow });
        else payments.set(flow.from, [{ edge, flow }]);
      });
      // ISO dates order as plain strings: no locale is needed, and comparing them plainly is faster.
      for (const list of payments.values())
        list.sort((a, b) => (a.flow.date! < b.flow.date! ? -1 : a.flow.date! > b.flow.date! ? 1 : 0));
      this.payments = payments;
    }
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
