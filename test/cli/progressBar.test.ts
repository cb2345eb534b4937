import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePayments } from '../../scripts/bench/generateFiles.js';
import { loadInputs } from '../../src/cli/loadInputs.js';
import { createProgressBar, PROGRESS_MIN_BYTES, type ProgressOutput } from '../../src/cli/progressBar.js';
import { run } from '../../src/cli/run.js';
import { DATA } from '../paths.js';

/** A terminal (or a pipe, with isTTY false) that keeps what is written to it. */
function fakeStream(isTTY: boolean, columns = 100): ProgressOutput & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns, written, write: (text: string) => written.push(text) };
}

/** A clock the test moves by hand. */
function clock() {
  let time = 1_000;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const LARGE = 12_000_000;

describe('createProgressBar', () => {
  it('createProgressBar(stream) draws nothing when stderr is not a terminal, with --quiet, or for a small file', () => {
    expect(createProgressBar(fakeStream(false), { file: 'a.csv', fileBytes: LARGE })).toBeUndefined();
    expect(createProgressBar({ write: () => true }, { file: 'a.csv', fileBytes: LARGE })).toBeUndefined();
    expect(createProgressBar(fakeStream(true), { file: 'a.csv', fileBytes: LARGE, quiet: true })).toBeUndefined();
    expect(createProgressBar(fakeStream(true), { file: 'a.csv', fileBytes: PROGRESS_MIN_BYTES - 1 })).toBeUndefined();
    expect(createProgressBar(fakeStream(true), { file: 'a.csv', fileBytes: PROGRESS_MIN_BYTES })).toBeDefined();
  });

  it('bar.update(progress) redraws one line with \\r at most every 100 ms: percent, MB, rows, rate', () => {
    const stream = fakeStream(true);
    const time = clock();
    const bar = createProgressBar(stream, { file: 'datos/pagos-2016.csv', fileBytes: LARGE, now: time.now })!;
    time.advance(50);
    bar.update({ sourceBytes: 65_536, bytes: 65_536, rows: 700 });
    expect(stream.written).toEqual([]);
    time.advance(950);
    bar.update({ sourceBytes: 3_000_000, bytes: 3_000_000, rows: 12_345 });
    time.advance(99);
    bar.update({ sourceBytes: 3_100_000, bytes: 3_100_000, rows: 12_800 });
    time.advance(1_001);
    bar.update({ sourceBytes: 12_000_000, bytes: 12_000_000, rows: 1_234_567 });
    expect(stream.written).toEqual([
      '\rpagos-2016.csv  25%  3.0/12.0 MB  12,345 rows  3.0 MB/s\x1b[K',
      '\rpagos-2016.csv 100%  12.0/12.0 MB  1,234,567 rows  5.7 MB/s\x1b[K',
    ]);
    bar.done();
    expect(stream.written.at(-1)).toBe('\r\x1b[K');
  });

  it('bar.update(progress) fits the line to a narrow terminal and shows control characters in a name as \ufffd', () => {
    const stream = fakeStream(true, 30);
    const time = clock();
    const bar = createProgressBar(stream, { file: 'a\x1b[31mb.csv', fileBytes: LARGE, now: time.now })!;
    time.advance(2_000);
    bar.update({ sourceBytes: 6_000_000, bytes: 6_000_000, rows: 10 });
    expect(stream.written).toEqual(['\ra\ufffd[31mb.csv  50%  6.0/12.0 M…\x1b[K']);
    expect(stream.written[0]!.length - '\r\x1b[K'.length).toBe(29);
  });

  it('bar.done() writes nothing when the read ended before the first draw', () => {
    const stream = fakeStream(true);
    const bar = createProgressBar(stream, { file: 'a.csv', fileBytes: LARGE, now: clock().now })!;
    bar.update({ sourceBytes: LARGE, bytes: LARGE, rows: 1 });
    bar.done();
    expect(stream.written).toEqual([]);
  });
});

describe('loadInputs with a progress bar', () => {
  let dir: string;
  let file: string;
  let rows: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cauce-progress-'));
    file = join(dir, 'payments.csv');
    const generated = await generatePayments(file, 60_000);
    rows = generated.rows;
    expect(generated.bytes).toBeGreaterThan(PROGRESS_MIN_BYTES);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loadInputs([large file], {}, terminal) draws the bar while reading and clears it at the end', async () => {
    const terminal = fakeStream(true);
    const { results } = await loadInputs([file], {}, terminal);
    expect(results[0]!.report).toMatchObject({ rowsRead: rows, accepted: rows, rejected: 0, skipped: 0 });
    // The read takes well over 100 ms, so at least one line is drawn before the clearing one.
    expect(terminal.written.length).toBeGreaterThanOrEqual(2);
    for (const line of terminal.written.slice(0, -1)) {
      expect(line).toMatch(/^\rpayments\.csv +\d{1,3}%  [\d.]+\/[\d.]+ MB  [\d,]+ rows( {2}[\d.]+ MB\/s)?\x1b\[K$/);
    }
    expect(terminal.written.at(-1)).toBe('\r\x1b[K');
  });

  it('loadInputs([large file], { quiet: true }, terminal) and loadInputs([large file], {}, pipe) write nothing', async () => {
    const terminal = fakeStream(true);
    await loadInputs([file], { quiet: true }, terminal);
    expect(terminal.written).toEqual([]);
    const pipe = fakeStream(false);
    await loadInputs([file], {}, pipe);
    expect(pipe.written).toEqual([]);
  });

  it('cauce ingest FILE --quiet is an accepted option and writes nothing on stderr', async () => {
    let stderr = '';
    const code = await run(['ingest', DATA('ramo23-2016-flows.csv.gz'), '--quiet', '--json'], {
      out: () => undefined,
      err: (text) => (stderr += text),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
