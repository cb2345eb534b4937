import { describe, expect, it } from 'vitest';
import {
  buildFlowGraph,
  type IngestResult,
  type StageTotal,
  sumInflows,
  sumOutflows,
  summarizeGraph,
} from '../../src/index.js';
import { ingestFile } from '../../src/node/index.js';
import { FIXTURE } from '../paths.js';

// Every figure below was computed from the source files with Python's csv and decimal modules, independently of
// cauce (see each folder's SOURCE.md for what the files are).

const amountAt = (totals: StageTotal[], stage: string) =>
  totals.find((total) => total.stage === stage)?.amount.toFixed();

function expectNothingLost(result: IngestResult) {
  const { report } = result;
  expect(report.accepted + report.rejected + report.skipped).toBe(report.rowsRead);
  expect(Object.values(report.skippedByRule).reduce((sum, count) => sum + count, 0)).toBe(report.skipped);
}

describe('preset mx-pef', () => {
  it('reads PEF 2016 as published (CP850, " 1,003,938,481 ", " -   ") to its gross total of 5,297,125,819,608 MXN', async () => {
    const result = await ingestFile(FIXTURE('mx-pef2016/pef2016.csv.gz'), { preset: 'mx-pef' });
    expectNothingLost(result);
    expect(result.report).toMatchObject({
      rowsRead: 75312,
      accepted: 75312,
      rejected: 0,
      skipped: 0,
      encoding: 'cp850',
      encodingDetected: true,
      mapping: 'mx-pef',
    });
    const graph = buildFlowGraph(result);
    expect(amountAt(summarizeGraph(graph).entering, 'approved')).toBe('5297125819608');
    expect(amountAt(sumOutflows(graph, 'ramo:28'), 'approved')).toBe('678747304379');
    expect(amountAt(sumOutflows(graph, 'ramo:33'), 'approved')).toBe('616286725526');
    expect(amountAt(sumOutflows(graph, 'ramo:23'), 'approved')).toBe('141663256143');
    // CP850 decoded right: 0xA0 is á, 0xA2 ó.
    expect(graph.getNodeAttribute('ur:01-100', 'name')).toBe('H. Cámara de Diputados');
    expect(graph.filterNodes((_id, node) => node.kind === 'agency')).toHaveLength(47);
    // A unit key repeats across ramos, so units are (ramo, unit): 1,363 pairs in the file.
    expect(graph.filterNodes((_id, node) => node.kind === 'unit')).toHaveLength(1363);
    expect(graph.filterNodes((_id, node) => node.kind === 'programme')).toHaveLength(695);
  });
});

describe('preset mx-ramo23', () => {
  it('reads the 2016 projects (CP1252, newlines in quoted names, empty paid cells) to the source totals', async () => {
    const result = await ingestFile(FIXTURE('mx-pef2016/ramo23_2016.csv.gz'), { preset: 'mx-ramo23' });
    expectNothingLost(result);
    expect(result.report).toMatchObject({ rowsRead: 5300, accepted: 5300, rejected: 0, encoding: 'windows-1252' });
    const summary = summarizeGraph(buildFlowGraph(result));
    expect(amountAt(summary.entering, 'approved')).toBe('54613053674');
    expect(amountAt(summary.entering, 'paid')).toBe('4040410198.89');
    // 124 empty Pagado cells make no paid flow: 5,300 - 124 projects have one.
    expect(summary.entering.find((total) => total.stage === 'paid')!.flows).toBe(5176);
  });

  it('joins 2015 and 2016 on padded programme keys (U57 in 2016, U057 in 2015) and reports the padding', async () => {
    const y2015 = await ingestFile(FIXTURE('mx-pef2016/ramo23_2015.csv.gz'), { preset: 'mx-ramo23' });
    const y2016 = await ingestFile(FIXTURE('mx-pef2016/ramo23_2016.csv.gz'), { preset: 'mx-ramo23' });
    expect(y2015.report).toMatchObject({ rowsRead: 6176, accepted: 6176, rejected: 0 });
    expect(y2016.report.normalizations?.pad).toBeGreaterThan(0);
    const graph = buildFlowGraph([y2015, y2016]);
    expect(amountAt(summarizeGraph(graph).entering, 'approved')).toBe(String(57303643926n + 54613053674n));
    const metropolitano = sumInflows(graph, 'pp:23-U057').find((total) => total.stage === 'approved')!;
    expect(graph.hasNode('pp:23-U57')).toBe(false);
    // Projects of both years reach the one node.
    const years = new Set(
      graph.mapInEdges('pp:23-U057', (_edge, flow) => (flow.provenance[0]!.file.includes('2015') ? 2015 : 2016)),
    );
    expect([...years].sort()).toEqual([2015, 2016]);
    expect(metropolitano.amount.isPositive()).toBe(true);
  });
});

describe('preset mx-transferencias', () => {
  it('reads the monthly transfers in thousands into pesos, skipping per-state aggregates and keeping Total rows as declared totals', async () => {
    const result = await ingestFile(FIXTURE('mx-pef2016/transferencias_entidades_fed.csv.gz'), {
      preset: 'mx-transferencias',
    });
    expectNothingLost(result);
    expect(result.report).toMatchObject({
      rowsRead: 78751,
      // 62,403 rows of money, 1,830 funds' Total rows and 244 transfer types' national Total rows.
      accepted: 64477,
      rejected: 0,
      skipped: 14274,
      skippedByRule: { 'aggregate-fund': 14274 },
      declaredTotals: 2074,
      encoding: 'windows-1252',
    });
    const graph = buildFlowGraph(result);
    // Sum of MONTO over rows that are neither aggregate funds nor Total rows, times 1000.
    expect(amountAt(summarizeGraph(graph).entering, 'paid')).toBe('7210305381634.111068');
    expect(graph.getAttribute('declaredTotals')).toHaveLength(2074);
    // Michoacán and Michoacan are one state, keyed by the concept code.
    expect(graph.filterNodes((id) => id.startsWith('ef:'))).toHaveLength(33);
    expect(graph.getNodeAttribute('ef:33', 'name')).toBe('No distribuible');
    const byRule = (rule: string) => graph.getAttribute('declaredTotals').filter((total) => total.rule === rule);
    expect(byRule('state-total')[0]).toMatchObject({ node: 'fondo:XAC33D', stage: 'paid', period: '2011-01' });
    expect(byRule('type-total')).toHaveLength(244);
    expect(byRule('type-total')[0]).toMatchObject({ node: 'transferencia:23', period: '2011-01' });
  });
});

describe('preset mx-cuenta-publica', () => {
  // year: rows, percentage rows, label rows, TOTAL rows, detail rows, approved, exercised (programme rows only)
  const YEARS: Array<[string, number, number, number, number, number, string, string]> = [
    ['2013', 6740, 1938, 926, 172, 3704, '2943494740749', '3134797441123.2799010946'],
    ['2014', 6266, 1804, 854, 176, 3432, '3334258785230', '3424773731345.11'],
    ['2015', 6307, 1816, 859, 196, 3436, '3508462710513', '3760422045954.68'],
    ['2016', 5046, 1456, 678, 200, 2712, '3660708778316', '4222048705897.22'],
    ['2017', 4982, 1438, 668, 204, 2672, '3741965833928', '4127534393909.53'],
    ['2018', 5066, 1462, 680, 204, 2720, '4036951818595', '4364294474587.93'],
    ['2019', 5037, 1454, 675, 208, 2700, '4408139103813', '4502348681559.13'],
    ['2020', 4933, 1424, 661, 200, 2648, '4585706483401', '4668274235551.58'],
    ['2021', 4618, 1334, 616, 204, 2464, '4747602416225', '5115024133670.45'],
    ['2023', 4751, 1372, 635, 204, 2540, '6473239455139', '6463998170320.08'],
  ];

  it.each(YEARS)(
    'reads Cuenta Pública %s with every row accounted for and the programme totals exact',
    async (year, rows, percentage, label, totals, detail, approved, exercised) => {
      const result = await ingestFile(FIXTURE(`mx-cuenta-publica/${year}.csv.gz`), { preset: 'mx-cuenta-publica' });
      expectNothingLost(result);
      expect(result.report).toMatchObject({
        rowsRead: rows,
        accepted: totals + detail,
        rejected: 0,
        skippedByRule: { 'percentage-row': percentage, 'label-row': label },
        declaredTotals: totals,
      });
      const summary = summarizeGraph(buildFlowGraph(result));
      expect(amountAt(summary.entering, 'approved')).toBe(approved);
      expect(amountAt(summary.entering, 'exercised')).toBe(exercised);
    },
  );

  it('names the ramos of the executive under their group from 2015 on, and under the branch before', async () => {
    const y2016 = buildFlowGraph(
      await ingestFile(FIXTURE('mx-cuenta-publica/2016.csv.gz'), { preset: 'mx-cuenta-publica' }),
    );
    expect(y2016.hasEdge('ente:poder-ejecutivo', 'ramo:ramos-administrativos')).toBe(true);
    expect(y2016.hasEdge('ramo:ramos-administrativos', 'ramo:salud')).toBe(true);
    expect(y2016.hasEdge('ramo:salud', 'pp:salud:E023')).toBe(true);
    const y2013 = buildFlowGraph(
      await ingestFile(FIXTURE('mx-cuenta-publica/2013.csv.gz'), { preset: 'mx-cuenta-publica' }),
    );
    expect(y2013.hasEdge('ente:ramos-administrativos', 'ramo:salud')).toBe(true);
  });
});
