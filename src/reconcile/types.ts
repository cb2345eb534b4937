import type { DeclaredTotal } from '../ingest/records.js';
import type { Decimal } from '../money/Decimal.js';
import type { Stage } from '../model/stages.js';
import type { Provenance } from '../model/types.js';

/** The checks reconcile runs; the ids are part of the public contract. */
export const CHECK_IDS = [
  'declared-total',
  'hierarchy',
  'conservation',
  'stage-order',
  'trust-balance',
  'allocation-vs-payments',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'ok' | 'mismatch' | 'not-checkable';

/** What a check looked at: the nodes, and the group, period and stage when they apply. */
export interface CheckSubject {
  nodes: string[];
  group?: string;
  period?: string;
  stage?: Stage;
  /** For a comparison between two stages (stage-order, allocation-vs-payments): the stage compared against. */
  against?: Stage;
}

/**
 * One comparison: what the data say it should be (`expected`), what it is (`actual`), and `difference` = actual -
 * expected, as exact decimal strings, with where both sides came from.
 */
export interface CheckResult {
  check: CheckId;
  status: CheckStatus;
  subject: CheckSubject;
  expected: string;
  actual: string;
  difference: string;
  currency: string;
  /** Why it is a mismatch or not checkable, in a sentence. */
  reason?: string;
  provenance: { expected: Provenance[]; actual: Provenance[] };
}

export interface Tolerance {
  /** A difference up to this amount (in the currency's units) counts as equal. */
  absolute?: Decimal | string;
  /** A difference up to this share of the expected amount (0.001 = 0.1%) counts as equal. */
  relative?: Decimal | string;
}

export interface ReconcileOptions {
  /** Which checks to run. Default: all. */
  checks?: CheckId[];
  /** How far apart two amounts may be and still count as equal. Default: exact. */
  tolerance?: Tolerance;
  /** Totals published elsewhere (a decree, a report) to check as well as those the inputs declare. */
  declaredTotals?: DeclaredTotal[];
  /** The stage whose flows a trust's declared income and expenses are compared with. Default `paid`. */
  trustStage?: Stage;
}

export interface ReconcileSummary {
  checked: number;
  mismatched: number;
  notCheckable: number;
  byCheck: Record<string, { checked: number; mismatched: number; notCheckable: number }>;
}

export interface ReconcileResult {
  checks: CheckResult[];
  summary: ReconcileSummary;
}
