import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_MAPPING, generateBudgetLines } from '../../scripts/bench/generateFiles.js';
import { serveFolder } from './serveFolder.js';
import { type Browser, CHROMIUM, launchChromium, type Page, watch } from './watchPage.js';

const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  console.warn(`test/browser/worker.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LINES = 100_000;

// The page: two ways to read the same budget, in cauce's worker and on the page itself. Each returns what the test
// checks: the progress seen, the longest task the page ran meanwhile, the counts of the report and the exact totals
// per stage of the flows into programmes.
const PAGE_ENTRY = `
import { ingestInWorker } from './src/worker/ingestInWorker.ts';
import { ingestCsv } from './src/ingest/ingestCsv.ts';
import { Decimal } from './src/money/Decimal.ts';

// What held the page: the longest task its main thread ran while the file was read (Long Tasks API). A task is what
// cauce's code on the page costs it; a timer's lateness would also count the time a busy machine gives other work.
function watchTasks() {
  let longestTask = 0;
  const note = (entries) => entries.forEach((entry) => (longestTask = Math.max(longestTask, entry.duration)));
  const observer = new PerformanceObserver((list) => note(list.getEntries()));
  observer.observe({ type: 'longtask' });
  return async () => {
    // A long task is reported after it ends; a timer turn lets the last one in.
    await new Promise((done) => setTimeout(done, 20));
    note(observer.takeRecords());
    observer.disconnect();
    return { longestTask };
  };
}

function summarize(result) {
  const totals = {};
  for (const flow of result.flows) {
    if (!(flow.amount instanceof Decimal)) throw new Error('an amount is not a Decimal');
    if (flow.to.id.startsWith('pp:')) totals[flow.stage] = (totals[flow.stage] ?? new Decimal(0)).plus(flow.amount);
  }
  const { rowsRead, accepted, rejected, skipped } = result.report;
  return {
    file: result.file,
    report: { rowsRead, accepted, rejected, skipped },
    flows: result.flows.length,
    totals: Object.fromEntries(Object.entries(totals).map(([stage, sum]) => [stage, sum.toFixed(2)])),
  };
}

const worker = new Worker('./worker.js', { type: 'module' });

window.readInWorker = async (how, mapping) => {
  const source = how === 'url' ? 'budget.csv' : await (await fetch('budget.csv')).blob();
  const progress = [];
  const stop = watchTasks();
  const result = await ingestInWorker(worker, source, { mapping, onProgress: (p) => progress.push(p) });
  return { ...(await stop()), progress, ...summarize(result) };
};

window.readOnPage = async (mapping) => {
  const text = await (await fetch('budget.csv')).text();
  const stop = watchTasks();
  const result = ingestCsv(text, { mapping, file: 'budget.csv' });
  return { ...(await stop()), ...summarize(result) };
};
`;

/**
 * The exact totals per stage of the generated file, added here in BigInt cents over its text (the generator writes
 * every amount with two decimals), with no part of cauce.
 */
function exactTotals(csv: string): Record<string, string> {
  const sums = [0n, 0n, 0n];
  for (const line of csv.split('\n').slice(1)) {
    if (line === '') continue;
    const cells = line.split(',');
    for (let column = 0; column < 3; column++) sums[column]! += BigInt(cells[5 + column]!.replace('.', ''));
  }
  const text = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  return { approved: text(sums[0]!), modified: text(sums[1]!), exercised: text(sums[2]!) };
}

/**
 * How many flows the mapping makes of the file, counted here: at each of the three stages, one flow per distinct
 * ramo -> unidad pair and one per distinct unidad -> programa pair (rows of the same pair add up into one flow).
 */
function exactFlowCount(csv: string): number {
  const units = new Set<string>();
  const programmes = new Set<string>();
  for (const line of csv.split('\n').slice(1)) {
    if (line === '') continue;
    const [, ramo, unit, programme] = line.split(',');
    units.add(`${ramo}>${unit}`);
    programmes.add(`${unit}>${programme}`);
  }
  return 3 * (units.size + programmes.size);
}

interface PageRead {
  longestTask: number;
  progress?: { sourceBytes: number; bytes: number; rows: number; totalBytes?: number }[];
  file: string;
  report: { rowsRead: number; accepted: number; rejected: number; skipped: number };
  flows: number;
  totals: Record<string, string>;
}

describe.skipIf(!HAS_CHROMIUM)('cauce/worker in headless Chromium', () => {
  let dir: string;
  let server: Server;
  let origin: string;
  let browser: Browser;
  let totals: Record<string, string>;
  let flows: number;
  let size: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cauce-worker-'));
    await generateBudgetLines(join(dir, 'budget.csv'), LINES);
    const csv = readFileSync(join(dir, 'budget.csv'), 'utf8');
    totals = exactTotals(csv);
    flows = exactFlowCount(csv);
    size = statSync(join(dir, 'budget.csv')).size;
    const common = { bundle: true, platform: 'browser', format: 'esm', target: 'es2022', logLevel: 'silent' } as const;
    await build({ ...common, entryPoints: [join(ROOT, 'src/worker/worker.ts')], outfile: join(dir, 'worker.js') });
    await build({
      ...common,
      stdin: { contents: PAGE_ENTRY, resolveDir: ROOT, sourcefile: 'page.js', loader: 'js' },
      outfile: join(dir, 'page.js'),
    });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><title>cauce worker</title><link rel="icon" href="data:,"><script type="module" src="page.js"></script>',
    );
    server = await serveFolder(dir);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function openPage(): Promise<{ page: Page; seen: ReturnType<typeof watch> }> {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'readInWorker' in window);
    return { page, seen };
  }

  const expectBudget = (read: PageRead) => {
    // Every line is accepted, and every flow crosses from the worker (thousands of them, so in many parts).
    expect(read.report).toEqual({ rowsRead: LINES, accepted: LINES, rejected: 0, skipped: 0 });
    expect(flows).toBeGreaterThan(10_000);
    expect(read.flows).toBe(flows);
    expect(read.totals).toEqual(totals);
  };

  it('ingestInWorker(worker, blob) reads 100,000 budget lines with progress, the exact totals and the page never held', async () => {
    const { page, seen } = await openPage();
    const read = (await page.evaluate(
      ([mapping]) => (window as any).readInWorker('blob', mapping),
      [BUDGET_MAPPING],
    )) as PageRead;
    expectBudget(read);
    const progress = read.progress!;
    expect(progress.length).toBeGreaterThan(5);
    for (let index = 1; index < progress.length; index++) {
      expect(progress[index]!.sourceBytes).toBeGreaterThanOrEqual(progress[index - 1]!.sourceBytes);
      expect(progress[index]!.rows).toBeGreaterThanOrEqual(progress[index - 1]!.rows);
    }
    expect(progress.at(-1)).toEqual({ sourceBytes: size, bytes: size, rows: LINES, totalBytes: size });
    expect(progress[0]!.rows).toBeLessThan(LINES);
    expect(read.longestTask).toBeLessThan(200);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('ingestInWorker(worker, url) fetches in the worker, knows the size from Content-Length and names the file', async () => {
    const { page, seen } = await openPage();
    const read = (await page.evaluate(
      ([mapping]) => (window as any).readInWorker('url', mapping),
      [BUDGET_MAPPING],
    )) as PageRead;
    expectBudget(read);
    expect(read.file).toBe('budget.csv');
    expect(read.progress!.at(-1)).toEqual({ sourceBytes: size, bytes: size, rows: LINES, totalBytes: size });
    expect(read.longestTask).toBeLessThan(200);
    expect(seen.requests).toContain(`${origin}/budget.csv`);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('ingestCsv(text) on the page itself holds it far longer: the measure of a held page works', async () => {
    const { page } = await openPage();
    const read = (await page.evaluate(
      ([mapping]) => (window as any).readOnPage(mapping),
      [BUDGET_MAPPING],
    )) as PageRead;
    expectBudget(read);
    expect(read.longestTask).toBeGreaterThan(200);
    await page.close();
  });
});
