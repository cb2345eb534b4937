import type { MultiDirectedGraph } from 'graphology';
import type { DeclaredTotal } from '../ingest/records.js';
import type { Decimal } from '../money/Decimal.js';
import type { NodeKind } from './kinds.js';
import type { Stage } from './stages.js';

/**
 * Where a value came from: a file (or record source) and the rows of it. Rows are numbered as a spreadsheet shows
 * them: the header is row 1, the first data row is row 2. A flow built from several rows keeps their range and count
 * per file instead of every row number, so provenance stays small on millions of rows.
 */
export interface Provenance {
  file: string;
  firstRow: number;
  lastRow: number;
  /** How many rows of this file contributed. */
  rows: number;
}

/** A trust's (or any stock's) report for one period: opening + income + yield - expenses = closing. */
export interface Balance {
  node: string;
  period: string;
  opening: Decimal;
  closing: Decimal;
  income?: Decimal;
  yield?: Decimal;
  expenses?: Decimal;
  currency: string;
  provenance: Provenance;
  /** Columns of the input that cauce has no field for, kept rather than lost. */
  attributes?: Record<string, string>;
}

/** The attributes of a node in the flow graph. */
export interface FlowNodeAttributes {
  id: string;
  kind: NodeKind;
  /** True when no input said the kind and cauce inferred it from the node's place in the graph. */
  kindInferred: boolean;
  name: string;
  /** Tax id (a Mexican RFC, a company number), normalised: upper case, no spaces or dashes. */
  taxId?: string;
  /** Classification attributes (ramo, function, state, ...) as given by the data. */
  attributes: Record<string, string>;
  /** Stock reports, for trusts and funds. */
  balances: Balance[];
}

/** A flow of money: the attributes of an edge. Several flows between the same two nodes are kept apart. */
export interface FlowAttributes {
  from: string;
  to: string;
  amount: Decimal;
  /** ISO 4217 code. */
  currency: string;
  stage: Stage;
  /** ISO date (YYYY-MM-DD) of a payment; absent for a period aggregate (an allotment, a yearly total). */
  date?: string;
  /** The period an aggregate covers (e.g. `2016`, `2016-Q1`), when the data say. */
  period?: string;
  /** Contract, invoice or agreement the flow pays. */
  reference?: string;
  provenance: Provenance[];
  /** Columns of the input that cauce has no field for, kept rather than lost. */
  attributes?: Record<string, string>;
}

/** A note about the graph as built: a conflict between inputs, a normalisation applied. */
export interface GraphNote {
  code: 'conflicting_kind' | 'conflicting_name' | 'conflicting_tax_id';
  node: string;
  kept: string;
  ignored: string;
  provenance?: Provenance;
}

export interface FlowGraphAttributes {
  /** The currency used when a flow does not state one. */
  defaultCurrency: string;
  notes: GraphNote[];
  /** Totals the inputs declare (TOTAL rows and the like), for reconciliation to check against the flows. */
  declaredTotals: DeclaredTotal[];
}

/** cauce's graph: a graphology multi-directed graph with typed node, edge and graph attributes. */
export type FlowGraph = MultiDirectedGraph<FlowNodeAttributes, FlowAttributes, FlowGraphAttributes>;
