import { describe, expect, it } from 'vitest';
import { flag, InvalidArgumentError } from '../../src/index.js';
import { type FlowSpec, graphOf, type NodeSpec } from './graphOf.js';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
const nodes: NodeSpec[] = [['sep', 'agency'], ...ids.map((id): NodeSpec => [id, 'recipient'])];

/** Payments from sep, one a day, as [recipient, amount] pairs. */
const payments = (list: Array<[string, string]>, stage: 'paid' | 'exercised' = 'paid', currency = 'MXN'): FlowSpec[] =>
  list.map(([to, amount], day) => [
    'sep',
    to,
    amount,
    stage,
    { date: `2016-01-${String(day + 1).padStart(2, '0')}`, currency },
  ]);

const run = (flows: FlowSpec[], config?: Record<string, unknown>) =>
  flag(graphOf(nodes, flows), { rules: ['concentration'], ...(config ? { config: { concentration: config } } : {}) })
    .flags;

// a gets 5 x 102 = 510 of 1000, b to e 100 each, f 90: a share of 0.51 (high), and an index of
// 51^2 + 4 x 10^2 + 9^2 = 3082.
const dominant = payments([
  ['a', '102'],
  ['a', '102'],
  ['a', '102'],
  ['a', '102'],
  ['a', '102'],
  ['b', '100'],
  ['c', '100'],
  ['d', '100'],
  ['e', '100'],
  ['f', '90'],
]);

/** a gets 100 and `second`, b to i 100 each: ten payments. */
const topOf = (second: string) =>
  payments([['a', '100'], ['a', second], ...ids.slice(1).map((id): [string, string] => [id, '100'])]);

describe('rule concentration', () => {
  it('fires high on a recipient taking more than half, naming it, its share and the index, with its amount at stake', () => {
    const [found, ...rest] = run(dominant);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      rule: 'concentration',
      severity: 'high',
      nodes: ['sep', 'a'],
      amount: '510',
      currency: 'MXN',
      evidence: {
        topRecipient: 'a',
        topAmount: '510',
        total: '1000',
        share: '0.51',
        hhi: '3082',
        recipients: 6,
        payments: 10,
        stage: 'paid',
        shareTier: 'high',
        hhiExceeded: true,
        lowShare: '0.2',
        mediumShare: '0.3',
        highShare: '0.5',
        hhiThreshold: '2500',
        minPayments: 10,
      },
    });
    expect(found!.flows).toHaveLength(5);
    expect(found!.message.en).toBe(
      'a received $510.00 of the $1,000.00 that sep paid (paid) to 6 recipients: 51%; concentration index 3082 of 10,000.',
    );
    expect(found!.message.es).toContain('a recibió $510.00 de los $1,000.00 que pagó sep');
  });

  it('stays quiet at exactly a 20% share, and fires low one cent over, with the exact share', () => {
    expect(run(topOf('100'))).toEqual([]);
    const [found] = run(topOf('100.01'));
    // 200.01 / 1000.01 and (200.01^2 + 8 x 100^2) x 10000 / 1000.01^2, to 64 digits with Python's decimal module.
    expect(found).toMatchObject({
      severity: 'low',
      amount: '200.01',
      evidence: {
        total: '1000.01',
        share: '0.2000079999200007999920000799992000079999200007999920000799992',
        hhi: '1200.016000559987200199997280034399584004879944000631992960077599',
        shareTier: 'low',
        hhiExceeded: false,
      },
    });
  });

  it('raises a low share to medium when the index is above 2500, and names the smaller id of tied recipients', () => {
    // a, b and c 280 each in three payments, d 160: shares of 0.28 (low) and an index of 3 x 28^2 + 16^2 = 2608.
    const [found] = run(
      payments([
        ['c', '100'],
        ['c', '100'],
        ['c', '80'],
        ['b', '100'],
        ['b', '100'],
        ['b', '80'],
        ['a', '100'],
        ['a', '100'],
        ['a', '80'],
        ['d', '160'],
      ]),
    );
    expect(found).toMatchObject({
      severity: 'medium',
      nodes: ['sep', 'a'],
      amount: '280',
      evidence: { share: '0.28', hhi: '2608', shareTier: 'low', hhiExceeded: true },
    });
  });

  it('stays quiet under ten payments, leaves undated flows out, and keeps currencies and stages apart', () => {
    expect(run(dominant.slice(1))).toEqual([]);
    const undated: FlowSpec[] = [...dominant.slice(1), ['sep', 'a', '102', 'paid']];
    expect(run(undated)).toEqual([]);
    const usd: FlowSpec[] = [...dominant.slice(1), ...payments([['a', '102']], 'paid', 'USD')];
    expect(run(usd)).toEqual([]);
    // Exercised payments are used only where a payer has none paid.
    const exercised = run(
      payments(
        dominant.map(([, to, amount]): [string, string] => [to, amount]),
        'exercised',
      ),
    );
    expect(exercised.map((f) => [f.amount, f.evidence.stage])).toEqual([['510', 'exercised']]);
    const both = run([...dominant.slice(1), ...payments([['b', '5000']], 'exercised')]);
    expect(both).toEqual([]);
  });

  it('takes its shares, index threshold, minimum payments and severity from config', () => {
    // Two recipients with 500 each in ten payments: each has half, and the index is 2 x 50^2 = 5000.
    const halves = payments(
      ids.slice(0, 2).flatMap((id) => Array.from({ length: 5 }, (): [string, string] => [id, '100'])),
    );
    const shareless = { lowShare: '1', mediumShare: '1', highShare: '1' };
    expect(run(halves, { ...shareless, hhi: '5000' })).toEqual([]);
    expect(run(halves, { ...shareless, hhi: '4999.99' }).map((f) => [f.severity, f.evidence.hhi])).toEqual([
      ['medium', '5000'],
    ]);
    expect(run(halves, { ...shareless, hhi: '4999.99', severity: 'high' }).map((f) => f.severity)).toEqual(['high']);
    expect(run(halves).map((f) => f.severity)).toEqual(['medium']);
    expect(run(halves, { highShare: '0.4999' }).map((f) => f.severity)).toEqual(['high']);
    expect(run(dominant.slice(1), { minPayments: 9 }).map((f) => f.amount)).toEqual(['408']);
    expect(() => run(halves, { hhi: 'many' })).toThrow(InvalidArgumentError);
  });
});
