import { columnKey } from './mapping/columnKey.js';
import { BALANCE_COLUMNS } from './readBalanceRow.js';
import { FLOW_COLUMNS } from './readFlowRow.js';
import { WATCHLIST_COLUMNS } from './readWatchlistRow.js';
import type { TableFormat } from './RowIssue.js';
import type { TableHeader } from './TableRow.js';

const FORMATS: Array<{ format: TableFormat; required: readonly string[] }> = [
  { format: 'flows', required: FLOW_COLUMNS.required },
  { format: 'balances', required: BALANCE_COLUMNS.required },
  { format: 'watchlist', required: WATCHLIST_COLUMNS.required },
];

/** Indexes header names by their column key (no case, accents or surrounding spaces); the first of two equal wins. */
export function indexHeader(names: string[]): TableHeader {
  const index = new Map<string, number>();
  names.forEach((name, at) => {
    const key = columnKey(name);
    if (key !== '' && !index.has(key)) index.set(key, at);
  });
  return { names, index };
}

/** Which canonical table a header is, by its required columns; undefined when it is none. */
export function recognizeFormat(header: TableHeader): TableFormat | undefined {
  return FORMATS.find(({ required }) => required.every((column) => header.index.has(column)))?.format;
}
