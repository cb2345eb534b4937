import { describe, expect, it } from 'vitest';
import { flag, InvalidArgumentError } from '../../src/index.js';
import { graphOf, type FlowSpec } from './graphOf.js';
import { leedsJune2020Graph } from './ukSpendGraphs.js';

const nodes: Parameters<typeof graphOf>[0] = [
  ['sep', 'agency'],
  ['acme', 'recipient'],
];

/** Payments whose first digits come in the given counts (for 1 to 9): digit d is paid as d00.50 (or as `write(d)`). */
function payments(counts: number[], write = (digit: number) => `${digit}00.50`): FlowSpec[] {
  const flows: FlowSpec[] = [];
  counts.forEach((count, at) => {
    for (let k = 0; k < count; k++) flows.push(['sep', 'acme', write(at + 1), 'paid', { date: '2016-05-02' }]);
  });
  return flows;
}

const run = (flows: FlowSpec[], config: Record<string, unknown> = {}) =>
  flag(graphOf(nodes, flows), { rules: ['benford'], config: { benford: config } }).flags;

// Benford's proportions rounded to six decimals: log10(1 + 1/d).
const EXPECTED = [
  '0.301030',
  '0.176091',
  '0.124939',
  '0.096910',
  '0.079181',
  '0.066947',
  '0.057992',
  '0.051153',
  '0.045757',
];
// 1,000 first digits in Benford's proportions (mean absolute deviation 0.000101, Python).
const CONFORMING = [301, 176, 125, 97, 79, 67, 58, 51, 46];
// 1,000 first digits with 69 ones moved to nines: MAD 0.01543444960325968 (Python, 50-digit decimal).
const STRAYING = [232, 176, 125, 97, 79, 67, 58, 51, 115];

describe('rule benford', () => {
  it('fires when the mean absolute deviation passes 0.015, with counts, proportions and the total at stake', () => {
    expect(run(payments(CONFORMING))).toEqual([]);
    const [found, ...rest] = run(payments(STRAYING));
    expect(rest).toEqual([]);
    // 232 x 100.50 + 176 x 200.50 + ... + 115 x 900.50 = 399,800.00 (Python's decimal).
    expect(found).toMatchObject({
      rule: 'benford',
      severity: 'low',
      nodes: ['sep'],
      amount: '399800',
      currency: 'MXN',
      evidence: {
        payments: 1000,
        mad: '0.015',
        digitCounts: STRAYING.map(String),
        observed: [
          '0.232000',
          '0.176000',
          '0.125000',
          '0.097000',
          '0.079000',
          '0.067000',
          '0.058000',
          '0.051000',
          '0.115000',
        ],
        expected: EXPECTED,
        minPayments: 300,
        minAmount: '10',
      },
    });
    expect(found!.evidence.madObserved).toBeCloseTo(0.0154344496, 10);
    expect(found!.flows).toHaveLength(1000);
    expect(found!.message.en).toBe(
      "The first digits of 1000 payments by sep ($399,800.00) stray from Benford's law: mean absolute deviation 0.0154, above 0.015.",
    );
    expect(found!.message.es).toContain('se apartan de la ley de Benford: desviación media absoluta 0.0154');
  });

  it('stays quiet with the threshold just above the deviation, and fires just below it', () => {
    expect(run(payments(STRAYING), { mad: '0.0154345' })).toEqual([]);
    expect(run(payments(STRAYING), { mad: '0.0154344' }).map((f) => f.evidence.mad)).toEqual(['0.0154344']);
  });

  it('looks only at payers with 300 tested payments: 299 uniform first digits are quiet, 300 fire', () => {
    expect(run(payments([34, 34, 34, 34, 34, 34, 34, 34, 27]))).toEqual([]);
    // 34 x (100.50 + ... + 800.50) + 28 x 900.50 = 147,750.00 (Python).
    expect(run(payments([34, 34, 34, 34, 34, 34, 34, 34, 28])).map((f) => [f.amount, f.evidence.payments])).toEqual([
      ['147750', 300],
    ]);
    expect(run(payments([34, 34, 34, 34, 34, 34, 34, 34, 28]), { minPayments: 301 })).toEqual([]);
  });

  it('reads first digits past leading zeros, from amounts at or above minAmount only', () => {
    const flows = [...payments(CONFORMING), ...payments([0, 0, 0, 0, 0, 0, 0, 0, 200], () => '0.09')];
    expect(run(flows)).toEqual([]);
    expect(run(flows, { minAmount: '0.1' })).toEqual([]);
    const [found] = run(flows, { minAmount: '0.09' });
    expect(found!.evidence).toMatchObject({ payments: 1200, minAmount: '0.09' });
    expect(found!.evidence.digitCounts).toEqual(['301', '176', '125', '97', '79', '67', '58', '51', '246']);
    // MAD 0.03538722431984996 (Python).
    expect(found!.evidence.madObserved).toBeCloseTo(0.0353872243, 10);
  });

  it('counts a refund by its size, and puts the net total at stake', () => {
    // The 34 payments of first digit 1 are refunds of 100.50: 34 x (200.50 + ... + 900.50) - 34 x 100.50 = 146,319.00.
    const flows = payments([34, 34, 34, 34, 34, 34, 34, 34, 34], (digit) =>
      digit === 1 ? '-100.50' : `${digit}00.50`,
    );
    const [found] = run(flows);
    expect(found).toMatchObject({ amount: '146319', evidence: { payments: 306 } });
    expect(found!.evidence.digitCounts).toEqual(Array(9).fill('34'));
    expect(() => run(flows, { minAmount: '0' })).toThrow(InvalidArgumentError);
    expect(() => run(flows, { mad: 'high' })).toThrow(expect.objectContaining({ argument: 'config.benford.mad' }));
  });

  it('finds ten Leeds services and divisions whose June 2020 payments stray from the law', async () => {
    // Computed from the source file with Python's csv, decimal and math modules, independently of cauce: the lines
    // rebuilt into council -> service -> division -> supplier flows (lines with the same ends, date and transaction
    // number summed), payments of £10 or more by size, payers with 300 of them, MAD above 0.015. The council itself
    // (14,198 payments of £10 or more, MAD 0.0096) conforms; the amounts are the net totals tested.
    const { flags } = flag(await leedsJune2020Graph(), { rules: ['benford'] });
    expect(
      flags.map((f) => [
        f.nodes[0],
        f.evidence.payments,
        f.amount,
        f.evidence.digitCounts,
        (f.evidence.madObserved as number).toFixed(6),
      ]),
    ).toEqual([
      [
        'service:LEEDS CITY COUNCIL/CHILDREN AND FAMILIES',
        3452,
        '19874301.52',
        ['1141', '498', '592', '282', '238', '206', '236', '144', '115'],
        '0.019207',
      ],
      [
        'division:LEEDS CITY COUNCIL/CITY DEVELOPMENT/HIGHWAYS',
        1076,
        '14077085.55',
        ['315', '122', '84', '155', '113', '88', '85', '50', '64'],
        '0.027232',
      ],
      [
        'service:LEEDS CITY COUNCIL/ADULTS AND HEALTH',
        2845,
        '13253140.45',
        ['1090', '562', '236', '195', '188', '186', '153', '100', '135'],
        '0.023387',
      ],
      [
        'division:LEEDS CITY COUNCIL/CHILDREN AND FAMILIES/SOCIAL CARE',
        3266,
        '8098262.88',
        ['1077', '469', '567', '258', '225', '203', '222', '133', '112'],
        '0.019418',
      ],
      [
        'service:LEEDS CITY COUNCIL/COMMUNITIES AND ENVIRONMENT',
        1931,
        '4204026.66',
        ['702', '314', '252', '183', '163', '97', '75', '74', '71'],
        '0.016290',
      ],
      [
        'service:LEEDS CITY COUNCIL/STRATEGIC LANDLORD',
        330,
        '3626314.77',
        ['139', '45', '44', '32', '22', '20', '14', '6', '8'],
        '0.028586',
      ],
      [
        'division:LEEDS CITY COUNCIL/COMMUNITIES AND ENVIRONMENT/WASTE MANAGEMENT',
        360,
        '2491086.41',
        ['102', '45', '50', '57', '45', '14', '14', '20', '13'],
        '0.027910',
      ],
      [
        'division:LEEDS CITY COUNCIL/ADULTS AND HEALTH/SERVICES FOR ADULTS UNDER 65 MENTAL/DIS',
        1035,
        '1188043.01',
        ['422', '254', '39', '78', '40', '56', '55', '27', '64'],
        '0.042688',
      ],
      [
        'division:LEEDS CITY COUNCIL/RESOURCES AND HOUSING/STRATEGIC HOUSING PARTNERSHIP & SUPPORT',
        325,
        '482050.41',
        ['154', '60', '29', '19', '21', '12', '14', '5', '11'],
        '0.040298',
      ],
      [
        'division:LEEDS CITY COUNCIL/COMMUNITIES AND ENVIRONMENT/CUSTOMER ACCESS',
        440,
        '193169.55',
        ['233', '72', '62', '24', '19', '18', '9', '1', '2'],
        '0.054330',
      ],
    ]);
  });
});
