import { describe, expect, it } from 'vitest';
import { Decimal, flag } from '../../src/index.js';
import { graphOf, type FlowSpec } from './graphOf.js';
import { cabinetOfficeGraph } from './ukSpendGraphs.js';

const nodes: Parameters<typeof graphOf>[0] = [
  ['sep', 'agency'],
  ['acme', 'recipient'],
];

const pay = (date: string, amount: string, currency?: string): FlowSpec => [
  'sep',
  'acme',
  amount,
  'paid',
  { date, ...(currency ? { currency } : {}) },
];

/** 100 paid on the 15th of each month from January to September 2016, then `december` on 2016-12-20. */
const year = (december: string, months = 9): FlowSpec[] => [
  ...Array.from({ length: months }, (_, at) => pay(`2016-0${at + 1}-15`, '100')),
  pay('2016-12-20', december),
];

const run = (flows: FlowSpec[], config: Record<string, unknown> = {}) =>
  flag(graphOf(nodes, flows), { rules: ['year-end-spike'], config: { 'year-end-spike': config } }).flags;

describe('rule year-end-spike', () => {
  it('stays quiet at exactly a quarter of the year paid in December, and fires one cent over', () => {
    // 300 of 1,200 is a quarter; 300.01 of 1,200.01 is more.
    expect(run(year('300'))).toEqual([]);
    const [found, ...rest] = run(year('300.01'));
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      rule: 'year-end-spike',
      severity: 'low',
      nodes: ['sep'],
      amount: '300.01',
      currency: 'MXN',
      evidence: {
        fiscalYear: '2016',
        firstMonth: '2016-01',
        lastMonth: '2016-12',
        lastMonthTotal: '300.01',
        lastMonthPayments: 1,
        yearTotal: '1200.01',
        payments: 10,
        monthsWithPayments: 10,
        lastMonthShare: new Decimal('300.01').dividedBy('1200.01').toFixed(),
        share: '0.25',
        fiscalYearEnd: '12',
        minPayments: 10,
      },
    });
    expect(found!.flows).toHaveLength(1);
    expect(found!.message.en).toBe(
      'sep paid $300.01 of its $1,200.01 for the fiscal year 2016-01 to 2016-12 (25%) in its last month, 2016-12.',
    );
    expect(found!.message.es).toBe(
      'sep pagó $300.01 de sus $1,200.01 del año fiscal 2016-01 a 2016-12 (25%) en su último mes, 2016-12.',
    );
  });

  it('looks only at years with 10 payments, and leaves refunds and other currencies out of the year', () => {
    expect(run(year('5000', 8))).toEqual([]);
    expect(run(year('5000', 8), { minPayments: 9 }).map((f) => f.amount)).toEqual(['5000']);
    // A refund of 200 in December, or 1,000 US dollars paid in the year, would bring December under a quarter if
    // they counted; neither does.
    expect(run([...year('300.01'), pay('2016-12-21', '-200')]).map((f) => f.amount)).toEqual(['300.01']);
    expect(run([...year('300.01'), pay('2016-06-01', '1000', 'USD')]).map((f) => f.amount)).toEqual(['300.01']);
  });

  it('with fiscalYearEnd 03 reads April to March, naming the year by the March it ends in', () => {
    const flows = [
      // Just outside the fiscal year 2017: were they in it, March 2017 would be far under a quarter.
      pay('2016-03-31', '1000000'),
      ...['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((month) => pay(`2016-${month}-15`, '100')),
      pay('2017-03-10', '300.01'),
      pay('2017-04-01', '1000000'),
    ];
    expect(run(flows)).toEqual([]);
    const [found] = run(flows, { fiscalYearEnd: '03' });
    expect(found).toMatchObject({
      amount: '300.01',
      evidence: { fiscalYear: '2017', firstMonth: '2016-04', lastMonth: '2017-03', yearTotal: '1200.01', payments: 10 },
    });
    expect(found!.message.en).toContain('for the fiscal year 2016-04 to 2017-03');
    expect(run(flows, { fiscalYearEnd: '03', share: '0.26' })).toEqual([]);
    expect(() => run(flows, { fiscalYearEnd: '13' })).toThrow(
      expect.objectContaining({ argument: 'config.year-end-spike.fiscalYearEnd' }),
    );
  });

  it('finds 54 Cabinet Office payer-years that paid more than a quarter in March, and 21 in December', async () => {
    // Computed from the 38 source files with Python's csv and decimal modules, independently of cauce (lines rebuilt
    // into department -> entity -> expense area -> supplier flows, lines with the same ends, date and transaction
    // summed per file; the fiscal year April to March; positive payments only).
    const graph = await cabinetOfficeGraph();
    const march = flag(graph, { rules: ['year-end-spike'], config: { 'year-end-spike': { fiscalYearEnd: '03' } } });
    expect(march.summary).toMatchObject({ total: 54, amountAtStake: { GBP: '302642002.35' } });
    const byYear: Record<string, number> = {};
    for (const found of march.flags)
      byYear[found.evidence.fiscalYear as string] = (byYear[found.evidence.fiscalYear as string] ?? 0) + 1;
    expect(byYear).toEqual({ '2020': 9, '2021': 16, '2022': 29 });
    expect(march.flags[0]).toMatchObject({
      nodes: ['entity:GOVERNMENT PROPERTY AGENCY'],
      amount: '50244321.52',
      evidence: { fiscalYear: '2020', payments: 981, yearTotal: '172622279.28', lastMonthPayments: 298 },
    });
    // The calendar year: 21 flags, £147,318,444.08. An entity spelt "Governemnt" appears in one month only,
    // December 2019, so all of its year is in December: the evidence says it had payments in one month.
    const december = flag(graph, { rules: ['year-end-spike'] });
    expect(december.summary).toMatchObject({ total: 21, amountAtStake: { GBP: '147318444.08' } });
    expect(december.flags.find((f) => f.nodes[0] === 'entity:GOVERNEMNT PROPERTY AGENCY')).toMatchObject({
      amount: '35605123.98',
      evidence: { fiscalYear: '2019', payments: 263, monthsWithPayments: 1, lastMonthShare: '1' },
    });
  });
});
