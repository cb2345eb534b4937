import { describe, expect, it } from 'vitest';
import { flag, InvalidArgumentError } from '../../src/index.js';
import { graphOf, type FlowSpec } from './graphOf.js';
import { cabinetOfficeGraph } from './ukSpendGraphs.js';

const nodes: Parameters<typeof graphOf>[0] = [
  ['sep', 'agency'],
  ['acme', 'recipient'],
  ['beta', 'recipient'],
];

// Amounts that are not multiples of 100,000, one cent or one peso away from being one.
const PLAIN = ['100000.01', '99999.99', '12345', '250000.5', '1000', '450001', '7', '199999', '330000.10'];

const pay = (amount: string, day: number, currency?: string): FlowSpec => [
  'sep',
  day % 2 ? 'acme' : 'beta',
  amount,
  'paid',
  { date: `2016-04-${String(day).padStart(2, '0')}`, ...(currency ? { currency } : {}) },
];

const payments = (amounts: string[], currency?: string) => amounts.map((amount, at) => pay(amount, at + 1, currency));

const run = (flows: FlowSpec[], config: Record<string, unknown> = {}) =>
  flag(graphOf(nodes, flows), { rules: ['round-amount'], config: { 'round-amount': config } }).flags;

describe('rule round-amount', () => {
  it('fires when more than a quarter of a payer’s payments are multiples of 100,000, their total at stake', () => {
    // 4 round of 12: a third.
    const [found, ...rest] = run(payments(['100000', '200000.00', '1500000', '300000', ...PLAIN.slice(0, 8)]));
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      rule: 'round-amount',
      severity: 'low',
      nodes: ['sep'],
      amount: '2100000',
      currency: 'MXN',
      evidence: {
        roundPayments: 4,
        payments: 12,
        roundShare: expect.stringMatching(/^0\.3{30,}/),
        share: '0.25',
        multiple: '100000',
        minPayments: 10,
      },
    });
    expect(found!.flows).toHaveLength(4);
    expect(found!.message.en).toBe(
      '4 of the 12 payments by sep (33.33%) are exact multiples of $100,000.00, for $2,100,000.00 in all.',
    );
    expect(found!.message.es).toBe(
      '4 de los 12 pagos de sep (33.33%) son múltiplos exactos de $100,000.00, por $2,100,000.00 en total.',
    );
  });

  it('stays quiet at exactly a quarter (3 of 12), and fires one round payment over it', () => {
    expect(run(payments(['100000', '200000', '1500000', ...PLAIN]))).toEqual([]);
    expect(run(payments(['100000', '200000', '1500000', '300000', ...PLAIN.slice(1)])).map((f) => f.amount)).toEqual([
      '2100000',
    ]);
  });

  it('looks only at payers with at least 10 payments: 3 round of 9 is quiet, 3 round of 10 fires', () => {
    expect(run(payments(['100000', '200000', '300000', ...PLAIN.slice(0, 6)]))).toEqual([]);
    expect(
      run(payments(['100000', '200000', '300000', ...PLAIN.slice(0, 7)])).map((f) => f.evidence.roundShare),
    ).toEqual(['0.3']);
  });

  it('does not count refunds or zero amounts as payments, nor mix currencies', () => {
    // Counted, -100,000 and 0 would make 5 round of 11 payments; they are not payments, which leaves 9.
    expect(run(payments(['100000', '200000', '300000', '-100000', '0', ...PLAIN.slice(0, 6)]))).toEqual([]);
    expect(
      run([...payments(['100000', '200000', '300000', ...PLAIN.slice(0, 3)]), ...payments(PLAIN.slice(3, 8), 'USD')]),
    ).toEqual([]);
  });

  it('takes its multiple, share and minimum count from config', () => {
    const thousands = payments(['5000', '12000', '1000', ...PLAIN.slice(0, 7)]);
    expect(run(thousands)).toEqual([]);
    // 1,000 is itself in PLAIN: 4 multiples of 1,000 among 10.
    expect(run(thousands, { multiple: '1000' }).map((f) => [f.amount, f.evidence.roundPayments])).toEqual([
      ['19000', 4],
    ]);
    expect(run(thousands, { multiple: '1000', share: '0.4' })).toEqual([]);
    expect(run(thousands, { multiple: '1000', share: '0.39' }).map((f) => f.evidence.share)).toEqual(['0.39']);
    expect(run(payments(['100000', '200000', '7']), { minPayments: 3 }).map((f) => f.amount)).toEqual(['300000']);
    expect(() => run(thousands, { multiple: '0' })).toThrow(InvalidArgumentError);
    expect(() => run(thousands, { share: '1.5' })).toThrow(
      expect.objectContaining({ argument: 'config.round-amount.share' }),
    );
  });

  it('stays quiet on the Cabinet Office’s payments at its defaults, and finds one expense area at a share of 15%', async () => {
    // Computed from the 38 source files with Python's csv and decimal modules, independently of cauce (lines rebuilt
    // into department -> entity -> expense area -> supplier flows, lines with the same ends, date and transaction
    // summed per file): no payer has more than a quarter of round payments; at 15%, only BPDG - Future Borders does,
    // with 2 of its 12 payments: £3,600,000 to Palantir Technologies UK Ltd on 2021-01-26 and again on 2021-02-05.
    const graph = await cabinetOfficeGraph();
    expect(flag(graph, { rules: ['round-amount'] }).flags).toEqual([]);
    const { flags } = flag(graph, { rules: ['round-amount'], config: { 'round-amount': { share: '0.15' } } });
    expect(flags.map((f) => [f.nodes[0], f.evidence.roundPayments, f.evidence.payments, f.amount, f.currency])).toEqual(
      [['area:CABINET OFFICE/BPDG - FUTURE BORDERS', 2, 12, '7200000', 'GBP']],
    );
  });
});
