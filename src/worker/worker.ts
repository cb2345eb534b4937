// cauce's ingest worker: start it with `new Worker(url, { type: 'module' })` and talk to it with `ingestInWorker`.
import { type MessageScope, serveIngest } from './serveIngest.js';

// Only in a worker: imported into a page or into Node by mistake, it must not start listening to the window.
const scope = globalThis as unknown as { WorkerGlobalScope?: abstract new () => unknown };
if (typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof scope.WorkerGlobalScope) {
  serveIngest(globalThis as unknown as MessageScope);
}
