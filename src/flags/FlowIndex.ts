import type { FlowAttributes, FlowGraph } from '../model/types.js';
import { FlowTotals } from '../reconcile/FlowTotals.js';
import { allotmentSides, type AllotmentSides } from './allotmentSides.js';
import { FlowTable } from './FlowTable.js';
import { flowsOfRows } from './paymentRows.js';
import { Scratch } from './Scratch.js';

/** A flow with its edge key, as rules see it. */
export interface IndexedFlow {
  edge: string;
  flow: FlowAttributes;
}

/**
 * Indexes that several rules need, each built on first use and then shared: the flows as columns, payments (flows with
 * a date) grouped by payer, flows grouped by reference, and every node's totals per stage and currency.
 */
export class FlowIndex {
  private payments: Map<string, IndexedFlow[]> | undefined;
  private references: Map<string, IndexedFlow[]> | undefined;
  private nodeTotals: FlowTotals | undefined;
  private flowTable: FlowTable | undefined;
  private sides: AllotmentSides | undefined;
  /**
   * Working arrays for the rule being run, taken back after it (see Scratch).
   *
   * @internal
   */
  readonly scratch = new Scratch();

  constructor(private readonly graph: FlowGraph) {}

  /** Dated flows (payments) by payer, each list in date order (flows of one date in the graph's order). */
  paymentsByPayer(): Map<string, IndexedFlow[]> {
    this.payments ??= paymentsOf(this.table());
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

  /**
   * Every flow as columns: node numbers, stage and currency numbers, cents (see FlowTable). What the built-in rules
   * read; its shape may change in any release, so a rule of a user's own is better written on the graph.
   *
   * @internal
   */
  table(): FlowTable {
    this.flowTable ??= new FlowTable(this.graph, this.scratch);
    return this.flowTable;
  }

  /**
   * Every node's allotment sides, as budget-shift and underspend read them (see allotmentSides).
   *
   * @internal
   */
  allotmentSides(): AllotmentSides {
    this.sides ??= allotmentSides(this.table(), this.scratch);
    return this.sides;
  }

  /** What every node received and paid, per stage and currency. */
  totals(): FlowTotals {
    this.nodeTotals ??= new FlowTotals(this.graph);
    return this.nodeTotals;
  }
}

/** The table's payments as lists of flows, for rules of users' own that walk them as objects. */
function paymentsOf(table: FlowTable): Map<string, IndexedFlow[]> {
  const payments = new Map<string, IndexedFlow[]>();
  const { payers, start, rows } = table.payments();
  for (let p = 0; p < payers.length; p++) {
    payments.set(table.nodes[payers[p]!]!, flowsOfRows(table, rows, start[p], start[p + 1]));
  }
  return payments;
}
