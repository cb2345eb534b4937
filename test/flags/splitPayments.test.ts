import { describe, expect, it } from 'vitest';
import { flag, type FlagOptions, InvalidArgumentError } from '../../src/index.js';
import { graphOf, type FlowSpec } from './graphOf.js';
import { leedsJune2020Graph } from './ukSpendGraphs.js';

const nodes: Parameters<typeof graphOf>[0] = [
  ['sep', 'agency'],
  ['acme', 'recipient'],
  ['beta', 'recipient'],
  ['sep-office', 'unit'],
];

const pay = (to: string, amount: string, date: string, extra: { currency?: string; stage?: 'exercised' } = {}) =>
  [
    'sep',
    to,
    amount,
    extra.stage ?? 'paid',
    { date, ...(extra.currency ? { currency: extra.currency } : {}) },
  ] as FlowSpec;

const run = (flows: FlowSpec[], config: Record<string, unknown> = {}, options: FlagOptions = {}) =>
  flag(graphOf(nodes, flows), { rules: ['split-payments'], config: { 'split-payments': config }, ...options }).flags;

const atThreshold = { threshold: '300000' };

describe('rule split-payments', () => {
  it('fires on three payments below the threshold within 30 days that together pass it, their total at stake', () => {
    const [found, ...rest] = run(
      [
        pay('acme', '100000', '2016-03-01'),
        pay('acme', '100000', '2016-03-15'),
        pay('acme', '100000.01', '2016-03-31'),
      ],
      atThreshold,
    );
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      rule: 'split-payments',
      severity: 'medium',
      nodes: ['sep', 'acme'],
      amount: '300000.01',
      currency: 'MXN',
      evidence: {
        payments: 3,
        total: '300000.01',
        largestPayment: '100000.01',
        ceiling: '300000',
        ceilingFrom: 'threshold',
        firstDate: '2016-03-01',
        lastDate: '2016-03-31',
        windowDays: 30,
        minPayments: 3,
        threshold: '300000',
      },
    });
    expect(found!.flows).toHaveLength(3);
    expect(found!.message.en).toBe(
      'sep paid acme $300,000.01 in 3 payments from 2016-03-01 to 2016-03-31, each below $300,000.00 and together above it.',
    );
    expect(found!.message.es).toContain('sep pagó a acme $300,000.01 en 3 pagos del 2016-03-01 al 2016-03-31');
  });

  it('stays quiet when the total is exactly the threshold, or the third payment comes 31 days after the first', () => {
    expect(
      run(
        [pay('acme', '100000', '2016-03-01'), pay('acme', '100000', '2016-03-15'), pay('acme', '100000', '2016-03-31')],
        atThreshold,
      ),
    ).toEqual([]);
    expect(
      run(
        [
          pay('acme', '100000', '2016-03-01'),
          pay('acme', '100000', '2016-03-15'),
          pay('acme', '100000.01', '2016-04-01'),
        ],
        atThreshold,
      ),
    ).toEqual([]);
  });

  it('leaves out a payment of exactly the threshold: it is not below it', () => {
    const flows = [
      pay('acme', '299999.99', '2016-03-01'),
      pay('acme', '300000', '2016-03-02'),
      pay('acme', '0.02', '2016-03-03'),
    ];
    expect(run(flows, atThreshold)).toEqual([]);
    // With two payments enough, the two below the threshold make the cluster, without the one at it.
    const [found] = run(flows, { ...atThreshold, minPayments: 2 });
    expect(found).toMatchObject({ amount: '300000.01', evidence: { payments: 2, minPayments: 2 } });
  });

  it('without a threshold, fires on payments just below one round figure: [95,000, 100,000) for 100,000', () => {
    const found = run([
      pay('acme', '96000', '2016-03-01'),
      pay('acme', '97500', '2016-03-05'),
      pay('acme', '99999.99', '2016-03-20'),
      // The bottom of the band counts: 95,000 is 5% below 100,000.
      pay('beta', '95000', '2016-05-01'),
      pay('beta', '95000', '2016-05-02'),
      pay('beta', '95000', '2016-05-03'),
    ]);
    expect(
      found.map((f) => [f.nodes[1], f.amount, f.evidence.ceiling, f.evidence.ceilingFrom, f.evidence.margin]),
    ).toEqual([
      ['acme', '293499.99', '100000', 'round-figure', '0.05'],
      ['beta', '285000', '100000', 'round-figure', '0.05'],
    ]);
    expect(found[0]!.message.en).toContain('each just below $100,000.00 and together above it');
  });

  it('without a threshold, stays quiet one cent below the band, at the round figure, and across round figures', () => {
    expect(
      run([
        pay('acme', '94999.99', '2016-03-01'),
        pay('acme', '94999.99', '2016-03-02'),
        pay('acme', '94999.99', '2016-03-03'),
      ]),
    ).toEqual([]);
    expect(
      run([
        pay('acme', '100000', '2016-03-01'),
        pay('acme', '100000', '2016-03-02'),
        pay('acme', '100000', '2016-03-03'),
      ]),
    ).toEqual([]);
    // 96,000 and 97,000 sit below 100,000; 290,000 below 300,000: three payments, but no three below one figure.
    expect(
      run([
        pay('acme', '96000', '2016-03-01'),
        pay('acme', '97000', '2016-03-02'),
        pay('acme', '290000', '2016-03-03'),
      ]),
    ).toEqual([]);
    // 285,000 is in the band of 300,000; so is any one-significant-digit figure (20,000, 700,000, 2,000,000).
    expect(
      run([
        pay('acme', '285000', '2016-03-01'),
        pay('acme', '290000', '2016-03-02'),
        pay('acme', '299000', '2016-03-03'),
      ]).map((f) => [f.amount, f.evidence.ceiling]),
    ).toEqual([['874000', '300000']]);
  });

  it('merges windows that share payments into one cluster, so each payment is reported once', () => {
    const found = run([
      // Days 0, 10, 20, 35 and 45: every 30-day window from one of them holds three; together they are one cluster.
      pay('acme', '99000', '2016-01-01'),
      pay('acme', '99000', '2016-01-11'),
      pay('acme', '99000', '2016-01-21'),
      pay('acme', '99000', '2016-02-05'),
      pay('acme', '99000', '2016-02-15'),
      pay('acme', '99000', '2016-06-01'),
      pay('acme', '99000', '2016-06-02'),
      pay('acme', '99000', '2016-06-03'),
    ]);
    expect(found.map((f) => [f.amount, f.evidence.payments, f.evidence.firstDate, f.evidence.lastDate])).toEqual([
      ['495000', 5, '2016-01-01', '2016-02-15'],
      ['297000', 3, '2016-06-01', '2016-06-03'],
    ]);
  });

  it('stays quiet across payees and currencies, and on another stage or the payer’s own unit unless told', () => {
    expect(
      run([pay('acme', '99000', '2016-03-01'), pay('acme', '99000', '2016-03-02'), pay('beta', '99000', '2016-03-03')]),
    ).toEqual([]);
    expect(
      run([
        pay('acme', '99000', '2016-03-01'),
        pay('acme', '99000', '2016-03-02'),
        pay('acme', '99000', '2016-03-03', { currency: 'USD' }),
      ]),
    ).toEqual([]);
    const exercised = [1, 2, 3].map((day) => pay('acme', '99000', `2016-03-0${day}`, { stage: 'exercised' }));
    expect(run(exercised)).toEqual([]);
    expect(run(exercised, { stages: ['exercised'] }).map((f) => f.amount)).toEqual(['297000']);
    const toOwnUnit = [1, 2, 3].map((day) => pay('sep-office', '99000', `2016-03-0${day}`));
    expect(run(toOwnUnit)).toEqual([]);
    expect(run(toOwnUnit, { payeeKinds: ['unit'] }).map((f) => f.amount)).toEqual(['297000']);
  });

  it('takes its window, its margin and its smallest round figure from config', () => {
    const petty = [
      pay('acme', '960', '2016-03-01'),
      pay('acme', '970', '2016-03-02'),
      pay('acme', '990', '2016-03-03'),
    ];
    expect(run(petty)).toEqual([]);
    expect(run(petty, { minRoundFigure: '1000' }).map((f) => [f.amount, f.evidence.ceiling])).toEqual([
      ['2920', '1000'],
    ]);
    const spread = [
      pay('acme', '99000', '2016-03-01'),
      pay('acme', '99000', '2016-03-08'),
      pay('acme', '99000', '2016-03-12'),
    ];
    expect(run(spread, { windowDays: 10 })).toEqual([]);
    expect(run(spread, { windowDays: 11 }).map((f) => f.amount)).toEqual(['297000']);
    // 80,000 to 82,000 sit below the round figure 90,000, but more than 5% below it: a margin of 15% takes them in.
    const wider = [
      pay('acme', '80000', '2016-03-01'),
      pay('acme', '81000', '2016-03-02'),
      pay('acme', '82000', '2016-03-03'),
    ];
    expect(run(wider)).toEqual([]);
    expect(run(wider, { margin: '0.15' }).map((f) => [f.amount, f.evidence.ceiling, f.evidence.margin])).toEqual([
      ['243000', '90000', '0.15'],
    ]);
  });

  it('throws on a margin outside (0, 1), a threshold of zero, or an unknown payee kind', () => {
    const flows = [pay('acme', '99000', '2016-03-01')];
    expect(() => run(flows, { margin: '1' })).toThrow(
      expect.objectContaining({ argument: 'config.split-payments.margin' }),
    );
    expect(() => run(flows, { threshold: '0' })).toThrow(InvalidArgumentError);
    expect(() => run(flows, { payeeKinds: ['supplier'] })).toThrow(
      expect.objectContaining({ argument: 'config.split-payments.payeeKinds' }),
    );
  });

  it('finds three clusters in Leeds City Council’s June 2020 payments, each just below a round figure', async () => {
    // Computed from the source file with Python's csv and decimal modules, independently of cauce: the file's lines
    // rebuilt into council -> service -> division -> supplier flows (lines with the same ends, date and transaction
    // number summed, as ingest does), and the rule applied to the flows into suppliers as its documentation states.
    const { flags } = flag(await leedsJune2020Graph(), { rules: ['split-payments'] });
    expect(
      flags.map((f) => [
        f.nodes[0],
        f.nodes[1],
        f.evidence.ceiling,
        f.evidence.payments,
        f.amount,
        f.evidence.firstDate,
        f.evidence.lastDate,
      ]),
    ).toEqual([
      [
        'division:LEEDS CITY COUNCIL/RESOURCES AND HOUSING/LEEDS BUILDING SERVICES',
        'supplier:LIFT & ENGINEERING SERVICES LTD',
        '20000',
        6,
        '117626.4',
        '2020-06-12',
        '2020-06-12',
      ],
      [
        'division:LEEDS CITY COUNCIL/CHILDREN AND FAMILIES/SOCIAL CARE',
        'supplier:DYNAMIC CHILDCARE LIMITED',
        '20000',
        4,
        '76000',
        '2020-06-03',
        '2020-06-25',
      ],
      [
        'division:LEEDS CITY COUNCIL/CITY DEVELOPMENT/HIGHWAYS',
        'supplier:WARD PLANE LIMITED',
        '10000',
        5,
        '48650',
        '2020-06-10',
        '2020-06-22',
      ],
    ]);
    expect(flags[0]!.provenance.every((where) => where.file === 'leeds-2020-06.csv')).toBe(true);
  });
});
