// The messages between a page and cauce's ingest worker. Everything here survives the structured clone algorithm:
// amounts travel as exact decimal text, errors as their name, code and message.
import type { IngestProgress, IngestStreamOptions } from '../ingest/ingestCsvStream.js';
import type { CloneableIngestResult } from './CloneableIngestResult.js';
import type { RecordList } from './recordCodecs.js';

/** What the worker reads: a Blob or File, bytes, or the URL of a file to fetch (resolved against the page). */
export type IngestSource = Blob | ArrayBuffer | ArrayBufferView | URL | string;

/** The ingest options that can cross to a worker: all but `onProgress`, which the page keeps. */
export type WorkerIngestOptions = Omit<IngestStreamOptions, 'onProgress'>;

/** Page to worker: read `source` with `ingestCsvStream`. `id` tells the replies to this request apart. */
export interface IngestRequest {
  type: 'ingest';
  id: string;
  source: Blob | ArrayBuffer | ArrayBufferView | string;
  options?: WorkerIngestOptions;
}

/** Page to worker: the last part is taken in, send the next one. */
export interface NextPartRequest {
  type: 'next';
  id: string;
}

/** Page to worker: stop reading, send nothing more. */
export interface CancelRequest {
  type: 'cancel';
  id: string;
}

export type WorkerRequest = IngestRequest | NextPartRequest | CancelRequest;

/** Progress as the worker reports it: the reader's own, and the size of the source when it is known. */
export interface WorkerProgress extends IngestProgress {
  /** The size of the source, when known (a Blob's size, a Content-Length of an uncompressed response). */
  totalBytes?: number;
}

/** Worker to page: how far the read has got (at most one every `progressInterval` ms, and one at the end). */
export interface ProgressMessage extends WorkerProgress {
  type: 'progress';
  id: string;
}

/**
 * Worker to page: records of a large result, sent one part at a time after the read, each after the page asks for it
 * (`next`), so that taking them in never holds the page for long. A list of the result is its parts, in order, then
 * the records of that list in the final `result`.
 */
export interface PartMessage {
  type: 'part';
  id: string;
  list: RecordList;
  records: CloneableIngestResult[RecordList];
}

/** Worker to page: the read is done. */
export interface ResultMessage {
  type: 'result';
  id: string;
  result: CloneableIngestResult;
}

/** An error as it crosses to the page: enough to tell it apart by `name` and `code`. */
export interface ClonedError {
  name: string;
  code?: string;
  message: string;
}

/** Worker to page: the read failed. */
export interface ErrorMessage {
  type: 'error';
  id: string;
  error: ClonedError;
}

export type WorkerReply = ProgressMessage | PartMessage | ResultMessage | ErrorMessage;
