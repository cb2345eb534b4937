import type { IngestResult } from '../ingest/records.js';
import type { CloneableIngestResult } from './CloneableIngestResult.js';
import { encodeRecords } from './recordCodecs.js';

/**
 * Makes an IngestResult safe to send with `postMessage`: each Decimal becomes its exact decimal text (never a number,
 * which could round). `fromCloneableResult` is the reviver that gives the Decimals back.
 *
 * @example
 * const sent = toCloneableResult(ingestCsv('from,to,amount,stage\na,b,0.10,paid\n'));
 * sent.flows[0].amount; // '0.1'
 */
export function toCloneableResult(result: IngestResult): CloneableIngestResult {
  return {
    ...result,
    flows: encodeRecords(result, 'flows', 0, result.flows.length),
    balances: encodeRecords(result, 'balances', 0, result.balances.length),
    watchlist: encodeRecords(result, 'watchlist', 0, result.watchlist.length),
    declaredTotals: encodeRecords(result, 'declaredTotals', 0, result.declaredTotals.length),
  };
}
