import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { CsvRecordReader } from './CsvRecordReader.js';
import type { IngestResult } from './records.js';
import { type IngestOptions, TableIngester } from './TableIngester.js';

/**
 * Reads a canonical table (flows, balances or watchlist, recognised by its header) from a string. Bad rows are
 * reported in `report.issues`, never dropped; with `strict: true` the first bad row throws an IngestError.
 *
 * @example
 * const { flows, report } = ingestCsv('from,to,amount\nSHCP,IMSS,"1,234.50"\n', { file: 'pagos.csv' });
 * flows[0].amount.toString() // '1234.5'
 * report.accepted            // 1
 */
export function ingestCsv(text: string, options: IngestOptions = {}): IngestResult {
  if (typeof text !== 'string') throw new InvalidArgumentError('text', `expected a string, got ${typeof text}`);
  const reader = new CsvRecordReader(options.delimiter ? { delimiter: options.delimiter } : {});
  const ingester = new TableIngester(options);
  ingester.accept(reader.push(text.replace(/^\ufeff/, '')));
  ingester.accept(reader.end());
  return ingester.finish();
}
