import { describe, expect, it } from 'vitest';
import { Decimal, flag, type FlowGraph } from '../../src/index.js';
import { type FlowSpec, graphOf } from './graphOf.js';

interface Report {
  period: string;
  opening: string;
  closing: string;
  income?: string;
  yield?: string;
  expenses?: string;
  currency?: string;
}

/** A trust, the agency that feeds it and a supplier it pays, with the trust's balance reports. */
function trustGraph(reports: Report[], flows: FlowSpec[] = []): FlowGraph {
  const graph = graphOf(
    [
      ['sep', 'agency'],
      ['fideicomiso', 'trust'],
      ['acme', 'recipient'],
    ],
    flows,
  );
  reports.forEach((report, at) => {
    const amount = (text: string | undefined) => (text === undefined ? undefined : new Decimal(text));
    graph.getNodeAttribute('fideicomiso', 'balances').push({
      node: 'fideicomiso',
      period: report.period,
      opening: new Decimal(report.opening),
      closing: new Decimal(report.closing),
      ...(report.income ? { income: amount(report.income) } : {}),
      ...(report.yield ? { yield: amount(report.yield) } : {}),
      ...(report.expenses ? { expenses: amount(report.expenses) } : {}),
      currency: report.currency ?? 'MXN',
      provenance: { file: 'saldos.csv', firstRow: at + 2, lastRow: at + 2, rows: 1 },
    });
  });
  return graph;
}

const idle = (graph: FlowGraph, config?: Record<string, unknown>) =>
  flag(graph, { rules: ['trust-idle'], ...(config ? { config: { 'trust-idle': config } } : {}) }).flags;

// Worked by hand: 10,000,000 opening + 2,000,000 income + 500,000 yield = 12,500,000 available, 10% of it 1,250,000;
// the closing balance is what the identity opening + income + yield - expenses gives.
const report = (expenses: string, closing: string): Report => ({
  period: '2016',
  opening: '10000000',
  income: '2000000',
  yield: '500000',
  expenses,
  closing,
});

describe('rule trust-idle', () => {
  it('flags a trust that spent one cent less than 10% of what it had, with its closing balance at stake', () => {
    expect(idle(trustGraph([report('1250000', '11250000')]))).toEqual([]);
    const [found, ...rest] = idle(trustGraph([report('1249999.99', '11250000.01')]));
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      rule: 'trust-idle',
      severity: 'medium',
      nodes: ['fideicomiso'],
      flows: [],
      amount: '11250000.01',
      currency: 'MXN',
      evidence: {
        period: '2016',
        opening: '10000000',
        income: '2000000',
        yield: '500000',
        available: '12500000',
        expenses: '1249999.99',
        expensesFrom: 'report',
        share: '0.0999999992',
        threshold: '0.1',
        closing: '11250000.01',
        minimumBalance: '1000000',
      },
      provenance: [{ file: 'saldos.csv', firstRow: 2, lastRow: 2, rows: 1 }],
    });
    expect(found!.message.en).toBe(
      'fideicomiso spent $1,249,999.99 in 2016, 10% of the $12,500,000.00 it had available, and closed the period holding $11,250,000.01.',
    );
    expect(found!.message.es).toBe(
      'fideicomiso gastó $1,249,999.99 en 2016, el 10% de los $12,500,000.00 que tenía disponibles, y cerró el periodo con $11,250,000.01.',
    );
  });

  it('stays quiet when the closing balance is at the minimum, and fires one cent above it', () => {
    const small = (closing: string): Report => ({ period: '2016', opening: closing, expenses: '0', closing });
    expect(idle(trustGraph([small('1000000')]))).toEqual([]);
    expect(idle(trustGraph([small('1000000.01')])).map((f) => f.amount)).toEqual(['1000000.01']);
  });

  it('counts the flows out of the trust in the period where the report gives no expenses', () => {
    const flows: FlowSpec[] = [
      ['sep', 'fideicomiso', '5000000', 'paid', { date: '2015-12-20' }],
      ['fideicomiso', 'acme', '100000', 'paid', { date: '2016-02-10' }],
      ['fideicomiso', 'acme', '4000000', 'paid', { date: '2016-04-02' }],
      ['fideicomiso', 'acme', '250000', 'exercised', { date: '2016-02-10' }],
    ];
    // In 2016-Q1 the trust paid 100,000 of its 5,000,000 opening balance (2%): the payment of April is Q2's.
    const [found, ...rest] = idle(trustGraph([{ period: '2016-Q1', opening: '5000000', closing: '4900000' }], flows));
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      amount: '4900000',
      evidence: { available: '5000000', expenses: '100000', expensesFrom: 'flows', share: '0.02' },
    });
    expect(found!.flows).toHaveLength(1);
    expect(found!.provenance.map((item) => item.file).sort()).toEqual(['saldos.csv', 'test.csv']);
    // A report without expenses for a trust that pays nothing in the data says nothing about its spending.
    expect(idle(trustGraph([{ period: '2016-Q1', opening: '5000000', closing: '4900000' }]))).toEqual([]);
  });

  it('flags each period of a trust on its own', () => {
    const graph = trustGraph([
      { period: '2016-Q1', opening: '5000000', income: '1000000', expenses: '3000000', closing: '3000000' },
      { period: '2016-Q2', opening: '3000000', income: '1000000', expenses: '399999.99', closing: '3600000.01' },
    ]);
    expect(idle(graph).map((f) => [f.evidence.period, f.amount])).toEqual([['2016-Q2', '3600000.01']]);
  });

  it('takes its share and minimum balance from config', () => {
    const graph = trustGraph([report('1000000', '11500000')]);
    expect(idle(graph).map((f) => f.amount)).toEqual(['11500000']);
    expect(idle(graph, { share: '0.08' })).toEqual([]);
    expect(idle(graph, { minimumBalance: '11500000' })).toEqual([]);
    expect(idle(graph, { minimumBalance: '11499999.99' }).map((f) => f.amount)).toEqual(['11500000']);
  });
});
