import { normalizeTaxId } from '../model/normalizeTaxId.js';
import type { WatchlistEntry } from './records.js';
import type { TableRow } from './TableRow.js';

export const WATCHLIST_COLUMNS = {
  required: ['tax_id', 'name', 'status', 'listed_on'],
  optional: ['source'],
} as const;

const KNOWN: ReadonlySet<string> = new Set([...WATCHLIST_COLUMNS.required, ...WATCHLIST_COLUMNS.optional]);

/** Reads one row of the canonical watchlist table. A listing date may be empty; a wrong one is an issue. */
export function readWatchlistRow(row: TableRow): WatchlistEntry | undefined {
  const rawTaxId = row.required('tax_id');
  const status = row.required('status');
  const listedOn = row.date('listed_on');
  const taxId = rawTaxId === undefined ? '' : normalizeTaxId(rawTaxId);
  if (rawTaxId !== undefined && taxId === '') row.fail('tax_id', 'missing_field', 'tax_id has no letters or digits');
  if (row.issues.length > 0 || !status) return undefined;

  const entry: WatchlistEntry = {
    taxId,
    name: row.text('name'),
    status: status.toLowerCase(),
    provenance: row.provenance,
  };
  if (listedOn !== undefined) entry.listedOn = listedOn;
  const source = row.text('source');
  if (source !== '') entry.source = source;
  const extras = row.extras(KNOWN);
  if (extras) entry.attributes = extras;
  return entry;
}
