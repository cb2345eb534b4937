/** What `ingestInWorker` needs of a Worker (a `Worker`, or one end of a MessageChannel in tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
  removeEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
}
