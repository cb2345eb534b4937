import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sankeyCommand } from '../../src/cli/commands/sankey.js';
import { UsageError } from '../../src/cli/UsageError.js';
import { DATA } from '../paths.js';
import { parseXml } from './parseXml.js';
import { PROBLEMS_CSV } from './sankeySynthetic.js';

const FLOWS = DATA('ramo23-2016-flows.csv.gz');

async function sankey(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await sankeyCommand(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

let dir: string;
let problems: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cauce-sankey-'));
  problems = join(dir, 'problems.csv');
  writeFileSync(problems, PROBLEMS_CSV);
});

describe('cauce sankey', () => {
  it('cauce sankey prints the d3 form by default: toSankey’s data for the first stage, exact amounts beside floats', async () => {
    const { code, stdout, stderr } = await sankey(FLOWS);
    expect(code).toBe(0);
    const data = JSON.parse(stdout);
    // The approved stage comes first; 54,613,053,674 enters through Ramo 23 (Python over the canonical file).
    expect(data).toMatchObject({ stage: 'approved', currency: 'MXN', total: '54613053674', notes: [] });
    expect([data.nodes.length, data.links.length]).toEqual([1446, 1552]);
    // Nothing was changed for the chart, so nothing is said.
    expect(stderr).toBe('');
    const paid = JSON.parse((await sankey(FLOWS, '--stage', 'paid', '--lang', 'en')).stdout);
    expect(paid).toMatchObject({ stage: 'paid', total: '4040410198.89' });
    expect(paid.nodes.find((node: { id: string }) => node.id === 'ramo:23').label).toBe(
      'Provisiones Salariales y Económicas $4B',
    );
  });

  it('cauce sankey --format plotly, echarts and google print each library’s JSON for the same links', async () => {
    const plotly = JSON.parse((await sankey(FLOWS, '--format', 'plotly')).stdout);
    expect(plotly.type).toBe('sankey');
    expect([plotly.node.label.length, plotly.link.value.length, plotly.link.customdata.length]).toEqual([
      1446, 1552, 1552,
    ]);
    const echarts = JSON.parse((await sankey(FLOWS, '--format', 'echarts')).stdout);
    expect([echarts.data.length, echarts.links.length]).toEqual([1446, 1552]);
    const google = JSON.parse((await sankey(FLOWS, '--format', 'google', '--top', '3')).stdout);
    expect(google[0]).toEqual(['From', 'To', 'Amount']);
    expect(google.length).toBeLessThan(1553);
  });

  it('cauce sankey summarises the notes on stderr, one line per kind, with counts and the money involved', async () => {
    const { code, stdout, stderr } = await sankey(problems, '--lang', 'en');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).total).toBe('100');
    // Worked out by hand in sankeySynthetic.ts.
    expect(stderr.split('\n')).toEqual([
      'zero-dropped: 1 link with a total of zero left out',
      'negative-dropped: 1 link with a negative total left out (-$5.00)',
      'cycle-broken: 1 link closing a loop left out ($10.00)',
      'lone-node-dropped: 2 nodes with no link left to draw',
      'retained: 2 nodes received more than they paid out, shown as links to "Retained or unexplained" ($70.00)',
      'unexplained: 1 node paid out more than it received, shown as links from "Unexplained source" ($20.00)',
      '',
    ]);
    // --json: stdout only; the notes are in the data.
    const quiet = await sankey(problems, '--json');
    expect(quiet.stderr).toBe('');
    expect(JSON.parse(quiet.stdout).notes).toHaveLength(8);
  });

  it('cauce sankey --format svg prints an SVG folded to 12 nodes a column, unless --top or --min-share says otherwise', async () => {
    const { code, stdout, stderr } = await sankey(FLOWS, '--format', 'svg', '--lang', 'en');
    expect(code).toBe(0);
    const root = parseXml(stdout);
    const bars = (svg: ReturnType<typeof parseXml>) =>
      svg.children.flatMap(function walk(element): string[] {
        const own = element.name === 'rect' && element.attributes['data-id'] ? [element.attributes['data-id']] : [];
        return [...own, ...element.children.flatMap(walk)];
      });
    // Columns of 1, 11, 33 and 1,401 nodes: the last two keep their 12 largest and fold the other 21 and 1,389 into
    // one "Other" each.
    expect(bars(root)).toHaveLength(1 + 11 + 13 + 13);
    expect(stderr).toBe('folded: 1410 nodes folded into "Other" in 2 columns\n');
    const wide = await sankey(FLOWS, '--format', 'svg', '--min-share', '1%', '--width', '1200', '--height', '800');
    expect(parseXml(wide.stdout).attributes).toMatchObject({ width: '1200', height: '800' });
    // Python over the canonical file, each node's size the larger of what it receives and pays: below 1% of their
    // column are 4 of 11 programmes, 5 of 33 states and 1,378 of 1,401 municipalities.
    expect(bars(parseXml(wide.stdout))).toHaveLength(1 + 8 + 29 + 24);
    expect(wide.stderr).toBe('folded: 1387 nodes folded into "Other" in 3 columns\n');
  });

  it('cauce sankey --focus shows only what flows into and out of one node', async () => {
    const data = JSON.parse((await sankey(FLOWS, '--focus', 'pp:U57', '--depth', '1')).stdout);
    // Python over the canonical file: Fondo Metropolitano gets 10,400,284,715.00 approved from Ramo 23 and passes all
    // of it to 28 states.
    expect(data.total).toBe('10400284715');
    expect(data.links).toHaveLength(1 + 28);
    expect(
      data.links.every((link: { source: string; target: string }) => [link.source, link.target].includes('pp:U57')),
    ).toBe(true);
  });

  it('cauce sankey --out writes the chart to a file and says so on stderr, printing nothing on stdout', async () => {
    const file = join(dir, 'chart.svg');
    const { code, stdout, stderr } = await sankey(problems, '--format', 'svg', '--out', file);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`wrote the svg Sankey of 7 nodes and 7 links (approved, MXN) to ${file}`);
    expect(parseXml(readFileSync(file, 'utf8')).name).toBe('svg');
  });

  it('cauce sankey refuses flags it cannot honour with a usage error', async () => {
    const refused = [
      ['--format', 'pdf'],
      ['--lang', 'fr'],
      ['--stage', 'spent'],
      ['--top', '0'],
      ['--min-share', '2'],
      ['--min-share', 'lots'],
      ['--depth', '2'],
      ['--width', '800'],
      ['--format', 'svg', '--width', '100'],
      ['--currency', 'pesos'],
      ['--focus', 'pp:NOPE'],
    ];
    for (const flags of refused) {
      await expect(sankey(FLOWS, ...flags), flags.join(' ')).rejects.toThrow(UsageError);
    }
    await expect(sankey()).rejects.toThrow(UsageError);
  });
});
