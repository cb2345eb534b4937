// How each list of an IngestResult crosses postMessage: Decimals go as their exact decimal text and come back as
// Decimals. The lists are converted a slice at a time, so that a large result can travel in parts.
import type { DeclaredTotal, FlowRecord, IngestResult, WatchlistEntry } from '../ingest/records.js';
import { Decimal } from '../money/Decimal.js';
import type { Balance } from '../model/types.js';
import type {
  CloneableBalance,
  CloneableDeclaredTotal,
  CloneableFlowRecord,
  CloneableIngestResult,
} from './CloneableIngestResult.js';

/** The lists of an IngestResult, in the order they are sent. */
export const RECORD_LISTS = ['flows', 'balances', 'watchlist', 'declaredTotals'] as const;
export type RecordList = (typeof RECORD_LISTS)[number];

const BALANCE_AMOUNTS = ['opening', 'closing', 'income', 'yield', 'expenses'] as const;

// toString() is exact: cauce's Decimal prints in plain notation with every digit it holds.
const text = (amount: Decimal) => amount.toString();

/** The records of `list` from `start` to `end`, as structured-clone-safe values. */
export function encodeRecords<K extends RecordList>(
  result: IngestResult,
  list: K,
  start: number,
  end: number,
): CloneableIngestResult[K] {
  const records = result[list].slice(start, end);
  if (list === 'flows' || list === 'declaredTotals') {
    return (records as (FlowRecord | DeclaredTotal)[]).map((record) => ({
      ...record,
      amount: text(record.amount),
    })) as CloneableIngestResult[K];
  }
  if (list === 'balances') {
    return (records as Balance[]).map((balance) => {
      const copy: Record<string, unknown> = { ...balance };
      for (const key of BALANCE_AMOUNTS) if (balance[key] !== undefined) copy[key] = text(balance[key]!);
      return copy;
    }) as CloneableIngestResult[K];
  }
  return records as WatchlistEntry[] as CloneableIngestResult[K];
}

/** The records of `list` as they were before `encodeRecords`: amounts are Decimals again. */
export function decodeRecords<K extends RecordList>(list: K, records: CloneableIngestResult[K]): IngestResult[K] {
  if (list === 'flows' || list === 'declaredTotals') {
    return (records as (CloneableFlowRecord | CloneableDeclaredTotal)[]).map((record) => ({
      ...record,
      amount: new Decimal(record.amount),
    })) as IngestResult[K];
  }
  if (list === 'balances') {
    return (records as CloneableBalance[]).map((balance) => {
      const copy: Record<string, unknown> = { ...balance };
      for (const key of BALANCE_AMOUNTS) if (balance[key] !== undefined) copy[key] = new Decimal(balance[key]!);
      return copy;
    }) as unknown as IngestResult[K];
  }
  return records as WatchlistEntry[] as IngestResult[K];
}
