import type { DeclaredTotal, FlowRecord, IngestResult } from '../ingest/records.js';
import type { Balance } from '../model/types.js';

/**
 * A flow with its amount as exact decimal text, so that it survives `postMessage` (a Decimal would arrive as a bare
 * object).
 */
export type CloneableFlowRecord = Omit<FlowRecord, 'amount'> & { amount: string };

/** A balance with every amount as exact decimal text. */
export type CloneableBalance = Omit<Balance, 'opening' | 'closing' | 'income' | 'yield' | 'expenses'> & {
  opening: string;
  closing: string;
  income?: string;
  yield?: string;
  expenses?: string;
};

/** A declared total with its amount as exact decimal text. */
export type CloneableDeclaredTotal = Omit<DeclaredTotal, 'amount'> & { amount: string };

/**
 * An IngestResult that the structured clone algorithm copies without loss: every Decimal is its exact decimal text.
 * `toCloneableResult` makes one, `fromCloneableResult` turns it back.
 */
export interface CloneableIngestResult extends Omit<IngestResult, 'flows' | 'balances' | 'declaredTotals'> {
  flows: CloneableFlowRecord[];
  balances: CloneableBalance[];
  declaredTotals: CloneableDeclaredTotal[];
}
