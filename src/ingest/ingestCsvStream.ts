import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { CsvRecordReader } from './CsvRecordReader.js';
import { type ByteOrTextStream, decodeStream } from './decodeStream.js';
import type { IngestResult } from './records.js';
import { type IngestOptions, TableIngester } from './TableIngester.js';

export interface IngestStreamOptions extends IngestOptions {
  /** A WHATWG encoding label for byte streams. Default `utf-8` (a byte-order mark is dropped). */
  encoding?: string;
}

/**
 * Reads a canonical table from a web ReadableStream of bytes or text (a `fetch` body, `file.stream()` in a browser,
 * `Readable.toWeb(...)` in Node). gzip-compressed bytes are unpacked on the fly. Only the unfinished last record is held
 * between chunks.
 *
 * @example
 * const response = await fetch('/data/flows.csv.gz');
 * const { flows, report } = await ingestCsvStream(response.body!, { file: 'flows.csv.gz' });
 */
export async function ingestCsvStream(stream: ByteOrTextStream, options: IngestStreamOptions = {}): Promise<IngestResult> {
  if (typeof (stream as Partial<ReadableStream>)?.getReader !== 'function') {
    throw new InvalidArgumentError('stream', 'expected a web ReadableStream');
  }
  const reader = new CsvRecordReader(options.delimiter ? { delimiter: options.delimiter } : {});
  const ingester = new TableIngester(options);
  for await (const text of decodeStream(stream, options.file ?? 'input', options.encoding)) {
    ingester.accept(reader.push(text));
  }
  ingester.accept(reader.end());
  return ingester.finish();
}
