import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report.js';
import { UsageError } from '../../src/cli/UsageError.js';
import { flag } from '../../src/flags/flag.js';
import { buildFlowGraph } from '../../src/model/buildFlowGraph.js';
import { ingestFile } from '../../src/node/ingestFile.js';
import { DATA } from '../paths.js';
import { writePlanted } from './reportPlanted.js';

const FLOWS = DATA('ramo23-2016-flows.csv.gz');

async function report(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await reportCommand(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

let dir: string;
let planted: { payments: string; watchlist: string };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cauce-report-'));
  planted = writePlanted(dir);
});

describe('cauce report', () => {
  it('cauce report writes DIR/report.html, creating DIR, and prints its path on stdout', async () => {
    const out = join(dir, 'nested', 'en');
    const { code, stdout, stderr } = await report(
      FLOWS,
      planted.payments,
      '--watchlist',
      planted.watchlist,
      '--lang',
      'en',
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(stdout).toBe(`${join(out, 'report.html')}\n`);
    expect(stderr).toContain('wrote the report of 2 inputs');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    // Python's decimal over the shipped file: 54,613,053,674.00 approved and 4,040,410,198.89 paid leave Ramo 23; the
    // planted payments add the 1,000,000.00 that dep:X pays.
    expect(html).toMatch(
      /<td>approved<\/td><td>MXN<\/td><td class="num">\$54,613,053,674\.00<\/td><td class="num">11</,
    );
    expect(html).toMatch(/<td>paid<\/td><td>MXN<\/td><td class="num">\$4,041,410,198\.89<\/td><td class="num">12</);
    expect(html).toContain('3,059 rows read from 2 files: 1 rejected and 1 skipped');
    // The chart is the approved stage folded to 12 nodes a column, as cauce sankey --format svg draws it.
    expect(html).toContain('Money entering the chart (approved, MXN): $54,613,053,674.00');
    expect((html.match(/<rect [^>]*data-id=/g) ?? []).length).toBe(1 + 11 + 13 + 13);
    // Every flag flag() raises on the same inputs is listed.
    const graph = buildFlowGraph([await ingestFile(FLOWS), await ingestFile(planted.payments)]);
    const watchlist = (await ingestFile(planted.watchlist)).watchlist;
    const flags = flag(graph, { watchlist }).flags;
    expect((html.match(/<tr data-severity=/g) ?? []).length).toBe(flags.length);
  });

  it('cauce report --lang es --title T writes the page in Spanish under that title, escaped', async () => {
    const out = join(dir, 'es');
    const { code } = await report(FLOWS, '--out', out, '--title', 'Ramo 23 <2016> & "más"', '--top', '5');
    expect(code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h1>Ramo 23 &lt;2016&gt; &amp; &quot;más&quot;</h1>');
    expect(html).toContain('Dinero que entra al diagrama (aprobado, MXN): $54,613,053,674.00');
    expect(html).toContain('<p>Ninguna fila fue rechazada.</p>');
  });

  it('cauce report --json prints the path and the counts as JSON', async () => {
    const out = join(dir, 'json');
    const { stdout } = await report(FLOWS, planted.payments, '--out', out, '--stage', 'paid', '--json');
    // 11 programmes that paid out other than their allotment (Python over the shipped file), and int:U paying out more
    // than it received.
    expect(JSON.parse(stdout)).toEqual({ report: join(out, 'report.html'), flags: expect.any(Number), mismatched: 12 });
    // The chart of the paid stage: what Ramo 23 paid, and the 1,000,000.00 that dep:X paid.
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      'Dinero que entra al diagrama (pagado, MXN): $4,041,410,198.89',
    );
  });

  it('cauce report refuses what it cannot honour with a usage error, writing nothing', async () => {
    const refused = [
      [],
      ['--lang', 'fr'],
      ['--stage', 'spent'],
      ['--top', '0'],
      ['--limit', 'many'],
      ['--watchlist', FLOWS],
    ];
    for (const flags of refused) {
      const out = join(dir, 'refused');
      await expect(report(FLOWS, ...flags, ...(flags.length ? ['--out', out] : [])), flags.join(' ')).rejects.toThrow(
        UsageError,
      );
      expect(existsSync(join(out, 'report.html'))).toBe(false);
    }
  });
});
