import type { NodeKind } from '../model/kinds.js';
import type { Stage } from '../model/stages.js';
import type { GraphNote, Provenance } from '../model/types.js';

/**
 * cauce's graph as JSON, version 1: what `toGraphJson` writes and `fromGraphJson` reads. Every amount is an exact
 * decimal string (`"1234.56"`, `"-0.5"`), never a JSON number. Optional fields are left out rather than `null`.
 * A reader of version 1 ignores fields it does not know; a change that would mislead a version 1 reader gets a new
 * version number.
 */
export interface GraphJson {
  format: 'cauce-graph';
  version: 1;
  /** ISO 4217 code of flows that did not state a currency when the graph was built. */
  defaultCurrency: string;
  nodes: GraphJsonNode[];
  flows: GraphJsonFlow[];
  /** Totals the inputs declared (TOTAL rows), for reconciliation. */
  declaredTotals: GraphJsonDeclaredTotal[];
  /** Conflicts between inputs noticed while the graph was built. */
  notes: GraphNote[];
}

export interface GraphJsonNode {
  id: string;
  kind: NodeKind;
  kindInferred: boolean;
  name: string;
  taxId?: string;
  attributes: Record<string, string>;
  /** A trust's reports, each for one period; the node they belong to is the node that holds them. */
  balances: GraphJsonBalance[];
}

export interface GraphJsonBalance {
  period: string;
  opening: string;
  closing: string;
  income?: string;
  yield?: string;
  expenses?: string;
  currency: string;
  provenance: Provenance;
  attributes?: Record<string, string>;
}

export interface GraphJsonFlow {
  from: string;
  to: string;
  amount: string;
  currency: string;
  stage: Stage;
  date?: string;
  period?: string;
  reference?: string;
  provenance: Provenance[];
  attributes?: Record<string, string>;
}

export interface GraphJsonDeclaredTotal {
  node: string;
  stage: Stage;
  currency: string;
  amount: string;
  period?: string;
  rule: string;
  provenance: Provenance;
}
