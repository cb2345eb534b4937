import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type IngestResult, type IngestStreamOptions, ingestCsv, ingestCsvStream } from '../../src/index.js';
import { ingestFile } from '../../src/node/index.js';

/** Every way of reading a table; the same battery of tests runs against each. */
export interface Reader {
  name: string;
  read(text: string, options?: IngestStreamOptions): Promise<IngestResult>;
}

/** Bytes as a web stream of chunks of one size: every chunk boundary there is, for the readers to survive. */
export function byteStream(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'cauce-readers-'));
let fileCount = 0;

export const READERS: Reader[] = [
  { name: 'ingestCsv(text)', read: async (text, options) => ingestCsv(text, options) },
  {
    name: 'ingestCsvStream(text stream)',
    read: (text, options) =>
      ingestCsvStream(
        new ReadableStream<string>({
          start(controller) {
            // Split the text at awkward places: inside quotes, between CR and LF.
            for (let at = 0; at < text.length; at += 5) controller.enqueue(text.slice(at, at + 5));
            controller.close();
          },
        }),
        options,
      ),
  },
  {
    // Seven-byte chunks split multi-byte UTF-8 characters between chunks.
    name: 'ingestCsvStream(byte stream)',
    read: (text, options) => ingestCsvStream(byteStream(new TextEncoder().encode(text), 7), options),
  },
  {
    // One byte at a time: every boundary there is, including inside the gzip magic number.
    name: 'ingestCsvStream(gzip byte stream, 1-byte chunks)',
    read: (text, options) => ingestCsvStream(byteStream(gzipSync(text), 1), options),
  },
  {
    name: 'ingestCsvStream(gzip byte stream)',
    read: (text, options) => ingestCsvStream(byteStream(gzipSync(text), 11), options),
  },
  {
    name: 'ingestCsv(bytes)',
    read: async (text, options) => ingestCsv(new TextEncoder().encode(text), options),
  },
  {
    name: 'ingestFile(path)',
    read: (text, options) => {
      const path = join(scratch, `table-${fileCount++}.csv`);
      writeFileSync(path, text);
      return ingestFile(path, { file: 'input', ...options });
    },
  },
  {
    name: 'ingestFile(path.csv.gz)',
    read: (text, options) => {
      const path = join(scratch, `table-${fileCount++}.csv.gz`);
      writeFileSync(path, gzipSync(text));
      return ingestFile(path, { file: 'input', ...options });
    },
  },
];
