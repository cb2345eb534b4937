import type { IngestResult } from '../ingest/records.js';
import type { CloneableIngestResult } from './CloneableIngestResult.js';
import { decodeRecords } from './recordCodecs.js';

/**
 * The reviver of `toCloneableResult`: turns the exact decimal text of each amount back into a Decimal, so the result
 * is what `ingestCsvStream` returned on the other side of `postMessage`.
 *
 * @example
 * const result = fromCloneableResult(event.data.result);
 * result.flows[0].amount.plus('0.2').toString(); // '0.3' when the amount was '0.1'
 */
export function fromCloneableResult(result: CloneableIngestResult): IngestResult {
  return {
    ...result,
    flows: decodeRecords('flows', result.flows),
    balances: decodeRecords('balances', result.balances),
    watchlist: decodeRecords('watchlist', result.watchlist),
    declaredTotals: decodeRecords('declaredTotals', result.declaredTotals),
  };
}
