import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { createIngester } from './createIngester.js';
import { CsvRecordReader, readerLimits } from './CsvRecordReader.js';
import { type ByteOrTextStream, decodeStream, type StreamDecoding } from './decodeStream.js';
import type { IngestResult } from './records.js';
import type { IngestOptions } from './TableIngester.js';

/** How far a streaming read has got; reported after each chunk of the input. */
export interface IngestProgress {
  /** Bytes taken from the stream (before gzip is unpacked; characters for a text stream): compare with a file size. */
  sourceBytes: number;
  /** Bytes decoded (after gzip is unpacked). */
  bytes: number;
  /** Rows read so far, header and preamble excluded. */
  rows: number;
}

export interface IngestStreamOptions extends IngestOptions {
  /** For byte streams: force an encoding (utf-8, windows-1252, iso-8859-1, cp850, utf-16le/be). Default: detected. */
  encoding?: string;
  /** Called after each chunk of the input is read, to show progress. Must not throw. */
  onProgress?: (progress: IngestProgress) => void;
}

/**
 * Reads a table from a web ReadableStream of bytes or text (a `fetch` body, `file.stream()` in a browser,
 * `Readable.toWeb(...)` in Node). gzip-compressed bytes are unpacked on the fly and the encoding is detected. Only the
 * unfinished last record is held between chunks.
 *
 * @example
 * const response = await fetch('/data/flows.csv.gz');
 * const { flows, report } = await ingestCsvStream(response.body!, { file: 'flows.csv.gz' });
 */
export async function ingestCsvStream(
  stream: ByteOrTextStream,
  options: IngestStreamOptions = {},
): Promise<IngestResult> {
  const { ingester, delimiter, encoding } = createIngester(options);
  const reader = new CsvRecordReader({
    ...(delimiter ? { delimiter } : {}),
    ...readerLimits(options, options.file ?? 'input'),
  });
  const found: StreamDecoding = { detected: false, mixed: false, gzip: false };
  if (options.limits?.maxBytes !== undefined) found.maxBytes = options.limits.maxBytes;
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InvalidArgumentError('options.onProgress', 'must be a function');
  }
  for await (const text of decodeStream(stream, options.file ?? 'input', options.encoding ?? encoding, found)) {
    ingester.accept(reader.push(text));
    onProgress?.({
      sourceBytes: found.sourceBytes ?? found.bytes ?? 0,
      bytes: found.bytes ?? 0,
      rows: ingester.rowsRead,
    });
  }
  ingester.accept(reader.end());
  return ingester.finish({
    ...(found.encoding ? { encoding: found.encoding, encodingDetected: found.detected } : {}),
    ...(found.mixed ? { mixedEncoding: true } : {}),
    ...(reader.delimiter ? { delimiter: reader.delimiter } : {}),
  });
}
