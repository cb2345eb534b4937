import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sankey } from 'd3-sankey';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors/InvalidArgumentError.js';
import { layoutSankey, type SankeyLayout } from '../../src/export/layoutSankey.js';
import type { SankeyData } from '../../src/export/SankeyData.js';
import { toSankey } from '../../src/export/toSankey.js';
import { ingestOcds } from '../../src/ingest/ocds/ingestOcds.js';
import type { IngestResult } from '../../src/ingest/records.js';
import { buildFlowGraph } from '../../src/model/buildFlowGraph.js';
import { ingestFdpFile } from '../../src/node/ingestFdpFile.js';
import { ingestFile } from '../../src/node/ingestFile.js';
import { DATA, FIXTURE } from '../paths.js';
import { problemsGraph } from './sankeySynthetic.js';

const EPSILON = 1e-6;

/** What a drawable layout is, checked on every node and link: each claim below fails on some d3-sankey output. */
function expectDrawable(layout: SankeyLayout, data: SankeyData) {
  // Every node and link of the data, in its order, with its exact amount carried along.
  expect(layout.nodes.map((node) => [node.id, node.amount])).toEqual(data.nodes.map((node) => [node.id, node.amount]));
  expect(layout.links.map((link) => [link.source, link.target, link.amount])).toEqual(
    data.links.map((link) => [link.source, link.target, link.amount]),
  );
  const bad: string[] = [];
  const byId = new Map(layout.nodes.map((node) => [node.id, node]));
  for (const node of layout.nodes) {
    const inside =
      [node.x0, node.x1, node.y0, node.y1].every(Number.isFinite) &&
      node.x0 >= -EPSILON &&
      node.x1 <= layout.width + EPSILON &&
      node.y0 >= -EPSILON &&
      node.y1 <= layout.height + EPSILON &&
      node.x0 < node.x1 &&
      node.y0 <= node.y1;
    if (!inside) bad.push(`node ${node.id} outside the drawing`);
  }
  // Bands as wide as their money, at one scale for the whole chart, and none 0 pixels wide.
  const scale = layout.links[0] ? layout.links[0].width / layout.links[0].value : 0;
  for (const link of layout.links) {
    const source = byId.get(link.source)!;
    const target = byId.get(link.target)!;
    if (!(link.width > 0)) bad.push(`link ${link.source} -> ${link.target} has no width`);
    if (Math.abs(link.width / link.value - scale) > scale * 1e-9) bad.push(`link ${link.source} off scale`);
    if (link.x0 !== source.x1 || link.x1 !== target.x0) bad.push(`link ${link.source} -> ${link.target} detached`);
    const fits = (y: number, node: typeof source) =>
      y - link.width / 2 >= node.y0 - EPSILON && y + link.width / 2 <= node.y1 + EPSILON;
    if (!fits(link.y0, source) || !fits(link.y1, target)) bad.push(`link ${link.source} -> ${link.target} overflows`);
  }
  // Nodes of one column never overlap.
  const columns = new Map<number, typeof layout.nodes>();
  for (const node of layout.nodes) {
    if (!columns.has(node.layer)) columns.set(node.layer, []);
    columns.get(node.layer)!.push(node);
  }
  for (const column of columns.values()) {
    column.sort((a, b) => a.y0 - b.y0);
    for (let at = 1; at < column.length; at++) {
      if (column[at - 1]!.y1 > column[at]!.y0 + EPSILON) bad.push(`${column[at - 1]!.id} overlaps ${column[at]!.id}`);
    }
  }
  expect(bad.slice(0, 5)).toEqual([]);
}

/** Every OCDS document of one publisher's fixture folder, read with ingestOcds. */
function ocdsFolder(publisher: string): IngestResult[] {
  const results: IngestResult[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json.gz')) {
        results.push(ingestOcds(JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')), { file: entry.name }));
      }
    }
  };
  walk(FIXTURE(`mx-ocds/${publisher}`));
  return results;
}

const UK_MONTHS = readdirSync(FIXTURE('uk-spend')).filter((name) => /^\d{4}-\d\d\.csv\.gz$/.test(name));
const CUENTA_PUBLICA = ['2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2023'];

// Every real dataset a preset or reader ingests, exported at toSankey's defaults (no folding) and laid out at
// layoutSankey's. [name, how to read it, the Sankey's node and link counts].
const DATASETS: Array<[string, () => Promise<IngestResult[]>]> = [
  ['ramo23-2016-flows (canonical)', async () => [await ingestFile(DATA('ramo23-2016-flows.csv.gz'))]],
  [
    'mx-ramo23 2015 and 2016',
    async () => [
      await ingestFile(FIXTURE('mx-pef2016/ramo23_2015.csv.gz'), { preset: 'mx-ramo23' }),
      await ingestFile(FIXTURE('mx-pef2016/ramo23_2016.csv.gz'), { preset: 'mx-ramo23' }),
    ],
  ],
  [
    'mx-transferencias',
    async () => [
      await ingestFile(FIXTURE('mx-pef2016/transferencias_entidades_fed.csv.gz'), { preset: 'mx-transferencias' }),
    ],
  ],
  ...CUENTA_PUBLICA.map((year): [string, () => Promise<IngestResult[]>] => [
    `mx-cuenta-publica ${year}`,
    async () => [await ingestFile(FIXTURE(`mx-cuenta-publica/${year}.csv.gz`), { preset: 'mx-cuenta-publica' })],
  ]),
  ...['administracion-publica-federal', 'cdmx', 'inai', 'jalisco'].map(
    (publisher): [string, () => Promise<IngestResult[]>] => [`OCDS ${publisher}`, async () => ocdsFolder(publisher)],
  ),
  ['FDP al-treasury-spending', () => ingestFdpFile(FIXTURE('fdp/al-treasury-spending/datapackage.json'))],
  ['FDP madrid-municipal-gastos', () => ingestFdpFile(FIXTURE('fdp/madrid-municipal-gastos/datapackage.json'))],
  [
    'uk-spend, 38 months in one graph',
    () => Promise.all(UK_MONTHS.map((name) => ingestFile(FIXTURE(`uk-spend/${name}`), { preset: 'uk-spend' }))),
  ],
  ...['2010-12', '2012-03', '2020-06'].map((month): [string, () => Promise<IngestResult[]>] => [
    `uk-council-spend Leeds ${month}`,
    async () => [await ingestFile(FIXTURE(`uk-spend/leeds-${month}.csv.gz`), { preset: 'uk-council-spend' })],
  ]),
];

describe('layoutSankey on the real datasets', () => {
  it.each(DATASETS)(
    'layoutSankey lays out the default export of %s: every band drawn, inside the drawing, none overlapping',
    async (_name, read) => {
      const data = toSankey(buildFlowGraph(await read()));
      expect(data.links.length).toBeGreaterThan(0);
      expectDrawable(layoutSankey(data), data);
    },
    120_000,
  );

  it('layoutSankey lays out PEF 2016 (mx-pef, 35,097 nodes), every fan of links stacked in the order of its ends', async () => {
    const graph = buildFlowGraph([await ingestFile(FIXTURE('mx-pef2016/pef2016.csv.gz'), { preset: 'mx-pef' })]);
    const data = toSankey(graph);
    // Computed from the CSV with Python's csv and decimal modules ('-' read as 0), grouping rows by ramo, unit,
    // programme and budget line: 37,366 pairs of nodes, 14 adding up to zero, 2 negative (ramo 50's W001), 37,350
    // positive among 35,096 nodes, 15 nodes left with no positive link, 5,297,125,819,608 entering from the ramos.
    expect(data.total).toBe('5297125819608');
    expect(data.nodes).toHaveLength(35_096 + 1);
    expect(data.links).toHaveLength(37_350 + 1);
    const count = (code: string) => data.notes.filter((note) => note.code === code).length;
    expect([count('zero-dropped'), count('negative-dropped'), count('lone-node-dropped')]).toEqual([14, 2, 15]);
    expect(data.notes.find((note) => note.code === 'unexplained')).toMatchObject({
      nodes: ['ur:50-GYR'],
      amount: '8660451340',
    });

    const layout = layoutSankey(data);
    expectDrawable(layout, data);
    // 32,992 budget lines in the last column: the gaps are cut so that half the height is left for the money.
    expect(layout.nodePadding).toBeLessThanOrEqual((600 * 0.5) / (32_992 - 1));
    // Links are sorted once, at the end, for graphs this large: each node's links leave in the order their targets
    // stand, and arrive in the order their sources stand, so that no two cross at a node.
    const byId = new Map(layout.nodes.map((node) => [node.id, node]));
    const out = new Map<string, typeof layout.links>();
    for (const link of layout.links) {
      if (!out.has(link.source)) out.set(link.source, []);
      out.get(link.source)!.push(link);
    }
    const crossing = [...out].filter(([, links]) => {
      const stacked = [...links].sort((a, b) => a.y0 - b.y0);
      return stacked.some((link, at) => at > 0 && byId.get(link.target)!.y0 < byId.get(stacked[at - 1]!.target)!.y0);
    });
    expect(crossing.map(([id]) => id)).toEqual([]);
  }, 240_000);

  it('layoutSankey of a watchlist alone (SAT 69-B), which has no flows, is an empty layout', async () => {
    const result = await ingestFile(FIXTURE('mx-sat-69b/Listado_Completo_69-B.csv.gz'), { preset: 'sat-69b' });
    const layout = layoutSankey(toSankey(buildFlowGraph([result])));
    expect([layout.nodes, layout.links]).toEqual([[], []]);
  }, 120_000);

  it('d3-sankey alone draws every band 0 pixels wide where a column holds 1,401 nodes; layoutSankey does not', async () => {
    const data = toSankey(buildFlowGraph([await ingestFile(DATA('ramo23-2016-flows.csv.gz'))]));
    // Python over the canonical file: the 54,613,053,674 approved enter through Ramo 23's 11 programmes.
    expect(data.total).toBe('54613053674');
    const plain = sankey<{ id: string }, object>()
      .nodeId((node) => node.id)
      .extent([
        [0, 0],
        [960, 600],
      ])(structuredClone({ nodes: data.nodes, links: data.links }));
    expect(plain.links.filter((link) => link.width! > 0.001)).toEqual([]);
    const layout = layoutSankey(data);
    expectDrawable(layout, data);
    expect(layout.nodePadding).toBeCloseTo((600 * 0.5) / 1400, 10);
  }, 120_000);
});

describe('layoutSankey on a graph with every problem', () => {
  it('toSankey breaks the loop, drops the zero and the negative link, balances B, C and F; layoutSankey lays it out', () => {
    const data = toSankey(problemsGraph(), { lang: 'en' });
    expect(data.total).toBe('100');
    expect(data.notes.map((note) => [note.code, note.nodes.join(' -> '), note.amount])).toEqual([
      ['zero-dropped', 'B -> D', '0'],
      ['negative-dropped', 'A -> E', '-5'],
      ['cycle-broken', 'C -> B', '10'],
      ['lone-node-dropped', 'D', undefined],
      ['lone-node-dropped', 'E', undefined],
      ['retained', 'B', '40'],
      ['retained', 'C', '30'],
      ['unexplained', 'F', '20'],
    ]);
    const layout = layoutSankey(data, { width: 500, height: 300, nodeWidth: 10, nodePadding: 20 });
    expectDrawable(layout, data);
    const place = Object.fromEntries(layout.nodes.map((node) => [node.id, node.layer]));
    // Justified: A -> B -> C -> F -> H, the retained money at the right end beside H.
    expect(place).toEqual({ A: 0, B: 1, C: 2, F: 3, H: 4, 'cauce:retained': 4, 'cauce:unexplained': 0 });
    expect(layout.nodes.find((node) => node.id === 'H')!.x1).toBe(500);
    // One scale for all: A's 100 is as tall as B's 100 and twice F's 50.
    const height = (id: string) => layout.nodes.find((node) => node.id === id)!;
    const tall = (id: string) => height(id).y1 - height(id).y0;
    expect(tall('A')).toBeCloseTo(tall('B'), 9);
    expect(tall('A')).toBeCloseTo(2 * tall('F'), 9);
  });

  it('layoutSankey aligns left, right and center as d3-sankey does', () => {
    const data = toSankey(problemsGraph());
    const layer = (align: 'left' | 'right' | 'center') =>
      Object.fromEntries(layoutSankey(data, { align }).nodes.map((node) => [node.id, node.layer]));
    expect(layer('left')).toMatchObject({ A: 0, H: 4, 'cauce:retained': 3, 'cauce:unexplained': 0 });
    expect(layer('right')).toMatchObject({ A: 0, 'cauce:retained': 4, 'cauce:unexplained': 2 });
    expect(layer('center')).toMatchObject({ 'cauce:unexplained': 2, 'cauce:retained': 3 });
  });

  it('layoutSankey leaves the data it is given as it was', () => {
    const data = toSankey(problemsGraph());
    const before = structuredClone(data);
    const frozen = deepFreeze(structuredClone(data));
    layoutSankey(data);
    expect(data).toEqual(before);
    // d3-sankey writes on what it lays out: on frozen data any write would throw.
    expect(() => layoutSankey(frozen)).not.toThrow();
    const layout = layoutSankey(data);
    layout.nodes[0]!.name = 'changed';
    expect(data.nodes[0]!.name).toBe(before.nodes[0]!.name);
  });
});

describe('layoutSankey refuses what d3-sankey would choke on', () => {
  const small = (): SankeyData => ({
    stage: 'approved',
    currency: 'MXN',
    total: '3',
    nodes: ['a', 'b', 'c'].map((id) => ({ id, name: id, label: id, kind: 'unit', value: 3, amount: '3' })),
    links: [
      { source: 'a', target: 'b', value: 3, amount: '3', flows: 1, kind: 'flow' },
      { source: 'b', target: 'c', value: 3, amount: '3', flows: 1, kind: 'flow' },
    ],
    notes: [],
  });
  const refusal = (change: (data: SankeyData) => void, options = {}) => {
    const data = small();
    change(data);
    try {
      layoutSankey(data, options);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      return [(error as InvalidArgumentError).code, (error as InvalidArgumentError).argument];
    }
    return 'laid out';
  };

  it('layoutSankey throws an InvalidArgumentError naming a loop, an unknown id, a bad value, a twin id or a lone node', () => {
    const link = (source: string, target: string, value = 1) =>
      ({ source, target, value, amount: String(value), flows: 1, kind: 'flow' }) as const;
    expect(refusal((data) => data.links.push(link('c', 'a')))).toEqual(['invalid_argument', 'data.links']);
    expect(refusal((data) => data.links.push(link('c', 'c')))).toEqual(['invalid_argument', 'data.links']);
    expect(refusal((data) => data.links.push(link('c', 'zz')))).toEqual(['invalid_argument', 'data.links[2].target']);
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(refusal((data) => data.links.push(link('a', 'c', value)))).toEqual([
        'invalid_argument',
        'data.links[2].value',
      ]);
    }
    expect(refusal((data) => data.nodes.push({ ...data.nodes[0]! }))).toEqual(['invalid_argument', 'data.nodes[3].id']);
    expect(refusal((data) => data.nodes.push({ ...data.nodes[0]!, id: 'lone' }))).toEqual([
      'invalid_argument',
      'data.nodes',
    ]);
    expect(refusal(() => {}, { width: 0 })).toEqual(['invalid_argument', 'options.width']);
    expect(refusal(() => {}, { nodePadding: -1 })).toEqual(['invalid_argument', 'options.nodePadding']);
    expect(refusal(() => {}, { align: 'top' })).toEqual(['invalid_argument', 'options.align']);
    expect(refusal(() => {})).toBe('laid out');
  });

  it('layoutSankey of data with no links is an empty layout, where d3-sankey would throw', () => {
    const empty: SankeyData = { stage: 'paid', currency: 'GBP', total: '0', nodes: [], links: [], notes: [] };
    expect(() => sankey()({ nodes: [], links: [] })).toThrow();
    expect(layoutSankey(empty)).toMatchObject({ stage: 'paid', currency: 'GBP', nodes: [], links: [], width: 960 });
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('toSankey and currencies', () => {
  it('says which flows of other currencies a chart leaves out, with their exact amount', async () => {
    const { addFlow, addNode, createFlowGraph, toSankey } = await import('../../src/index.js');
    const graph = createFlowGraph();
    for (const id of ['sep', 'acme', 'beta']) addNode(graph, { id, kind: id === 'sep' ? 'agency' : 'recipient' });
    addFlow(graph, { from: 'sep', to: 'acme', amount: '100' });
    addFlow(graph, { from: 'sep', to: 'beta', amount: '7.25', currency: 'USD' });
    addFlow(graph, { from: 'sep', to: 'beta', amount: '0.75', currency: 'USD' });
    const data = toSankey(graph);
    expect(data).toMatchObject({ currency: 'MXN', total: '100' });
    expect(data.notes).toEqual([expect.objectContaining({ code: 'other-currency-left-out', amount: '8' })]);
  });
});

describe('toSankey with amounts too large for integer units', () => {
  it('adds them up as Decimals and still shows what a node keeps as its own link', async () => {
    const { addFlow, addNode, createFlowGraph } = await import('../../src/index.js');
    const graph = createFlowGraph();
    addNode(graph, { id: 'ramo:28', kind: 'agency' });
    addNode(graph, { id: 'pp:X', kind: 'programme' });
    addNode(graph, { id: 'RFC:Y', kind: 'recipient' });
    // In cents the two sizes add up past 2^53, so the chart is made in Decimals.
    addFlow(graph, { from: 'ramo:28', to: 'pp:X', amount: '60000000000000.50', stage: 'paid' });
    addFlow(graph, { from: 'pp:X', to: 'RFC:Y', amount: '50000000000000.25', stage: 'paid' });
    const data = toSankey(graph, { lang: 'en' });
    expect(data.total).toBe('60000000000000.5');
    expect(data.links.map((link) => [link.source, link.target, link.amount])).toEqual([
      ['ramo:28', 'pp:X', '60000000000000.5'],
      ['pp:X', 'RFC:Y', '50000000000000.25'],
      ['pp:X', 'cauce:retained', '10000000000000.25'],
    ]);
    expect(data.nodes.find((node) => node.id === 'cauce:retained')?.amount).toBe('10000000000000.25');
  });
});
