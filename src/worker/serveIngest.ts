import { CauceError } from '../errors/CauceError.js';
import { UnreadableInputError } from '../errors/UnreadableInputError.js';
import { ingestCsvStream, type IngestProgress } from '../ingest/ingestCsvStream.js';
import type { IngestResult } from '../ingest/records.js';
import type { CloneableIngestResult } from './CloneableIngestResult.js';
import type { ClonedError, IngestRequest, WorkerReply, WorkerRequest } from './messages.js';
import { encodeRecords, RECORD_LISTS } from './recordCodecs.js';

/** Where the worker listens and answers: a worker's global scope, or one end of a MessageChannel. */
export interface MessageScope {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: WorkerReply): void;
}

export interface ServeIngestOptions {
  /** The shortest time between two progress messages, in ms. Default 50. */
  progressInterval?: number;
  /** Records per part when a result is sent in parts. Default 1,000: a page takes in that many in a few ms. */
  partSize?: number;
}

const DEFAULTS = { progressInterval: 50, partSize: 1_000 };

// A browser may hand a Blob's bytes over in chunks of megabytes; smaller ones give progress a finer grain at no cost
// to speed (a chunk of this size is read in about a millisecond).
const CHUNK_BYTES = 1 << 17;

interface Job {
  abort: AbortController;
  /** Resolves when the page asks for the next part (true) or cancels (false). */
  next?: (more: boolean) => void;
}

/**
 * Answers ingest requests on `scope`: reads each source with `ingestCsvStream`, posts throttled progress, then the
 * result with its amounts as exact text (in parts when it is large), or the error. cauce's worker script is this
 * function called on the worker's global scope; call it yourself to serve ingests from a worker of your own.
 *
 * @example
 * // my-worker.js, started with new Worker(new URL('./my-worker.js', import.meta.url), { type: 'module' })
 * import { serveIngest } from 'cauce';
 * serveIngest(self);
 */
export function serveIngest(scope: MessageScope, options: ServeIngestOptions = {}): void {
  const settings = { ...DEFAULTS, ...options };
  const jobs = new Map<string, Job>();
  scope.addEventListener('message', (event) => {
    const request = event.data as WorkerRequest;
    if (typeof request !== 'object' || request === null || typeof request.id !== 'string') return;
    const job = jobs.get(request.id);
    if (request.type === 'ingest' && !job) {
      const created: Job = { abort: new AbortController() };
      jobs.set(request.id, created);
      void serve(scope, request, created, settings).finally(() => jobs.delete(request.id));
    } else if (request.type === 'next') {
      job?.next?.(true);
    } else if (request.type === 'cancel' && job) {
      job.abort.abort();
      job.next?.(false);
    }
  });
}

async function serve(scope: MessageScope, request: IngestRequest, job: Job, settings: typeof DEFAULTS): Promise<void> {
  const { id } = request;
  const signal = job.abort.signal;
  let result: IngestResult;
  let totalBytes: number | undefined;
  try {
    const file = request.options?.file ?? nameOf(request.source);
    const opened = await open(request.source, file, signal);
    totalBytes = opened.totalBytes;
    let last = -Infinity;
    let latest: IngestProgress | undefined;
    const post = (progress: IngestProgress) =>
      scope.postMessage({ type: 'progress', id, ...progress, ...(totalBytes === undefined ? {} : { totalBytes }) });
    result = await ingestCsvStream(
      // A cancel errors the stream, which ends the read at the next chunk.
      opened.stream.pipeThrough(rechunk(), { signal }),
      {
        ...request.options,
        file,
        onProgress: (progress) => {
          latest = progress;
          const now = Date.now();
          if (now - last < settings.progressInterval) return;
          last = now;
          post(progress);
        },
      },
    );
    if (signal.aborted) return;
    if (latest) post(latest);
  } catch (error) {
    if (!signal.aborted) scope.postMessage({ type: 'error', id, error: cloneError(error) });
    return;
  }
  await sendResult(scope, id, result, job, settings.partSize);
}

/** Sends every list but its last `partSize` records in parts, one per `next`, then the result with what is left. */
async function sendResult(scope: MessageScope, id: string, result: IngestResult, job: Job, partSize: number) {
  const rest: Partial<CloneableIngestResult> = {};
  for (const list of RECORD_LISTS) {
    const length = result[list].length;
    let start = 0;
    for (; length - start > partSize; start += partSize) {
      const asked = new Promise<boolean>((resolve) => (job.next = resolve));
      scope.postMessage({ type: 'part', id, list, records: encodeRecords(result, list, start, start + partSize) });
      if (!(await asked)) return;
    }
    Object.assign(rest, { [list]: encodeRecords(result, list, start, length) });
  }
  scope.postMessage({ type: 'result', id, result: { ...result, ...rest } as CloneableIngestResult });
}

function rechunk(): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      for (let start = 0; start < chunk.length; start += CHUNK_BYTES) {
        controller.enqueue(chunk.subarray(start, start + CHUNK_BYTES));
      }
    },
  });
}

async function open(
  source: IngestRequest['source'],
  file: string,
  signal: AbortSignal,
): Promise<{ stream: ReadableStream<Uint8Array>; totalBytes?: number }> {
  if (typeof source === 'string') {
    let response: Response;
    try {
      response = await fetch(source, { signal });
    } catch (error) {
      throw new UnreadableInputError(file, `cannot fetch ${source}: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok || !response.body) {
      throw new UnreadableInputError(file, `cannot fetch ${source}: HTTP ${response.status}`);
    }
    // Content-Length counts the bytes on the wire; when the server compressed them, the body delivers more.
    const length = Number(response.headers.get('content-length') ?? NaN);
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    return { stream: response.body, ...(Number.isFinite(length) && !encoded ? { totalBytes: length } : {}) };
  }
  const blob = source instanceof Blob ? source : new Blob([source as ArrayBuffer]);
  return { stream: blob.stream() as ReadableStream<Uint8Array>, totalBytes: blob.size };
}

/** The name provenance gives a source when the options name none: a File's name, a URL's last segment. */
function nameOf(source: IngestRequest['source']): string {
  if (typeof File !== 'undefined' && source instanceof File && source.name) return source.name;
  if (typeof source === 'string') {
    const segment = source.split(/[?#]/)[0]!.split('/').pop();
    if (segment) {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    }
  }
  return 'input';
}

function cloneError(error: unknown): ClonedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      ...(error instanceof CauceError || typeof code === 'string' ? { code: String(code) } : {}),
      message: error.message,
    };
  }
  return { name: 'Error', message: String(error) };
}
