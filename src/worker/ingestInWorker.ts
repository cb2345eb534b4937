import { CauceError } from '../errors/CauceError.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import type { IngestResult } from '../ingest/records.js';
import type { CloneableIngestResult } from './CloneableIngestResult.js';
import { fromCloneableResult } from './fromCloneableResult.js';
import type {
  ClonedError,
  IngestRequest,
  IngestSource,
  WorkerIngestOptions,
  WorkerProgress,
  WorkerReply,
} from './messages.js';
import { decodeRecords, RECORD_LISTS, type RecordList } from './recordCodecs.js';
import type { WorkerLike } from './WorkerLike.js';

export type { WorkerProgress } from './messages.js';

export interface IngestInWorkerOptions extends WorkerIngestOptions {
  /** Called on the page with the worker's progress (at most every 50 ms by default, and once at the end). */
  onProgress?: (progress: WorkerProgress) => void;
  /** Stops the read: the promise rejects with the signal's reason and the worker drops the job. */
  signal?: AbortSignal;
}

let requests = 0;
// Two copies of cauce on one page may share a worker; a random part keeps their ids apart.
const SESSION = Math.random().toString(36).slice(2, 8);

/**
 * Reads a table in cauce's ingest worker, so that the page stays responsive while a large file is read: the same
 * result as `ingestCsvStream`, with the amounts as Decimals. A large result comes back in parts, each taken in as its
 * own task. A failed read rejects with an error of the same `name` and `code` as in the worker.
 *
 * @example
 * // cauce/worker (the package's dist/worker.js, self-contained) served with the page; with Vite:
 * // import CauceWorker from 'cauce/worker?worker'; const worker = new CauceWorker();
 * const worker = new Worker('/assets/cauce-worker.js', { type: 'module' });
 * const result = await ingestInWorker(worker, input.files[0], {
 *   preset: 'mx-pef',
 *   onProgress: ({ sourceBytes, totalBytes }) => (bar.value = sourceBytes / (totalBytes ?? sourceBytes)),
 * });
 */
export function ingestInWorker(
  worker: WorkerLike,
  source: IngestSource,
  options: IngestInWorkerOptions = {},
): Promise<IngestResult> {
  const { onProgress, signal, ...ingestOptions } = options;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InvalidArgumentError('options.onProgress', 'must be a function');
  }
  const id = `cauce-${SESSION}-${++requests}`;
  return new Promise<IngestResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const parts: Pick<IngestResult, RecordList> = { flows: [], balances: [], watchlist: [], declaredTotals: [] };
    const finish = (outcome: () => void) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('messageerror', onMessageError);
      worker.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
      try {
        outcome();
      } catch (error) {
        reject(error);
      }
    };
    const onMessage = (event: Event) => {
      const reply = (event as MessageEvent).data as WorkerReply;
      if (typeof reply !== 'object' || reply === null || reply.id !== id) return;
      if (reply.type === 'progress') {
        const { type: _type, id: _id, ...progress } = reply;
        onProgress?.(progress);
      } else if (reply.type === 'part') {
        // Reviving a part here, then asking for the next, lets the page run between parts.
        (parts[reply.list] as unknown[]).push(...decodeRecords(reply.list, reply.records));
        worker.postMessage({ type: 'next', id });
      } else if (reply.type === 'result') {
        finish(() => resolve(joinParts(parts, reply.result)));
      } else if (reply.type === 'error') {
        finish(() => reject(reviveError(reply.error)));
      }
    };
    const onMessageError = () =>
      finish(() => reject(new CauceError('worker_failed', 'a message from the ingest worker could not be read')));
    const onError = (event: Event) => {
      const message = (event as ErrorEvent).message || 'the ingest worker failed (did its script load?)';
      finish(() => reject(new CauceError('worker_failed', message)));
    };
    const onAbort = () => {
      worker.postMessage({ type: 'cancel', id });
      finish(() => reject(signal!.reason));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('messageerror', onMessageError);
    worker.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort);
    try {
      const request: IngestRequest = { type: 'ingest', id, source: toSendable(source), options: ingestOptions };
      worker.postMessage(request);
    } catch (error) {
      // A mapping or option the structured clone algorithm refuses (a function, a class instance).
      finish(() => reject(error));
    }
  });
}

/** A URL is sent as absolute text: the worker would resolve a relative one against its own script, not the page. */
function toSendable(source: IngestSource): IngestRequest['source'] {
  if (source instanceof URL) return source.href;
  if (typeof source !== 'string') return source;
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return new URL(source, base).href;
  } catch {
    return source;
  }
}

function joinParts(parts: Pick<IngestResult, RecordList>, rest: CloneableIngestResult): IngestResult {
  const result = fromCloneableResult(rest);
  for (const list of RECORD_LISTS) {
    const sent = parts[list] as unknown[];
    if (sent.length === 0) continue;
    sent.push(...result[list]);
    Object.assign(result, { [list]: sent });
  }
  return result;
}

/** The worker's error on the page: same name, code and message (a CauceError when it has a code). */
function reviveError(cloned: ClonedError): Error {
  const error = cloned.code === undefined ? new Error(cloned.message) : new CauceError(cloned.code, cloned.message);
  error.name = cloned.name;
  return error;
}
