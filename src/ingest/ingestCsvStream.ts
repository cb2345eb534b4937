import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { createIngester } from './createIngester.js';
import { CsvRecordReader, readerLimits } from './CsvRecordReader.js';
import { type ChunkDecoder, createDecoder } from './decode/createDecoder.js';
import { type ByteOrTextStream, readChunks, type StreamDecoding } from './decodeStream.js';
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
  let text: { reader: CsvRecordReader; decoder?: ChunkDecoder; started: boolean } | undefined;
  let fast: FastFlowsReader | undefined;
  for await (const chunk of readChunks(stream, file, options.encoding ?? encoding, found)) {
    if (fast === undefined && text === undefined) {
      // Bytes of a table added up at the flows grain take the fast reader; everything else is decoded to text.
      const fits =
        typeof chunk !== 'string' &&
        ingester.accumulator !== undefined &&
        options.limits === undefined &&
        fastReaderFits(found.encoding, ingester.valueFormat);
      if (fits) {
        const defaultCurrency = options.defaultCurrency ?? 'MXN';
        fast = new FastFlowsReader(ingester, found.encoding!, ingester.valueFormat, defaultCurrency, file, delimiter);
      } else {
        text = {
          reader: new CsvRecordReader({ ...(delimiter ? { delimiter } : {}), ...readerLimits(options, file) }),
          started: false,
        };
        if (typeof chunk !== 'string') text.decoder = createDecoder(found.encoding!);
      }
    }
    if (fast) fast.push(chunk as Uint8Array);
    else {
      let decoded = typeof chunk === 'string' ? chunk : text!.decoder!.decode(chunk);
      if (!text!.started && decoded !== '') {
        text!.started = true;
        decoded = decoded.replace(/^\ufeff/, '');
      }
      ingester.accept(text!.reader.push(decoded));
    }
    onProgress?.({
      sourceBytes: found.sourceBytes ?? found.bytes ?? 0,
      bytes: found.bytes ?? 0,
      rows: ingester.rowsRead,
    });
  }
  if (fast) fast.end();
  else if (text) {
    if (text.decoder) ingester.accept(text.reader.push(text.decoder.end()));
    ingester.accept(text.reader.end());
  } else {
    // An empty stream: the books say so.
    ingester.accept(new CsvRecordReader(delimiter ? { delimiter } : {}).end());
  }
  const usedDelimiter = fast ? fast.delimiter : text?.reader.delimiter;
  const mixed = (fast?.mixed ?? false) || (text?.decoder?.mixed ?? false);
  return ingester.finish({
    ...(found.encoding ? { encoding: found.encoding, encodingDetected: found.detected } : {}),
    ...(mixed ? { mixedEncoding: true } : {}),
    ...(usedDelimiter ? { delimiter: usedDelimiter } : {}),
  });
}
