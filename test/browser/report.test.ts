import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report.js';
import { Decimal } from '../../src/money/Decimal.js';
import { BAD_AMOUNT, IMG_LABEL, SCRIPT_LABEL, writePlanted } from '../export/reportPlanted.js';
import { DATA } from '../paths.js';
import { type Browser, CHROMIUM, launchChromium, type Page, watch } from './watchPage.js';

// The browser CI installs (Debian's chromium); without it this file is skipped, so unit runs pass anywhere.
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM)
  console.warn(`test/browser/report.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const TITLE = `Ramo 23 ${SCRIPT_LABEL} & ${IMG_LABEL}`;

/** The cells of the flags table's rows, as the reader sees them. */
async function flagRows(page: Page): Promise<string[][]> {
  return page
    .locator('#flags-table tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.innerText)));
}

/** "$1,200,000.00" as an exact Decimal. */
const amountOf = (text: string) => new Decimal(text.replace(/[^\d.-]/g, ''));

describe.skipIf(!HAS_CHROMIUM)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cauce-browser-'));
    const planted = writePlanted(dir);
    let stdout = '';
    const code = await reportCommand(
      [DATA('ramo23-2016-flows.csv.gz'), planted.payments, '--watchlist', planted.watchlist, '--lang', 'en'].concat([
        '--title',
        TITLE,
        '--out',
        join(dir, 'out'),
      ]),
      { out: (text) => (stdout += text), err: () => {} },
    );
    expect(code).toBe(0);
    url = pathToFileURL(stdout.trim()).href;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens offline: no request but the file itself, no console error, no dialog, the markup in names shown as text', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen = watch(page);
    await page.goto(url, { waitUntil: 'load' });
    expect(seen.requests).toEqual([url]);
    expect(seen.errors).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    // The injected markup is text: one script (the report's own), no image, and the names read as written.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('h1').innerText()).toBe(TITLE);
    expect(await page.title()).toBe(TITLE);
    const duplicate = (await flagRows(page)).find((cells) => cells[1]!.includes('duplicate-payment'))!;
    expect(duplicate[3]).toBe(`${SCRIPT_LABEL} (int:U) paid ${IMG_LABEL} (emp:A) $600,000.00 2 times on 2016-03-15.`);
    expect(await page.locator('#rejected-table tbody td.value').allInnerTexts()).toEqual([BAD_AMOUNT]);

    // The chart is drawn and fits the page.
    const chart = page.locator('#chart svg');
    await expect.poll(() => chart.isVisible()).toBe(true);
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeGreaterThan(900);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(await chart.locator('rect[data-id]').count()).toBe(1 + 11 + 13 + 13);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png') });
    expect(readFileSync(join(ARTIFACTS, 'report.png')).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });

  it('shows the inputs, the money entering, and the reconciliation with its exact figures and rows', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const cells = (selector: string) =>
      page
        .locator(`${selector} tbody tr`)
        .evaluateAll((rows) =>
          rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.innerText)),
        );

    // Rows read, accepted, rejected and skipped per file: the shipped file reads whole; the planted one as planned.
    const inputs = await cells('#inputs table');
    expect(inputs.map((row) => row.slice(3))).toEqual([
      ['3,054', '3,054', '0', '0'],
      ['5', '3', '1', '1\nblank-row 1'],
    ]);
    // Python's decimal over the shipped file: 54,613,053,674.00 approved and 4,040,410,198.89 paid leave Ramo 23,
    // plus the planted 1,000,000.00 paid by dep:X.
    expect(await cells('#totals table')).toEqual([
      ['approved', 'MXN', '$54,613,053,674.00', '11'],
      ['paid', 'MXN', '$4,041,410,198.89', '12'],
    ]);

    // 22 hierarchy checks (11 programmes at 2 stages), 67 conservation (33 states at 2 stages, and int:U), and 11
    // programmes' allotments against their payments, all 11 off; Ramo 23's own allotment has no payments to check.
    expect(await cells('#checks-table')).toContainEqual(['Conservation conservation', '67', '1', '0']);
    expect(await cells('#checks-table')).toContainEqual(['Allotted vs paid allocation-vs-payments', '11', '11', '1']);
    const mismatches = await cells('#mismatches-table');
    expect(mismatches).toHaveLength(12);
    // Largest difference first: PROYECTOS DE DESARROLLO REGIONAL (pp:U128) was allotted 19,771,446,636.00 and paid
    // out 150,652,765.00 (Python over the shipped file); the planted +200,000.00 at int:U is the smallest.
    expect(mismatches[0]!.slice(1, 5)).toEqual([
      'PROYECTOS DE DESARROLLO REGIONAL (pp:U128) · paid vs approved',
      '$19,771,446,636.00',
      '$150,652,765.00',
      '-$19,620,793,871.00',
    ]);
    expect(mismatches[0]![6]).toMatch(
      /^expected: .*ramo23-2016-flows\.csv\.gz:3034\nactual: .*:2755-2817 \(32 rows\)$/,
    );
    expect(mismatches[11]!.slice(1, 5)).toEqual([
      `${SCRIPT_LABEL} (int:U) · paid · 2016`,
      '$1,000,000.00',
      '$1,200,000.00',
      '$200,000.00',
    ]);
    expect(mismatches[11]![6]).toMatch(/^expected: .*payments\.csv:2\nactual: .*payments\.csv:3-5 \(2 rows\)$/);
    const sizes = mismatches.map((row) => amountOf(row[4]!).abs());
    expect(sizes.every((size, at) => at === 0 || size.lessThanOrEqualTo(sizes[at - 1]!))).toBe(true);
    await page.close();
  });

  it('sorts the flags by amount and by severity when their headers are clicked', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.goto(url);
    const summary = await page.locator('#flags p').first().innerText();
    const total = Number(/^([\d,]+) flags/.exec(summary)![1]!.replaceAll(',', ''));
    const initial = await flagRows(page);
    expect(initial).toHaveLength(total);
    // The only high flag: both planted payments to emp:A, listed as definitivo before them.
    expect(initial[0]!.slice(0, 3)).toEqual(['high', 'Payee on a watchlist\nwatchlist', '$1,200,000.00']);
    expect(initial[0]![4]).toMatch(/payments\.csv:3-5 \(2 rows\); .*watchlist\.csv:2$/);

    await page.locator('#flags-table th[data-sort="amount"] button').click();
    const byAmount = await flagRows(page);
    expect(await page.locator('#flags-table th[data-sort="amount"]').getAttribute('aria-sort')).toBe('descending');
    // Largest first: Ramo 23 paid 4,040,410,198.89 of its 54,613,053,674.00, leaving 50,572,643,475.11 unspent
    // (Python over the shipped file).
    expect(byAmount[0]!.slice(0, 3)).toEqual(['low', 'Spent little of its budget\nunderspend', '$50,572,643,475.11']);
    const amounts = byAmount.map((cells) => amountOf(cells[2]!));
    expect(amounts.every((amount, at) => at === 0 || amount.lessThanOrEqualTo(amounts[at - 1]!))).toBe(true);
    expect(byAmount.map((cells) => cells.join('|')).sort()).toEqual(initial.map((cells) => cells.join('|')).sort());

    await page.locator('#flags-table th[data-sort="amount"] button').click();
    const ascending = (await flagRows(page)).map((cells) => amountOf(cells[2]!));
    expect(ascending.every((amount, at) => at === 0 || amount.greaterThanOrEqualTo(ascending[at - 1]!))).toBe(true);

    await page.locator('#flags-table th[data-sort="severity"] button').click();
    expect(await flagRows(page)).toEqual(initial);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('reads the same without scripts, and prints with headers that do not stick and a chart within the page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url);
    // Written in the order the script would give it: most severe, then largest amount.
    const rows = await flagRows(page);
    expect(rows[0]![0]).toBe('high');
    expect(await page.locator('#flags-table th button').count()).toBe(0);
    await context.close();

    const print = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await print.goto(url);
    await print.emulateMedia({ media: 'print' });
    const position = await print
      .locator('#flags-table thead th')
      .first()
      .evaluate((th) => getComputedStyle(th).position);
    expect(position).toBe('static');
    const box = (await print.locator('#chart svg').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(794);
    expect(await print.locator('nav').isVisible()).toBe(false);
    await print.close();
  });
});
