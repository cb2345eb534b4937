import type { Decimal } from '../money/Decimal.js';
import type { NodeKind } from '../model/kinds.js';
import type { Stage } from '../model/stages.js';
import type { Balance, FlowAttributes, Provenance } from '../model/types.js';
import type { IngestReport, TableFormat } from './RowIssue.js';

/** A node as one input row describes it; rows may describe the same node differently, and the graph reconciles. */
export interface NodeRef {
  id: string;
  kind?: NodeKind;
  name?: string;
  taxId?: string;
  attributes?: Record<string, string>;
}

/** A flow as read from one row, before it joins the graph: the flow's fields, with its ends described. */
export interface FlowRecord extends Omit<FlowAttributes, 'from' | 'to' | 'provenance'> {
  from: NodeRef;
  to: NodeRef;
  provenance: Provenance;
}

/** A listed company or person: SAT 69-B, a debarment list. */
export interface WatchlistEntry {
  taxId: string;
  name: string;
  /** Lower case, as given: e.g. `definitivo`, `presunto`, `desvirtuado`, `sentencia favorable`. */
  status: string;
  /** YYYY-MM-DD, when the list gives it. */
  listedOn?: string;
  source?: string;
  provenance: Provenance;
  /** Columns of the input that cauce has no field for, kept rather than lost. */
  attributes?: Record<string, string>;
}

/**
 * A total the source itself declares (a TOTAL row, a `Total` state, a `Nacional` row): what the flows out of `node`
 * at `stage` should add up to. Reconciliation checks it; it is never a flow itself.
 */
export interface DeclaredTotal {
  node: string;
  stage: Stage;
  currency: string;
  amount: Decimal;
  period?: string;
  /** The name of the mapping rule that recognised the row. */
  rule: string;
  provenance: Provenance;
}

/** What one input gave: the records read, and the report of every row. */
export interface IngestResult {
  file: string;
  format: TableFormat;
  flows: FlowRecord[];
  balances: Balance[];
  watchlist: WatchlistEntry[];
  declaredTotals: DeclaredTotal[];
  report: IngestReport;
}
