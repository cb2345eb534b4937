import { UnrecognizedFormatError } from '../errors/UnrecognizedFormatError.js';
import type { WatchlistEntry } from '../ingest/records.js';
import { ingestFile } from '../node/ingestFile.js';
import { UsageError } from './UsageError.js';

/** A canonical watchlist table, or a list in a layout a watchlist preset knows (SAT 69-B as SAT publishes it). */
export async function readWatchlist(file: string): Promise<WatchlistEntry[]> {
  try {
    const result = await ingestFile(file);
    if (result.format !== 'watchlist')
      throw new UsageError(`--watchlist ${file}: a ${result.format} table, not a watchlist`);
    return result.watchlist;
  } catch (error) {
    if (!(error instanceof UnrecognizedFormatError)) throw error;
    return (await ingestFile(file, { preset: 'sat-69b' })).watchlist;
  }
}
