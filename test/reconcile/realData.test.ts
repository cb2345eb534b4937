import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildFlowGraph,
  Decimal,
  type DeclaredTotal,
  type FlowGraph,
  reconcile,
  type ReconcileResult,
} from '../../src/index.js';
import { ingestFile } from '../../src/node/index.js';
import { FIXTURE } from '../paths.js';

// Every expected figure here was computed from the source files with Python's csv and decimal modules, grouping the
// detail rows under each declared total independently of cauce.

const mismatches = (result: ReconcileResult, check: string) =>
  result.checks
    .filter((c) => c.check === check && c.status === 'mismatch')
    .sort((a, b) => new Decimal(b.difference).abs().comparedTo(new Decimal(a.difference).abs()));

describe('reconcile on the federal transfers to states', () => {
  it('finds the Total rows that differ from their states by rounding, and the participaciones their funds do not explain', async () => {
    const graph = buildFlowGraph(
      await ingestFile(FIXTURE('mx-pef2016/transferencias_entidades_fed.csv.gz'), { preset: 'mx-transferencias' }),
    );
    const exact = reconcile(graph, { checks: ['declared-total'] });
    // 1,830 funds' Total rows (541 differ) and 244 transfer types' national Total rows (219 differ).
    expect(exact.summary.byCheck['declared-total']).toEqual({ checked: 2074, mismatched: 760, notCheckable: 0 });
    const statesOff = mismatches(exact, 'declared-total').filter((check) => check.subject.group === 'state-total');
    expect(statesOff).toHaveLength(541);
    expect(statesOff[0]).toMatchObject({
      subject: { nodes: ['fondo:XAC33A'], stage: 'paid', period: '2015-12', group: 'state-total' },
      expected: '62771161990',
      actual: '62771161982.9',
      difference: '-7.1',
      currency: 'MXN',
    });
    // Both sides name their rows: the Total row, and the state rows behind the flows.
    expect(statesOff[0]!.provenance.expected).toEqual([expect.objectContaining({ firstRow: 68077, rows: 1 })]);
    expect(statesOff[0]!.provenance.actual[0]!.rows).toBe(33);

    // Within the rounding the source note states (0.0073 thousand pesos), what is left is participaciones' national
    // totals holding money that its eleven funds do not break out: 17 months, the largest April 2016.
    const withinRounding = reconcile(graph, { checks: ['declared-total'], tolerance: { absolute: '7.3' } });
    const left = mismatches(withinRounding, 'declared-total');
    expect(left).toHaveLength(17);
    expect(new Set(left.map((check) => check.subject.nodes[0]))).toEqual(new Set(['transferencia:28']));
    expect(left[0]).toMatchObject({
      subject: { period: '2016-04', group: 'type-total' },
      difference: '-4934990382.703364',
    });
  });
});

describe('reconcile on Cuenta Pública', () => {
  // year, TOTAL rows checked, mismatched, and the largest difference: node, stage, declared, difference
  const YEARS: Array<[string, number, number, string?, string?, string?, string?]> = [
    ['2013', 172, 102, 'ramo:educacion-publica', 'exercised', '290303910643.49005', '-0.000051898'],
    ['2014', 176, 16, 'ramo:hacienda-y-credito-publico', 'modified', '50281176470.89', '58095379798.85'],
    ['2015', 196, 12, 'ramo:medio-ambiente-y-recursos-naturales', 'modified', '57453315623.15', '0.02'],
    ['2016', 200, 0],
    ['2017', 204, 0],
    ['2018', 204, 0],
    ['2019', 208, 0],
    ['2020', 200, 8, 'ramo:consejo-de-la-judicatura-federal', 'modified', '59147623457.44', '5336606040'],
    ['2021', 204, 8, 'ramo:consejo-de-la-judicatura-federal', 'modified', '2999482500', '63189329172.88'],
    ['2023', 204, 8, 'ramo:consejo-de-la-judicatura-federal', 'modified', '3004130263', '69905614925.59'],
  ];

  it.each(YEARS)(
    'reconcile checks every TOTAL row of %s against its programmes and reports each difference exactly',
    async (year, checked, mismatched, node, stage, declared, difference) => {
      const graph = buildFlowGraph(
        await ingestFile(FIXTURE(`mx-cuenta-publica/${year}.csv.gz`), { preset: 'mx-cuenta-publica' }),
      );
      const result = reconcile(graph, { checks: ['declared-total', 'hierarchy'] });
      expect(result.summary.byCheck['declared-total']).toEqual({ checked, mismatched, notCheckable: 0 });
      // Within a file, every level passes down exactly what it received.
      expect(result.summary.byCheck.hierarchy!.mismatched).toBe(0);
      if (node === undefined) return;
      expect(mismatches(result, 'declared-total')[0]).toMatchObject({
        subject: { nodes: [node], stage },
        expected: declared,
        difference,
      });
    },
  );
});

describe('reconcile on PEF 2016', () => {
  let graph: FlowGraph;
  beforeAll(async () => {
    graph = buildFlowGraph(await ingestFile(FIXTURE('mx-pef2016/pef2016.csv.gz'), { preset: 'mx-pef' }));
  });

  it('every unit and programme passes down exactly what its ramo gives it, and each ramo adds up to its lines', async () => {
    // Ramo totals summed from the file's lines by Python, passed as published figures.
    const byRamo: Record<string, string> = JSON.parse(readFileSync(FIXTURE('mx-pef2016/ramo-totals.json'), 'utf8'));
    const declaredTotals: DeclaredTotal[] = Object.entries(byRamo).map(([ramo, amount]) => ({
      node: `ramo:${ramo}`,
      stage: 'approved',
      currency: 'MXN',
      amount: new Decimal(amount),
      rule: 'sum of the lines (Python)',
      provenance: { file: 'ramo-totals.json', firstRow: 1, lastRow: 1, rows: 1 },
    }));
    const result = reconcile(graph, { checks: ['declared-total', 'hierarchy'], declaredTotals });
    expect(result.summary.byCheck['declared-total']).toEqual({ checked: 47, mismatched: 0, notCheckable: 0 });
    expect(result.summary.byCheck.hierarchy).toEqual({ checked: 2058, mismatched: 0, notCheckable: 0 });
  });

  it('Ramo 28 against the published Participaciones figure: 678,747.3 million, rounded, off by 4,379 pesos', async () => {
    const published = JSON.parse(readFileSync(FIXTURE('mx-reference-totals/GastoFederalizado.json'), 'utf8'));
    const participaciones = new Decimal(String(published['2016'].Participaciones)).times(1_000_000);
    const declaredTotals: DeclaredTotal[] = [
      {
        node: 'ramo:28',
        stage: 'approved',
        currency: 'MXN',
        amount: participaciones,
        rule: 'published',
        provenance: { file: 'GastoFederalizado.json', firstRow: 1, lastRow: 1, rows: 1 },
      },
    ];
    const exact = reconcile(graph, { checks: ['declared-total'], declaredTotals });
    expect(exact.checks[0]).toMatchObject({
      status: 'mismatch',
      expected: '678747300000',
      actual: '678747304379',
      difference: '4379',
    });
    // Published to a tenth of a million: half of that is the rounding.
    const rounded = reconcile(graph, { checks: ['declared-total'], declaredTotals, tolerance: { absolute: '50000' } });
    expect(rounded.checks[0]!.status).toBe('ok');
  });
});
