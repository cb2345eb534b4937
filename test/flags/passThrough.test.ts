import { describe, expect, it } from 'vitest';
import { flag, InvalidArgumentError, type NodeKind } from '../../src/index.js';
import { type FlowSpec, graphOf } from './graphOf.js';

const nodes: Array<[string, NodeKind]> = [
  ['sedesol', 'agency'],
  ['uaem', 'intermediary'],
  ['shell1', 'recipient'],
  ['shell2', 'recipient'],
  ['shell3', 'recipient'],
];
const in2016 = { date: '2016-03-01' };

/** The university received 100 and passed on `first` + `second` to two companies. */
const passedOn = (first: string, second: string, stage: 'paid' | 'exercised' = 'paid') =>
  graphOf(nodes, [
    ['sedesol', 'uaem', '100', stage, in2016],
    ['uaem', 'shell1', first, stage, in2016],
    ['uaem', 'shell2', second, stage, in2016],
  ]);

// The figures below were added up by hand and checked with Python's decimal module:
// 300000 + 350000 + 250000.50 = 900000.50 passed on of 1000000.00, 99999.50 kept, a share of 0.9000005.
const estafa: FlowSpec[] = [
  ['sedesol', 'uaem', '1000000.00', 'paid', in2016],
  ['uaem', 'shell1', '300000', 'paid', { date: '2016-04-01' }],
  ['uaem', 'shell2', '350000', 'paid', { date: '2016-05-01' }],
  ['uaem', 'shell3', '250000.50', 'paid', { date: '2016-06-01' }],
];

describe('rule pass-through', () => {
  it('fires on a university that passed 90% of an agreement on to three companies, with what it passed on at stake', () => {
    const [found, ...rest] = flag(graphOf(nodes, estafa), { rules: ['pass-through'] }).flags;
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      rule: 'pass-through',
      severity: 'medium',
      nodes: ['uaem', 'sedesol', 'shell1', 'shell2', 'shell3'],
      amount: '900000.5',
      currency: 'MXN',
      evidence: {
        received: '1000000',
        passedOn: '900000.5',
        returnedToPayers: '0',
        kept: '99999.5',
        share: '0.9000005',
        thirdParties: 3,
        stage: 'paid',
        period: '2016',
        threshold: '0.49',
        minThirdParties: 2,
      },
    });
    expect(found!.flows).toHaveLength(4);
    expect(found!.message.en).toBe(
      'uaem received $1,000,000.00 in 2016 (paid) and passed $900,000.50 of it on to 3 third parties: 90%, more than the 49% allowed; it kept $99,999.50.',
    );
    expect(found!.message.es).toBe(
      'uaem recibió $1,000,000.00 en 2016 (pagado) y traspasó $900,000.50 a 3 terceros: 90%, más del 49% permitido; se quedó con $99,999.50.',
    );
  });

  it('stays quiet at exactly 49% passed on, and fires one cent over', () => {
    expect(flag(passedOn('24.50', '24.50'), { rules: ['pass-through'] }).flags).toEqual([]);
    const [found] = flag(passedOn('24.51', '24.50'), { rules: ['pass-through'] }).flags;
    expect(found).toMatchObject({ amount: '49.01', evidence: { share: '0.4901', kept: '50.99', thirdParties: 2 } });
  });

  it('stays quiet when everything goes to one payee only, and for an agency or programme passing on everything', () => {
    const onePayee = graphOf(nodes, [
      ['sedesol', 'uaem', '100', 'paid', in2016],
      ['uaem', 'shell1', '60', 'paid', in2016],
      ['uaem', 'shell1', '40', 'paid', in2016],
    ]);
    expect(flag(onePayee, { rules: ['pass-through'] }).flags).toEqual([]);
    const agency = graphOf(
      [
        ['hacienda', 'source'],
        ['sedesol', 'agency'],
        ['pp', 'programme'],
        ['a', 'recipient'],
        ['b', 'recipient'],
      ],
      [
        ['hacienda', 'sedesol', '100', 'paid', in2016],
        ['sedesol', 'a', '50', 'paid', in2016],
        ['sedesol', 'pp', '50', 'paid', in2016],
        ['pp', 'a', '25', 'paid', in2016],
        ['pp', 'b', '25', 'paid', in2016],
      ],
    );
    expect(flag(agency, { rules: ['pass-through'] }).flags).toEqual([]);
  });

  it('does not count money sent back to the payer as passed on, but reports it apart', () => {
    const refund = (back: string) =>
      graphOf(nodes, [
        ['sedesol', 'uaem', '100', 'paid', in2016],
        ['uaem', 'sedesol', back, 'paid', in2016],
        ['uaem', 'shell1', '30', 'paid', in2016],
        ['uaem', 'shell2', '19.01', 'paid', in2016],
      ]);
    // 30 + 19.01 = 49.01 of 100 passed on; 40 returned; 100 - 49.01 - 40 = 10.99 kept.
    expect(flag(refund('40'), { rules: ['pass-through'] }).flags[0]!.evidence).toMatchObject({
      passedOn: '49.01',
      returnedToPayers: '40',
      kept: '10.99',
      thirdParties: 2,
    });
    const quiet = graphOf(nodes, [
      ['sedesol', 'uaem', '100', 'paid', in2016],
      ['uaem', 'sedesol', '40', 'paid', in2016],
      ['uaem', 'shell1', '30', 'paid', in2016],
      ['uaem', 'shell2', '10', 'paid', in2016],
    ]);
    expect(flag(quiet, { rules: ['pass-through'] }).flags).toEqual([]);
  });

  it('keeps periods, years of payment dates and currencies apart, and uses exercised where nothing is paid', () => {
    const apart = graphOf(nodes, [
      ['sedesol', 'uaem', '100', 'paid', { date: '2016-12-30' }],
      ['uaem', 'shell1', '50', 'paid', { date: '2017-01-02' }],
      ['uaem', 'shell2', '50', 'paid', { date: '2017-01-03' }],
      ['sedesol', 'uaem', '100', 'paid', { period: '2018' }],
      ['uaem', 'shell1', '50', 'paid', { period: '2018', currency: 'USD' }],
      ['uaem', 'shell2', '50', 'paid', { period: '2018', currency: 'USD' }],
    ]);
    expect(flag(apart, { rules: ['pass-through'] }).flags).toEqual([]);
    const byPeriod = graphOf(nodes, [
      ['sedesol', 'uaem', '100', 'paid', { period: '2018' }],
      ['uaem', 'shell1', '50', 'paid', { period: '2018' }],
      ['uaem', 'shell2', '50', 'paid', { date: '2018-07-01' }],
    ]);
    expect(flag(byPeriod, { rules: ['pass-through'] }).flags.map((f) => [f.amount, f.evidence.period])).toEqual([
      ['100', '2018'],
    ]);
    const [exercised] = flag(passedOn('30', '30', 'exercised'), { rules: ['pass-through'] }).flags;
    expect(exercised).toMatchObject({ amount: '60', evidence: { stage: 'exercised', share: '0.6' } });
  });

  it('takes its threshold, minimum of third parties and kinds from config', () => {
    const graph = graphOf(nodes, estafa);
    const run = (config: Record<string, unknown>) =>
      flag(graph, { rules: ['pass-through'], config: { 'pass-through': config } }).flags.map((f) => f.severity);
    expect(run({ share: '0.9000005' })).toEqual([]);
    expect(run({ share: '0.9000004', severity: 'high' })).toEqual(['high']);
    expect(run({ minThirdParties: 4 })).toEqual([]);
    expect(run({ minThirdParties: 3 })).toEqual(['medium']);
    expect(run({ kinds: ['recipient'] })).toEqual([]);
    expect(() => run({ share: '49%' })).toThrow(InvalidArgumentError);
  });
});
