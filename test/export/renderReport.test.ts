import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors/InvalidArgumentError.js';
import { escapeHtml } from '../../src/export/escapeHtml.js';
import { renderReport, type RenderReportInput } from '../../src/export/renderReport.js';
import { renderSankeySvg } from '../../src/export/renderSankeySvg.js';
import { REPORT_SCRIPT } from '../../src/export/reportScript.js';
import { toSankey } from '../../src/export/toSankey.js';
import { flag } from '../../src/flags/flag.js';
import { ingestCsv } from '../../src/ingest/ingestCsv.js';
import { buildFlowGraph } from '../../src/model/buildFlowGraph.js';
import { reconcile } from '../../src/reconcile/reconcile.js';
import { BAD_AMOUNT, IMG_LABEL, PAYMENTS_CSV, SCRIPT_LABEL, WATCHLIST_CSV } from './reportPlanted.js';

/** The planted payments alone: 2 flags, 1 mismatch, 1 rejected and 1 skipped row (see reportPlanted.ts). */
function plantedInput(overrides: Partial<RenderReportInput> = {}): RenderReportInput {
  const payments = ingestCsv(PAYMENTS_CSV, { file: 'payments.csv' });
  const watchlist = ingestCsv(WATCHLIST_CSV, { file: 'watch.csv' }).watchlist;
  const graph = buildFlowGraph(payments);
  const sankey = toSankey(graph, { lang: 'en' });
  return {
    lang: 'en',
    title: `Payments ${SCRIPT_LABEL}`,
    graph,
    reports: [payments.report],
    reconcile: reconcile(graph),
    flags: flag(graph, { watchlist }),
    sankey,
    svg: renderSankeySvg(sankey, { lang: 'en' }),
    ...overrides,
  };
}

/** The start tags of the page: escaped text holds no `<`, so every match is real markup. */
const tags = (html: string) =>
  [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)].map((match) => ({ name: match[1]!, rest: match[2]! }));

describe('renderReport', () => {
  it('renderReport prints every text from the data as text, in elements and in attributes alike', () => {
    const html = renderReport(plantedInput());
    for (const raw of [SCRIPT_LABEL, IMG_LABEL, BAD_AMOUNT]) expect(html).not.toContain(raw);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Outside the chart (whose SVG escapes on its own): in the flags table, where the payee is named.
    const flags = /<table id="flags-table"[^>]*>([\s\S]*?)<\/table>/.exec(html)![1]!;
    expect(flags).toContain('&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt; (emp:A)');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    const names = tags(html).map((tag) => tag.name.toLowerCase());
    expect(names.filter((name) => name === 'script')).toHaveLength(1);
    expect(names).not.toContain('img');
    expect(tags(html).some((tag) => /\son\w+\s*=/i.test(tag.rest))).toBe(false);
  });

  it('renderReport lets only its own script run: the Content-Security-Policy names the SHA-256 of the one script', () => {
    const html = renderReport(plantedInput());
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    // Nothing from the data reaches the script: it is the fixed text, byte for byte.
    expect(script).toBe(REPORT_SCRIPT);
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/
      .exec(html)![1]!
      .replaceAll('&#39;', "'");
    expect(policy).toBe(
      `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`,
    );
  });

  it('renderReport writes a page that loads nothing: no source, no link out, no imported style', () => {
    const html = renderReport(plantedInput());
    for (const { name, rest } of tags(html)) {
      expect(rest, name).not.toMatch(/\s(src|srcset|action|data|poster)=/i);
      const href = /\shref="([^"]*)"/.exec(rest)?.[1];
      if (href !== undefined) expect(href, name).toMatch(/^#[a-z]+$/);
    }
    expect(html).not.toMatch(/@import|url\(|<link/i);
  });

  it('renderReport lists the flags most severe first, then largest amount, each with integer sort keys and its rows', () => {
    const html = renderReport(plantedInput());
    const rows = [...html.matchAll(/<tr data-severity="(\d)" data-amount="(\d+)" data-order="(\d+)">(.*?)<\/tr>/g)];
    // The watchlist flag (high, 1,200,000.00 on both payments) before the duplicate payment (medium, 600,000.00).
    expect(rows.map(([, severity, amount, order]) => [severity, amount, order])).toEqual([
      ['3', '1', '0'],
      ['2', '0', '1'],
    ]);
    expect(rows[0]![4]).toContain('$1,200,000.00');
    expect(rows[0]![4]).toContain('payments.csv:3-5 (2 rows); watch.csv:2');
    expect(rows[1]![4]).toContain('$600,000.00');
    expect(html).toContain('2 flags (1 high, 1 medium, 0 low, 0 info); at stake: $1,800,000.00.');
  });

  it('renderReport shows the mismatch with expected, actual and difference, and the rows rejected and skipped', () => {
    const html = renderReport(plantedInput());
    const mismatches = /<table id="mismatches-table">([\s\S]*?)<\/table>/.exec(html)![1]!;
    expect(mismatches).toContain('&lt;script&gt;alert(1)&lt;/script&gt; (int:U) · paid · 2016');
    expect(mismatches).toMatch(/\$1,000,000\.00.*\$1,200,000\.00.*\$200,000\.00/);
    expect(mismatches).toContain('expected: payments.csv:2<br>actual: payments.csv:3-5 (2 rows)');
    const rejected = /<table id="rejected-table">([\s\S]*?)<\/table>/.exec(html)![1]!;
    expect(rejected).toContain(
      '<td class="where">payments.csv</td><td class="num">6</td><td>amount</td>' +
        '<td class="value">&lt;img src=x onerror=alert(2)&gt;</td><td><code>invalid_amount</code></td>',
    );
    expect(/<table id="skipped-table">([\s\S]*?)<\/table>/.exec(html)![1]).toContain(
      '<td><code>blank-row</code></td><td class="num">1</td>',
    );
    expect(html).toContain('5 rows read from 1 file: 1 rejected and 1 skipped');
  });

  it('renderReport caps each list at maxRows and says how many it left out', () => {
    const html = renderReport(plantedInput({ maxRows: 1 }));
    expect(html.match(/<tr data-severity=/g)).toHaveLength(1);
    expect(html).toContain('<p class="note">1 more not shown.</p>');
  });

  it('renderReport speaks Spanish by default', () => {
    const html = renderReport(plantedInput({ lang: undefined, title: undefined }));
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h1>Informe de cauce</h1>');
    expect(html).toContain('<h2>Alertas</h2>');
    expect(html).toContain('2 alertas (1 alta, 1 media, 0 baja, 0 informativa)');
  });

  it('renderReport refuses what the pipeline does not return, with InvalidArgumentError', () => {
    const refused: Array<Partial<RenderReportInput>> = [
      { svg: '<img src=x onerror=alert(1)>' },
      { lang: 'fr' as 'en' },
      { maxRows: 0 },
      { reports: undefined as never },
      { graph: {} as never },
    ];
    for (const overrides of refused) {
      expect(() => renderReport(plantedInput(overrides)), JSON.stringify(overrides)).toThrow(InvalidArgumentError);
    }
  });
});

describe('escapeHtml', () => {
  it('escapeHtml turns & < > " and \' into references and unwritable characters into U+FFFD', () => {
    expect(escapeHtml(`<a href="x">Tom's & Co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Co&lt;/a&gt;');
    expect(escapeHtml('bell\u0007 nul\u0000 half\uD800 pair\uD83D\uDE00 tab\tline\n')).toBe(
      'bell\uFFFD nul\uFFFD half\uFFFD pair\uD83D\uDE00 tab\tline\n',
    );
  });
});
