import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addFlow,
  addNode,
  CHECK_IDS,
  createFlowGraph,
  Decimal,
  type DeclaredTotal,
  type FlowGraph,
  InvalidArgumentError,
  type NodeKind,
  type Provenance,
  reconcile,
  type Stage,
} from '../../src/index.js';

type FlowSpec = [
  from: string,
  to: string,
  amount: string,
  stage?: Stage,
  extra?: { date?: string; period?: string; provenance?: Provenance[] },
];

function graphOf(nodes: Array<[string, NodeKind]>, flows: FlowSpec[]): FlowGraph {
  const graph = createFlowGraph();
  for (const [id, kind] of nodes) addNode(graph, { id, kind });
  for (const [from, to, amount, stage = 'paid', extra = {}] of flows)
    addFlow(graph, { from, to, amount, stage, ...extra });
  return graph;
}

const only = (graph: FlowGraph, check: (typeof CHECK_IDS)[number], options = {}) =>
  reconcile(graph, { checks: [check], ...options }).checks;
const mismatchesOf = (graph: FlowGraph, check: (typeof CHECK_IDS)[number], options = {}) =>
  only(graph, check, options).filter((result) => result.status === 'mismatch');

describe('reconcile finds each kind of planted break, with the exact difference', () => {
  it('declared-total: a TOTAL row that differs from its lines by 0.01', () => {
    const graph = graphOf(
      [
        ['ramo', 'agency'],
        ['a', 'programme'],
        ['b', 'programme'],
      ],
      [
        ['ramo', 'a', '100.10', 'approved'],
        ['ramo', 'b', '200.20', 'approved'],
      ],
    );
    const declared = (amount: string) => [
      {
        node: 'ramo',
        stage: 'approved' as const,
        currency: 'MXN',
        amount: new Decimal(amount),
        rule: 'total',
        provenance: { file: 't.csv', firstRow: 9, lastRow: 9, rows: 1 },
      },
    ];
    expect(mismatchesOf(graph, 'declared-total', { declaredTotals: declared('300.30') })).toEqual([]);
    const [found] = mismatchesOf(graph, 'declared-total', { declaredTotals: declared('300.31') });
    expect(found).toMatchObject({ expected: '300.31', actual: '300.3', difference: '-0.01', currency: 'MXN' });
    expect(found!.provenance.expected).toEqual([{ file: 't.csv', firstRow: 9, lastRow: 9, rows: 1 }]);
    // Within a tolerance of exactly the difference it is ok; one cent less and it is not.
    expect(
      mismatchesOf(graph, 'declared-total', { declaredTotals: declared('300.31'), tolerance: { absolute: '0.01' } }),
    ).toEqual([]);
    expect(
      mismatchesOf(graph, 'declared-total', { declaredTotals: declared('300.32'), tolerance: { absolute: '0.01' } }),
    ).toHaveLength(1);
    // A relative tolerance: 0.02 is within 0.01% of 300.32 (0.030032).
    expect(
      mismatchesOf(graph, 'declared-total', { declaredTotals: declared('300.32'), tolerance: { relative: '0.0001' } }),
    ).toEqual([]);
  });

  it('hierarchy: a programme whose budget lines add up to more than it was given', () => {
    const graph = graphOf(
      [
        ['ramo', 'agency'],
        ['pp', 'programme'],
        ['bl1', 'budget_line'],
        ['bl2', 'budget_line'],
      ],
      [
        ['ramo', 'pp', '1000', 'approved'],
        ['pp', 'bl1', '600', 'approved'],
        ['pp', 'bl2', '400.5', 'approved'],
      ],
    );
    expect(mismatchesOf(graph, 'hierarchy')).toEqual([
      expect.objectContaining({
        subject: { nodes: ['pp'], stage: 'approved' },
        expected: '1000',
        actual: '1000.5',
        difference: '0.5',
      }),
    ]);
  });

  it('conservation: an intermediary that pays out more than it got, and one that keeps an unexplained remainder', () => {
    const graph = graphOf(
      [
        ['sep', 'agency'],
        ['uni', 'intermediary'],
        ['fondo', 'intermediary'],
        ['shell', 'recipient'],
        ['state', 'recipient'],
        ['town', 'recipient'],
      ],
      [
        ['sep', 'uni', '100'],
        ['uni', 'shell', '130'],
        ['sep', 'fondo', '100'],
        ['fondo', 'shell', '85'],
        ['sep', 'state', '50'],
        ['state', 'town', '40'],
      ],
    );
    const found = mismatchesOf(graph, 'conservation');
    expect(found.map((r) => [r.subject.nodes[0], r.difference])).toEqual([
      ['uni', '30'],
      ['fondo', '-15'],
    ]);
    expect(found[0]!.reason).toContain('money from nowhere');
    // A recipient that keeps part of what it got (the state) is retained, not a mismatch.
    const state = only(graph, 'conservation').find((r) => r.subject.nodes[0] === 'state')!;
    expect(state).toMatchObject({ status: 'ok', difference: '-10' });
  });

  it('stage-order: paid above exercised on a budget line, and rolled up to its programme', () => {
    const graph = graphOf(
      [
        ['pp', 'programme'],
        ['bl', 'budget_line'],
      ],
      [
        ['pp', 'bl', '100', 'modified'],
        ['pp', 'bl', '90', 'exercised'],
        ['pp', 'bl', '90.01', 'paid'],
      ],
    );
    const found = mismatchesOf(graph, 'stage-order');
    expect(found.map((r) => [r.subject.nodes[0], r.subject.stage, r.subject.against, r.difference])).toEqual([
      ['pp', 'paid', 'exercised', '0.01'],
      ['bl', 'paid', 'exercised', '0.01'],
    ]);
    // Exactly equal is in order.
    const equal = graphOf(
      [
        ['pp', 'programme'],
        ['bl', 'budget_line'],
      ],
      [
        ['pp', 'bl', '90', 'exercised'],
        ['pp', 'bl', '90', 'paid'],
      ],
    );
    expect(mismatchesOf(equal, 'stage-order')).toEqual([]);
  });

  it('trust-balance: a closing that does not follow, an opening that does not roll forward, and income that disagrees with the flows', () => {
    const graph = graphOf(
      [
        ['sct', 'agency'],
        ['fid', 'trust'],
      ],
      [
        ['sct', 'fid', '200', 'paid', { date: '2016-02-10' }],
        ['sct', 'fid', '50', 'paid', { date: '2016-04-02' }],
      ],
    );
    const balance = (period: string, opening: string, income: string, closing: string, row: number) => ({
      node: 'fid',
      period,
      opening: new Decimal(opening),
      income: new Decimal(income),
      yield: new Decimal('1.5'),
      expenses: new Decimal('10'),
      closing: new Decimal(closing),
      currency: 'MXN',
      provenance: { file: 'fid.csv', firstRow: row, lastRow: row, rows: 1 },
    });
    graph.getNodeAttribute('fid', 'balances').push(
      balance('2016-Q1', '1000', '200', '1191.5', 2), // 1000 + 200 + 1.5 - 10 = 1191.5: ok
      balance('2016-Q2', '1190', '60', '1241.6', 3), // opens 1.5 below Q1's close; 1190 + 60 + 1.5 - 10 = 1241.5
    );
    const found = mismatchesOf(graph, 'trust-balance');
    expect(found.map((r) => [r.subject.group, r.subject.period, r.expected, r.actual, r.difference])).toEqual([
      ['identity', '2016-Q2', '1241.5', '1241.6', '0.1'],
      ['roll-forward', '2016-Q2', '1191.5', '1190', '-1.5'],
      ['income', '2016-Q2', '60', '50', '-10'],
    ]);
  });

  it('allocation-vs-payments: the remainder a programme did not pay out, as an amount', () => {
    const graph = graphOf(
      [
        ['ramo', 'agency'],
        ['pp', 'programme'],
        ['acme', 'recipient'],
        ['beta', 'recipient'],
      ],
      [
        ['ramo', 'pp', '1000', 'approved'],
        ['ramo', 'pp', '900', 'modified'],
        ['pp', 'acme', '500', 'paid'],
        ['pp', 'beta', '250.25', 'paid'],
      ],
    );
    const [found] = mismatchesOf(graph, 'allocation-vs-payments');
    expect(found).toMatchObject({
      subject: { nodes: ['pp'], stage: 'paid', against: 'modified' },
      expected: '900',
      actual: '750.25',
      difference: '-149.75',
    });
    expect(found!.reason).toContain('149.75 less than its modified allotment');
  });

  it("allocation-vs-payments: payments from several files keep their rows, listed in the payer's own order", () => {
    const rows = (file: string, row: number) => [{ file, firstRow: row, lastRow: row, rows: 1 }];
    const graph = graphOf(
      [
        ['ramo', 'agency'],
        ['pp', 'programme'],
        ['acme', 'recipient'],
        ['beta', 'recipient'],
      ],
      [
        ['ramo', 'pp', '1000', 'approved', { provenance: rows('budget.csv', 2) }],
        ['pp', 'acme', '100', 'paid', { provenance: rows('a.csv', 7) }],
        ['pp', 'beta', '200', 'paid', { provenance: rows('b.csv', 3) }],
        ['pp', 'acme', '300', 'paid', { provenance: rows('c.csv', 9) }],
      ],
    );
    const [found] = mismatchesOf(graph, 'allocation-vs-payments');
    expect(found).toMatchObject({ expected: '1000', actual: '600', difference: '-400' });
    // The payer's own order is the order graphology lists its edges in, which is not the order they were added: three
    // files make the rows' order show, which one pass over the graph's flows would not keep.
    const ownOrder = graph.mapOutEdges('pp', (_edge, flow) => flow.provenance[0]!);
    expect(ownOrder).not.toEqual([...rows('a.csv', 7), ...rows('b.csv', 3), ...rows('c.csv', 9)]);
    expect(found!.provenance).toEqual({ expected: rows('budget.csv', 2), actual: ownOrder });
  });

  it('reconcile refuses an unknown check, a negative tolerance or a float tolerance', () => {
    const graph = createFlowGraph();
    expect(() => reconcile(graph, { checks: ['sum' as 'hierarchy'] })).toThrow(InvalidArgumentError);
    expect(() => reconcile(graph, { tolerance: { absolute: '-1' } })).toThrow(InvalidArgumentError);
    expect(() => reconcile(graph, { tolerance: { absolute: 0.5 as unknown as string } })).toThrow(InvalidArgumentError);
  });
});

describe('reconcile on consistent graphs', () => {
  it('reports no mismatch on any random graph built to add up (property test)', () => {
    // A random budget tree: ramos -> programmes -> budget lines, with amounts that add up at every level, stages that
    // only decrease along the cycle, and payments to recipients no larger than the allotment.
    const cents = fc.integer({ min: 0, max: 10_000_000 });
    const treeArbitrary = fc.array(
      fc.array(fc.array(fc.tuple(cents, cents, cents), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
      {
        minLength: 1,
        maxLength: 4,
      },
    );
    fc.assert(
      fc.property(treeArbitrary, (tree) => {
        const graph = createFlowGraph();
        const toAmount = (value: number) => new Decimal(value).dividedBy(100);
        const declaredTotals: DeclaredTotal[] = [];
        tree.forEach((programmes, r) => {
          const ramo = `ramo:${r}`;
          addNode(graph, { id: ramo, kind: 'agency' });
          let ramoTotal = new Decimal(0);
          programmes.forEach((lines, p) => {
            const programme = `pp:${r}-${p}`;
            addNode(graph, { id: programme, kind: 'programme' });
            let modified = new Decimal(0);
            let exercised = new Decimal(0);
            let paid = new Decimal(0);
            lines.forEach(([a, b, c], l) => {
              const line = `bl:${r}-${p}-${l}`;
              addNode(graph, { id: line, kind: 'budget_line' });
              // Sorted, so that modified >= exercised >= paid on every line.
              const [m, e, x] = [a, b, c].sort((u, v) => v - u).map(toAmount) as [Decimal, Decimal, Decimal];
              addFlow(graph, { from: programme, to: line, amount: m, stage: 'modified' });
              addFlow(graph, { from: programme, to: line, amount: e, stage: 'exercised' });
              addFlow(graph, { from: programme, to: line, amount: x, stage: 'paid' });
              modified = modified.plus(m);
              exercised = exercised.plus(e);
              paid = paid.plus(x);
            });
            addFlow(graph, { from: ramo, to: programme, amount: modified, stage: 'modified' });
            addFlow(graph, { from: ramo, to: programme, amount: exercised, stage: 'exercised' });
            addFlow(graph, { from: ramo, to: programme, amount: paid, stage: 'paid' });
            ramoTotal = ramoTotal.plus(modified);
          });
          declaredTotals.push({
            node: ramo,
            stage: 'modified' as const,
            currency: 'MXN',
            amount: ramoTotal,
            rule: 'total',
            provenance: { file: 'x', firstRow: 1, lastRow: 1, rows: 1 },
          });
        });
        const result = reconcile(graph, {
          declaredTotals,
          checks: ['declared-total', 'hierarchy', 'conservation', 'stage-order', 'trust-balance'],
        });
        expect(result.checks.filter((check) => check.status === 'mismatch')).toEqual([]);
        expect(result.summary.checked).toBeGreaterThan(0);
      }),
      { seed: 20261123, numRuns: 200 },
    );
  });
});

describe('reconcile compares like with like across periods', () => {
  it('a 2016 overspend is not hidden by slack in 2017', () => {
    const graph = graphOf(
      [
        ['ramo', 'agency'],
        ['pp', 'programme'],
        ['acme', 'recipient'],
      ],
      [
        ['ramo', 'pp', '100', 'modified', { period: '2016' }],
        ['ramo', 'pp', '500', 'modified', { period: '2017' }],
        ['pp', 'acme', '110', 'paid', { date: '2016-06-01' }],
        ['pp', 'acme', '100', 'paid', { date: '2017-06-01' }],
      ],
    );
    const found = mismatchesOf(graph, 'allocation-vs-payments').sort((a, b) =>
      String(a.subject.period).localeCompare(String(b.subject.period)),
    );
    expect(found.map((r) => [r.subject.period, r.expected, r.actual, r.difference])).toEqual([
      ['2016', '100', '110', '10'],
      ['2017', '500', '100', '-400'],
    ]);
  });

  it('stage-order catches a node that received only a modified budget and paid out more', () => {
    const graph = graphOf(
      [
        ['ramo', 'agency'],
        ['pp', 'programme'],
        ['acme', 'recipient'],
      ],
      [
        ['ramo', 'pp', '100', 'modified'],
        ['pp', 'acme', '500', 'paid'],
      ],
    );
    expect(mismatchesOf(graph, 'stage-order').map((r) => [r.subject.nodes[0], r.difference])).toEqual([['pp', '400']]);
  });

  it('a trust income report is compared with the monthly flows inside its quarter, and an empty quarter is a mismatch', () => {
    const graph = graphOf(
      [
        ['sct', 'agency'],
        ['fid', 'trust'],
      ],
      [
        ['sct', 'fid', '300', 'paid', { period: '2016-01' }],
        ['sct', 'fid', '200', 'paid', { period: '2016-03' }],
      ],
    );
    const balance = (period: string, opening: string, income: string, closing: string) => ({
      node: 'fid',
      period,
      opening: new Decimal(opening),
      income: new Decimal(income),
      closing: new Decimal(closing),
      currency: 'MXN',
      provenance: { file: 'fid.csv', firstRow: 2, lastRow: 2, rows: 1 },
    });
    graph
      .getNodeAttribute('fid', 'balances')
      .push(
        balance('2016-Q1', '0', '500', '500'),
        balance('2016-Q2', '500', '75', '575'),
        balance('2016', '0', '575', '575'),
      );
    // Q1's 500 is the two months' flows; Q2 claims 75 with no flow; the year claims 575 against 500 of flows. The
    // yearly report opens at 0 without a false roll-forward mismatch against the quarters.
    const found = mismatchesOf(graph, 'trust-balance');
    expect(found.map((r) => [r.subject.group, r.subject.period, r.expected, r.actual]).sort()).toEqual([
      ['income', '2016', '575', '500'],
      ['income', '2016-Q2', '75', '0'],
    ]);
  });

  it('a declared total for a month is not checkable against flows that state only their year', () => {
    const graph = graphOf(
      [
        ['fondo', 'programme'],
        ['ef', 'recipient'],
      ],
      [['fondo', 'ef', '100', 'paid', { period: '2016' }]],
    );
    const declaredTotals = [
      {
        node: 'fondo',
        stage: 'paid' as const,
        currency: 'MXN',
        amount: new Decimal('100'),
        period: '2016-01',
        rule: 'total',
        provenance: { file: 'x', firstRow: 1, lastRow: 1, rows: 1 },
      },
    ];
    expect(only(graph, 'declared-total', { declaredTotals }).map((r) => r.status)).toEqual(['not-checkable']);
  });
});
