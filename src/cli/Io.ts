import type { ProgressOutput } from './progressBar.js';

/** Where a command writes: data to `out` (stdout), messages to `err` (stderr). Tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Where a progress bar may be drawn (stderr when it is a terminal); none when absent. */
  progress?: ProgressOutput;
}
