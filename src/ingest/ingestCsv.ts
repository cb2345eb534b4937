import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { createIngester } from './createIngester.js';
import { LimitExceededError } from '../errors/LimitExceededError.js';
import { CsvRecordReader, readerLimits } from './CsvRecordReader.js';
import { decodeBytes } from './decode/decodeBytes.js';
import type { IngestResult } from './records.js';
import type { IngestOptions } from './TableIngester.js';

export interface IngestCsvOptions extends IngestOptions {
  /** For bytes: force an encoding (utf-8, windows-1252, iso-8859-1, cp850, utf-16le/be). Default: detected. */
  encoding?: string;
}

/**
 * Reads a table from a string, or from bytes in any encoding cauce knows (detected unless given). Without a mapping
 * or preset the table must be canonical (flows, balances or watchlist, recognised by its header). Bad rows are
 * reported in `report.issues`, never dropped; with `strict: true` the first bad row throws an IngestError.
 *
 * @example
 * const { flows, report } = ingestCsv('from,to,amount\nSHCP,IMSS,"1,234.50"\n', { file: 'pagos.csv' });
 * flows[0].amount.toString() // '1234.5'
 * report.accepted            // 1
 */
export function ingestCsv(input: string | Uint8Array, options: IngestCsvOptions = {}): IngestResult {
  const { ingester, delimiter, encoding } = createIngester(options);
  let text: string;
  const extra: Record<string, unknown> = {};
  if (typeof input === 'string') {
    text = input.replace(/^\ufeff/, '');
  } else if (input instanceof Uint8Array) {
    const decoded = decodeBytes(input, {
      ...((options.encoding ?? encoding) ? { encoding: options.encoding ?? encoding } : {}),
      file: options.file ?? 'input',
    });
    text = decoded.text;
    extra.encoding = decoded.encoding;
    extra.encodingDetected = decoded.detected;
    if (decoded.mixed) extra.mixedEncoding = true;
  } else {
    throw new InvalidArgumentError('input', `expected a string or a Uint8Array, got ${typeof input}`);
  }
  const maxBytes = options.limits?.maxBytes;
  if (maxBytes !== undefined && (typeof input === 'string' ? input.length : input.byteLength) > maxBytes) {
    throw new LimitExceededError(options.file ?? 'input', 'bytes', maxBytes);
  }
  const reader = new CsvRecordReader({
    ...(delimiter ? { delimiter } : {}),
    ...readerLimits(options, options.file ?? 'input'),
  });
  ingester.accept(reader.push(text));
  ingester.accept(reader.end());
  return ingester.finish({ ...extra, ...(reader.delimiter ? { delimiter: reader.delimiter } : {}) });
}
