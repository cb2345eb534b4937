import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { UnreadableInputError } from '../errors/UnreadableInputError.js';
import { type IngestStreamOptions, ingestCsvStream } from '../ingest/ingestCsvStream.js';
import type { IngestResult } from '../ingest/records.js';

/**
 * Reads a canonical table from a file, streaming it (a `.csv.gz` is unpacked on the fly). Provenance names the file by
 * the path given, unless `options.file` says otherwise.
 *
 * @example
 * const { report } = await ingestFile('data/ramo23-2016-flows.csv.gz');
 */
export async function ingestFile(path: string, options: IngestStreamOptions = {}): Promise<IngestResult> {
  const file = options.file ?? path;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UnreadableInputError(file, 'not a file');
  } catch (error) {
    if (error instanceof UnreadableInputError) throw error;
    throw new UnreadableInputError(file, describeFsError(error), { cause: error });
  }
  const stream = Readable.toWeb(createReadStream(path, { highWaterMark: 1 << 20 })) as ReadableStream<Uint8Array>;
  return ingestCsvStream(stream, { ...options, file });
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error).message;
}
