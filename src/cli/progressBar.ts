import { basename } from 'node:path';
import type { IngestProgress } from '../ingest/ingestCsvStream.js';
import { forTerminal } from './formatTable.js';

/** Where the bar draws: standard error, or a stand-in in tests. */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBar {
  /** Redraws the bar, at most once per interval; pass it as `onProgress`. */
  update: (progress: IngestProgress) => void;
  /** Clears the bar's line, if it drew one. Call it when the read ends, whether it succeeded or not. */
  done: () => void;
}

export interface ProgressBarOptions {
  /** The file's name as shown (its base name is used). */
  file: string;
  /** The file's size on disk, to which `sourceBytes` is compared. */
  fileBytes: number;
  quiet?: boolean;
  /** The clock, in ms; tests pass their own. */
  now?: () => number;
}

/** Files smaller than this are read in about a second: a bar would only flicker. */
export const PROGRESS_MIN_BYTES = 5_000_000;
// Redraws no oftener than this, and not at all for a read that ends sooner.
const INTERVAL_MS = 100;
const MB = 1_000_000;

/**
 * A progress bar for reading one file, drawn on one line of standard error with `\r`: percentage of the file read,
 * megabytes, rows and rate. There is none (undefined) when the output is not a terminal (a pipe or a log file gets no
 * control characters), with `--quiet`, or for a file under PROGRESS_MIN_BYTES.
 *
 * @example
 * const bar = createProgressBar(process.stderr, { file, fileBytes: (await stat(file)).size });
 * try { await ingestFile(file, { onProgress: bar?.update }); } finally { bar?.done(); }
 */
export function createProgressBar(output: ProgressOutput, options: ProgressBarOptions): ProgressBar | undefined {
  if (options.quiet || output.isTTY !== true || !(options.fileBytes >= PROGRESS_MIN_BYTES)) return undefined;
  const now = options.now ?? Date.now;
  const name = forTerminal(basename(options.file));
  const started = now();
  let drawn = started;
  let shown = false;
  return {
    update(progress) {
      const time = now();
      if (time - drawn < INTERVAL_MS) return;
      drawn = time;
      const line = renderLine(name, progress, options.fileBytes, (time - started) / 1000);
      // \x1b[K clears what a longer line before left; one column is kept free so the terminal never wraps.
      output.write(`\r${fit(line, (output.columns ?? 80) - 1)}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) output.write('\r\x1b[K');
      shown = false;
    },
  };
}

function renderLine(name: string, progress: IngestProgress, fileBytes: number, seconds: number): string {
  const percent = Math.min(100, Math.floor((progress.sourceBytes * 100) / fileBytes));
  const read = `${(progress.sourceBytes / MB).toFixed(1)}/${(fileBytes / MB).toFixed(1)} MB`;
  const rows = `${progress.rows.toLocaleString('en-US')} rows`;
  const rate = seconds > 0 ? `${(progress.sourceBytes / MB / seconds).toFixed(1)} MB/s` : '';
  return [`${name} ${String(percent).padStart(3)}%`, read, rows, rate].filter(Boolean).join('  ');
}

/** Shortens a line to `width` characters: a narrow terminal loses the rate, then the rows. */
function fit(line: string, width: number): string {
  if (line.length <= width) return line;
  return width > 1 ? `${line.slice(0, width - 1)}…` : '';
}
