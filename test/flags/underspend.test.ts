import { describe, expect, it } from 'vitest';
import { flag } from '../../src/index.js';
import { type FlowSpec, graphOf } from './graphOf.js';

const nodes: Array<[string, 'agency' | 'programme' | 'recipient']> = [
  ['ramo', 'agency'],
  ['pp', 'programme'],
  ['acme', 'recipient'],
];

const underspent = (flows: FlowSpec[], config?: Record<string, unknown>) =>
  flag(graphOf(nodes, flows), { rules: ['underspend'], ...(config ? { config: { underspend: config } } : {}) }).flags;

// The figures are worked by hand: 80% of 1000 is 800; of each 1000 allotted per year, what was spent is subtracted.
describe('rule underspend', () => {
  it('flags a node that exercised one cent less than 80% of its modified budget, with the unspent part at stake', () => {
    const allotted: FlowSpec[] = [
      ['ramo', 'pp', '1200', 'approved'],
      ['ramo', 'pp', '1000', 'modified'],
    ];
    expect(underspent([...allotted, ['pp', 'acme', '800', 'exercised', { date: '2016-05-01' }]])).toEqual([]);
    const [found, ...rest] = underspent([...allotted, ['pp', 'acme', '799.99', 'exercised', { date: '2016-05-01' }]]);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      rule: 'underspend',
      severity: 'low',
      nodes: ['pp'],
      amount: '200.01',
      currency: 'MXN',
      evidence: {
        allotted: '1000',
        allottedStage: 'modified',
        executed: '799.99',
        executedStage: 'exercised',
        unspent: '200.01',
        share: '0.79999',
        threshold: '0.8',
        period: '',
        asOf: '',
      },
    });
    expect(found!.flows).toHaveLength(2);
    expect(found!.message.en).toBe(
      'pp exercised $799.99 of its modified budget of $1,000.00 (80%, below 80%): $200.01 unspent.',
    );
    expect(found!.message.es).toBe(
      'pp ejerció $799.99 de su presupuesto modificado de $1,000.00 (80%, menos del 80%): $200.01 sin ejercer.',
    );
  });

  it('uses the approved budget and the payments where the data have no modified or exercised stage', () => {
    const [found] = underspent([
      ['ramo', 'pp', '1000', 'approved'],
      ['pp', 'acme', '300', 'paid', { date: '2016-05-01' }],
    ]);
    expect(found).toMatchObject({
      amount: '700',
      evidence: { allottedStage: 'approved', executedStage: 'paid', share: '0.3' },
    });
    expect(found!.message.en).toContain('pp paid $300.00 of its approved budget');
  });

  it('stays quiet for a node with an allotment and no execution figure at all', () => {
    expect(underspent([['ramo', 'pp', '1000', 'modified']])).toEqual([]);
  });

  it('compares each period apart, placing payments by date, and leaves out payments of periods with no budget', () => {
    const flows: FlowSpec[] = [
      ['ramo', 'pp', '1000', 'modified', { period: '2016' }],
      ['ramo', 'pp', '1000', 'modified', { period: '2017' }],
      ['pp', 'acme', '900', 'exercised', { date: '2016-06-01' }],
      ['pp', 'acme', '100', 'exercised', { date: '2017-03-01' }],
      ['pp', 'acme', '5000', 'exercised', { date: '2018-01-15' }],
    ];
    // 2016: 900 of 1000 is fine; 2017: 100 of 1000 leaves 900. In total (1000 of 2000) it would be 1000 unspent.
    const found = underspent(flows);
    expect(found.map((f) => [f.evidence.period, f.amount, f.evidence.executed])).toEqual([['2017', '900', '100']]);
    expect(found[0]!.message.en).toContain('of its modified budget of $1,000.00 for 2017');
    expect(found[0]!.message.es).toContain('para 2017');
    // A payment with neither date nor period cannot be placed: the totals are compared, 900 + 100 + 1 of 2000.
    const unplaced = underspent([...flows.slice(0, 4), ['pp', 'acme', '1', 'exercised']]);
    expect(unplaced.map((f) => [f.evidence.period, f.evidence.executed, f.amount])).toEqual([['', '1001', '999']]);
  });

  it('places quarterly payments in a yearly budget by their period, and judges only periods over by asOf', () => {
    const flows: FlowSpec[] = [
      ['ramo', 'pp', '1000', 'modified', { period: '2016' }],
      ['ramo', 'pp', '1000', 'modified', { period: '2017' }],
      ['pp', 'acme', '950', 'exercised', { period: '2016-Q4' }],
      ['pp', 'acme', '100', 'exercised', { period: '2017-Q1' }],
    ];
    expect(underspent(flows).map((f) => [f.evidence.period, f.amount])).toEqual([['2017', '900']]);
    expect(underspent(flows, { asOf: '2017-06-30' })).toEqual([]);
    expect(underspent(flows, { asOf: '2017-12-31' }).map((f) => [f.evidence.period, f.evidence.asOf])).toEqual([
      ['2017', '2017-12-31'],
    ]);
    expect(() => underspent(flows, { asOf: '2017-13-01' })).toThrow(/config\.underspend\.asOf/);
  });

  it('keeps currencies apart, and takes its share from config', () => {
    const flows: FlowSpec[] = [
      ['ramo', 'pp', '1000', 'modified'],
      ['pp', 'acme', '600', 'exercised'],
      ['ramo', 'pp', '100', 'modified', { currency: 'USD' }],
      ['pp', 'acme', '100', 'exercised', { currency: 'USD' }],
    ];
    expect(underspent(flows).map((f) => [f.currency, f.amount])).toEqual([['MXN', '400']]);
    expect(underspent(flows, { share: '0.6' })).toEqual([]);
    expect(underspent(flows, { share: '0.6000001' }).map((f) => f.amount)).toEqual(['400']);
  });
});
