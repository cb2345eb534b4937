import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOP } from '../../examples/citizen-budget/words.js';
import { buildFlowGraph, flag, ingestCsv, ingestCsvStream, toSankey, type FlowGraph } from '../../src/index.js';
import { DATA } from '../paths.js';
import { serveFolder } from './serveFolder.js';
import { type Browser, CHROMIUM, launchChromium, type Page, watch } from './watchPage.js';

// The browser CI installs Debian's chromium; without it this file is skipped, so unit runs pass anywhere.
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  console.warn(`test/browser/citizenBudget.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

const BUILD = fileURLToPath(new URL('../../examples/citizen-budget/build.mjs', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

const SCRIPT_NAME = '<script>alert(1)</script>';
const IMG_NAME = '"><img src=x onerror=alert(1)>';
const IMG_FILE = '<img src=x onerror=alert(1)>.csv';
// A reader's own file, with markup in its names and in its file name: 1,500,000.00 + 500,000.00 approved, and the
// first 1,500,000.00 paid, which is enough for a flag that names the payee.
const HOSTILE_CSV = [
  'from,to,amount,stage,from_name,to_name',
  `dep:1,emp:1,1500000.00,approved,${SCRIPT_NAME},"${IMG_NAME.replaceAll('"', '""')}"`,
  `dep:1,emp:2,500000.00,approved,${SCRIPT_NAME},Otra empresa`,
  `dep:1,emp:1,1500000.00,paid,${SCRIPT_NAME},"${IMG_NAME.replaceAll('"', '""')}"`,
  '',
].join('\n');

/** The exact total the page shows, as the library computed it in the browser. */
const shownTotal = (page: Page) => page.locator('#total').getAttribute('data-total');
const chartTexts = (page: Page) => page.locator('#chart svg text').allTextContents();

describe.skipIf(!HAS_CHROMIUM)('the citizen-budget example page in headless Chromium', () => {
  let dist: string;
  let server: Server;
  let origin: string;
  let browser: Browser;
  let graph: FlowGraph;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'cauce-citizen-budget-'));
    execFileSync(process.execPath, [BUILD, dist], { stdio: 'pipe' });
    server = await serveFolder(dist);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The same file read by the library in Node, for the figures the page must agree with.
    graph = buildFlowGraph(
      await ingestCsvStream(new Blob([readFileSync(DATA('ramo23-2016-flows.csv.gz'))]).stream(), {
        file: 'ramo23-2016-flows.csv.gz',
      }),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('draws the shipped budget with its exact totals per stage, focuses on a state, and speaks English', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const seen = watch(page);
    await page.goto(`${origin}/`);
    await page.locator('body[data-state="ready"] #chart svg').waitFor();

    // Python's decimal over the shipped file: 54,613,053,674.00 approved and 4,040,410,198.89 paid leave Ramo 23.
    expect(await shownTotal(page)).toBe('54613053674');
    expect(await shownTotal(page)).toBe(toSankey(graph, { stage: 'approved', top: TOP }).total);
    expect(await page.locator('#total').innerText()).toBe('$54.6 mil millones');
    expect(await page.locator('#total-exact').innerText()).toBe('$54,613,053,674.00');
    expect(await page.locator('#status').innerText()).toBe(
      'ramo23-2016-flows.csv.gz: 3,054 filas leídas, 3,054 aceptadas, 0 rechazadas, 0 omitidas.',
    );
    // Only the stages the file has.
    expect(
      await page.locator('#stage option').evaluateAll((options) => options.map((o) => o.getAttribute('value'))),
    ).toEqual(['approved', 'paid']);
    // Top 10 per column: the branch, its 11 programmes (folding the 11th alone would only rename it), 10 states and
    // "Otros", 10 municipalities and "Otros".
    expect(await page.locator('#chart svg rect[data-id]').count()).toBe(1 + 11 + 11 + 11);

    await page.locator('#stage').selectOption('paid');
    await expect.poll(() => shownTotal(page)).toBe('4040410198.89');
    expect(await page.locator('#total-exact').innerText()).toBe('$4,040,410,198.89');
    expect(await page.locator('#stage-name').innerText()).toBe('Pagado');

    // Puebla (ef:21): what its programmes allotted it, 2,098,675,139.81 (Python's decimal over the rows to ef:21),
    // and where it went.
    await page.locator('#stage').selectOption('approved');
    await expect.poll(() => shownTotal(page)).toBe('54613053674');
    await page.locator('#chart rect[data-id="ef:21"]').click();
    await expect.poll(() => page.locator('#focus-name').innerText()).toBe('PUEBLA (ef:21)');
    const focused = toSankey(graph, { stage: 'approved', top: TOP, focus: 'ef:21' });
    expect(focused.total).toBe('2098675139.81');
    expect(await shownTotal(page)).toBe(focused.total);
    expect(await page.locator('#total-exact').innerText()).toBe('$2,098,675,139.81');
    expect(await chartTexts(page)).toContain('PUEBLA $2.1 mil millones');
    expect(await page.locator('#unfocus').isVisible()).toBe(true);

    // The flags that name Puebla, its own first, in the reader's language, as the library words them.
    const touching = flag(graph).flags.filter((found) => found.nodes.includes('ef:21'));
    const own = touching.filter((found) => found.nodes[0] === 'ef:21');
    expect(touching).toHaveLength(46);
    expect(own.map((found) => found.rule)).toEqual(['pass-through', 'missing-identifier', 'underspend']);
    const messages = () => page.locator('#flags-list .message').allInnerTexts();
    expect((await messages()).slice(0, 3)).toEqual(own.map((found) => found.message.es));
    expect(await messages()).toHaveLength(12);
    expect(await page.locator('#flags-summary').innerText()).toBe('46 señales tocan este nodo:');
    expect(await page.locator('#flags-more').innerText()).toBe('…y 34 más.');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'citizen-budget.png'), fullPage: true });
    expect(readFileSync(join(ARTIFACTS, 'citizen-budget.png')).subarray(1, 4).toString()).toBe('PNG');

    await page.locator('#lang').selectOption('en');
    await expect.poll(() => chartTexts(page)).toContain('PUEBLA $2.1B');
    expect((await chartTexts(page)).filter((text) => text.includes('mil millones'))).toEqual([]);
    expect(await page.locator('#total').innerText()).toBe('$2.1B');
    expect(await page.locator('#flags-summary').innerText()).toBe('46 warning signs touch this node:');
    expect((await messages()).slice(0, 3)).toEqual(own.map((found) => found.message.en));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.locator('#unfocus').click();
    await expect.poll(() => page.locator('#focus-name').innerText()).toBe('The whole budget');
    expect(await shownTotal(page)).toBe('54613053674');

    expect(seen.errors).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    expect(seen.requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(seen.requests).toContain(`${origin}/ramo23-2016-flows.csv.gz`);
    await page.close();
  });

  it('shows the markup in a reader file’s names and file name as text, and runs none of it', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.goto(`${origin}/`);
    await page.locator('body[data-state="ready"] #chart svg').waitFor();

    await page
      .locator('#file')
      .setInputFiles({ name: IMG_FILE, mimeType: 'text/csv', buffer: Buffer.from(HOSTILE_CSV) });
    await expect.poll(() => shownTotal(page)).toBe('2000000');
    expect(await page.locator('#status').innerText()).toBe(
      `${IMG_FILE}: 3 filas leídas, 3 aceptadas, 0 rechazadas, 0 omitidas.`,
    );
    expect(await page.locator('#stage option').allInnerTexts()).toEqual(['Aprobado', 'Pagado']);
    expect(await page.locator('#chart rect[data-id="dep:1"] title').textContent()).toBe(
      `${SCRIPT_NAME}\n$2,000,000.00`,
    );
    expect(await page.locator('#chart rect[data-id="emp:1"] title').textContent()).toBe(`${IMG_NAME}\n$1,500,000.00`);
    expect(await chartTexts(page)).toContain(`${SCRIPT_NAME} $2 millones`);

    await page.locator('#chart rect[data-id="dep:1"]').click();
    await expect.poll(() => page.locator('#focus-name').innerText()).toBe(`${SCRIPT_NAME} (dep:1)`);
    const expected = flag(buildFlowGraph(ingestCsv(HOSTILE_CSV, { file: IMG_FILE })))
      .flags.filter((found) => found.nodes.includes('dep:1'))
      .map((found) => found.message.es);
    expect(expected.some((message) => message.includes(IMG_NAME))).toBe(true);
    expect((await page.locator('#flags-list .message').allInnerTexts()).sort()).toEqual(expected.sort());

    // Nothing the names carried became markup: the page's one script, no image, no handler, no dialog.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('[onerror]').count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    await page.close();
  });
});
