import { describe, expect, it } from 'vitest';
import { flag } from '../../src/index.js';
import { type FlowSpec, graphOf } from './graphOf.js';

const nodes: Array<[string, 'agency' | 'programme']> = [
  ['ramo', 'agency'],
  ['pp', 'programme'],
];

const shifts = (flows: FlowSpec[], config?: Record<string, unknown>) =>
  flag(graphOf(nodes, flows), { rules: ['budget-shift'], ...(config ? { config: { 'budget-shift': config } } : {}) })
    .flags;

// The figures are worked by hand: a 10% share of 1000 approved is 100, so 1100 and 900 modified sit exactly on it.
describe('rule budget-shift', () => {
  it('flags a modified budget one cent more than 10% above the approved one, with the change at stake', () => {
    expect(
      shifts([
        ['ramo', 'pp', '1000', 'approved'],
        ['ramo', 'pp', '1100', 'modified'],
      ]),
    ).toEqual([]);
    const found = shifts([
      ['ramo', 'pp', '1000', 'approved'],
      ['ramo', 'pp', '1100.01', 'modified'],
    ]).find((f) => f.nodes[0] === 'pp');
    expect(found).toMatchObject({
      rule: 'budget-shift',
      severity: 'low',
      nodes: ['pp'],
      amount: '100.01',
      currency: 'MXN',
      evidence: {
        approved: '1000',
        modified: '1100.01',
        change: '100.01',
        direction: 'increase',
        share: '0.10001',
        threshold: '0.1',
        period: '',
      },
    });
    expect(found!.flows).toHaveLength(2);
    expect(found!.message.en).toBe(
      "pp's budget was increased from $1,000.00 approved to $1,100.01 modified: $100.01 more (10%).",
    );
    expect(found!.message.es).toBe(
      'El presupuesto de pp se amplió de $1,000.00 aprobado a $1,100.01 modificado: $100.01 más (10%).',
    );
  });

  it('flags a cut one cent deeper than 10%, and says it is a cut', () => {
    const quiet = shifts([
      ['ramo', 'pp', '1000', 'approved'],
      ['ramo', 'pp', '900', 'modified'],
    ]);
    expect(quiet).toEqual([]);
    const found = shifts([
      ['ramo', 'pp', '1000', 'approved'],
      ['ramo', 'pp', '899.99', 'modified'],
    ]);
    // pp received the cut, and ramo, which receives no budget, passed it down: both are flagged.
    expect(found.map((f) => [f.nodes[0], f.amount, f.evidence.direction, f.evidence.change]).sort()).toEqual([
      ['pp', '100.01', 'cut', '-100.01'],
      ['ramo', '100.01', 'cut', '-100.01'],
    ]);
    expect(found[0]!.message.en).toContain('was cut from $1,000.00 approved to $899.99 modified: $100.01 less');
    expect(found[0]!.message.es).toContain('se redujo');
  });

  it('compares each period apart when every flow states one, and the totals when one does not', () => {
    const byPeriod: FlowSpec[] = [
      ['ramo', 'pp', '1000', 'approved', { period: '2016' }],
      ['ramo', 'pp', '1200', 'modified', { period: '2016' }],
      ['ramo', 'pp', '1000', 'approved', { period: '2017' }],
      ['ramo', 'pp', '800', 'modified', { period: '2017' }],
    ];
    const found = shifts(byPeriod)
      .filter((f) => f.nodes[0] === 'pp')
      .sort((a, b) => String(a.evidence.period).localeCompare(String(b.evidence.period)));
    expect(found.map((f) => [f.evidence.period, f.evidence.direction, f.amount])).toEqual([
      ['2016', 'increase', '200'],
      ['2017', 'cut', '200'],
    ]);
    expect(found[0]!.message.en).toContain("pp's budget for 2016 was increased");
    // Without the period on one flow, 2000 approved against 2000 modified: no shift in total.
    const unplaced: FlowSpec[] = [...byPeriod.slice(0, 3), ['ramo', 'pp', '800', 'modified']];
    expect(shifts(unplaced)).toEqual([]);
  });

  it('keeps currencies apart, and stays quiet for a node with only one of the two stages', () => {
    const found = shifts([
      ['ramo', 'pp', '1000', 'approved'],
      ['ramo', 'pp', '1000', 'modified'],
      ['ramo', 'pp', '100', 'approved', { currency: 'USD' }],
      ['ramo', 'pp', '150', 'modified', { currency: 'USD' }],
    ]).filter((f) => f.nodes[0] === 'pp');
    expect(found.map((f) => [f.currency, f.amount, f.evidence.share])).toEqual([['USD', '50', '0.5']]);
    expect(shifts([['ramo', 'pp', '1000', 'approved']])).toEqual([]);
  });

  it('treats any modified amount over a zero approval as a shift, its share infinite', () => {
    const [found] = shifts([
      ['ramo', 'pp', '0', 'approved'],
      ['ramo', 'pp', '500', 'modified'],
    ]).filter((f) => f.nodes[0] === 'pp');
    expect(found).toMatchObject({ amount: '500', evidence: { share: 'Infinity', direction: 'increase' } });
    expect(found!.message.en).toBe("pp's budget was increased from $0.00 approved to $500.00 modified: $500.00 more.");
  });

  it('takes its share from config', () => {
    const flows: FlowSpec[] = [
      ['ramo', 'pp', '1000', 'approved'],
      ['ramo', 'pp', '1200', 'modified'],
    ];
    expect(shifts(flows, { share: '0.2' })).toEqual([]);
    expect(shifts(flows, { share: '0.19', severity: 'high' }).map((f) => [f.severity, f.amount])).toEqual([
      ['high', '200'],
      ['high', '200'],
    ]);
    expect(() => shifts(flows, { share: 'ten percent' })).toThrow(/config\.budget-shift\.share/);
  });
});
