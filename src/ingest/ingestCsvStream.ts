import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { createIngester } from './createIngester.js';
import { CsvRecordReader, readerLimits } from './CsvRecordReader.js';
import { type ByteOrTextStream, decodeChunks, readChunks, type StreamDecoding } from './decodeStream.js';
import { FastFlowsReader, fastReaderFits } from './fast/FastFlowsReader.js';
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
  const file = options.file ?? 'input';
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InvalidArgumentError('options.onProgress', 'must be a function');
  }
  const found: StreamDecoding = { detected: false, mixed: false, gzip: false };
  if (options.limits?.maxBytes !== undefined) found.maxBytes = options.limits.maxBytes;
  const progress = () =>
    onProgress?.({
      sourceBytes: found.sourceBytes ?? found.bytes ?? 0,
      bytes: found.bytes ?? 0,
      rows: ingester.rowsRead,
    });
  const chunks = readChunks(stream, file, options.encoding ?? encoding, found);
  const first = await chunks.next();
  // Bytes of a table added up at the flows grain take the fast reader; everything else is decoded to text.
  const fits =
    !first.done &&
    typeof first.value !== 'string' &&
    ingester.accumulator !== undefined &&
    options.limits === undefined &&
    fastReaderFits(found.encoding, ingester.valueFormat);
  let usedDelimiter: string | undefined;
  let mixed: boolean;
  if (fits) {
    const defaultCurrency = options.defaultCurrency ?? 'MXN';
    const fast = new FastFlowsReader(ingester, found.encoding!, ingester.valueFormat, defaultCurrency, file, delimiter);
    for await (const chunk of startingWith(first, chunks)) {
      fast.push(chunk as Uint8Array);
      progress();
    }
    fast.end();
    usedDelimiter = fast.delimiter;
    mixed = fast.mixed;
  } else {
    const reader = new CsvRecordReader({ ...(delimiter ? { delimiter } : {}), ...readerLimits(options, file) });
    for await (const text of decodeChunks(startingWith(first, chunks), found)) {
      ingester.accept(reader.push(text));
      progress();
    }
    ingester.accept(reader.end());
    usedDelimiter = reader.delimiter;
    mixed = found.mixed;
  }
  return ingester.finish({
    ...(found.encoding ? { encoding: found.encoding, encodingDetected: found.detected } : {}),
    ...(mixed ? { mixedEncoding: true } : {}),
    ...(usedDelimiter ? { delimiter: usedDelimiter } : {}),
  });
}

/**
 * The chunks of a stream whose first chunk was already taken to look at. A reader that stops early (a strict read
 * meeting a bad row) closes the stream under it too.
 */
async function* startingWith<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    if (first.done) return;
    yield first.value;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    await rest.return(undefined);
  }
}
