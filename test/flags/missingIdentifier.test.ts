import { describe, expect, it } from 'vitest';
import { flag } from '../../src/index.js';
import { type FlowSpec, graphOf, type NodeSpec } from './graphOf.js';

const nodes: NodeSpec[] = [
  ['sep', 'agency'],
  ['salud', 'agency'],
  ['anonima', 'recipient'],
  ['conocida', 'recipient', 'CON101010AB1'],
  ['universidad', 'intermediary'],
];

const missing = (flows: FlowSpec[], config?: Record<string, unknown>) =>
  flag(graphOf(nodes, flows), {
    rules: ['missing-identifier'],
    ...(config ? { config: { 'missing-identifier': config } } : {}),
  }).flags;

// Worked by hand: the sums are of two or three payments each, against the 500,000 minimum.
describe('rule missing-identifier', () => {
  it('flags a payee without a tax id that received one cent more than 500,000, with what it received at stake', () => {
    expect(
      missing([
        ['sep', 'anonima', '300000', 'paid', { date: '2016-01-10' }],
        ['salud', 'anonima', '200000', 'paid', { date: '2016-02-10' }],
      ]),
    ).toEqual([]);
    const [found, ...rest] = missing([
      ['sep', 'anonima', '300000', 'paid', { date: '2016-01-10' }],
      ['salud', 'anonima', '200000.01', 'paid', { date: '2016-02-10' }],
    ]);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      rule: 'missing-identifier',
      severity: 'medium',
      nodes: ['anonima', 'sep', 'salud'],
      amount: '500000.01',
      currency: 'MXN',
      evidence: { received: '500000.01', stage: 'paid', flows: 2, payers: 2, minimum: '500000' },
    });
    expect(found!.flows).toHaveLength(2);
    expect(found!.message.en).toBe(
      'anonima received $500,000.01 (paid) in 2 flows, and the data give no tax id for it: it cannot be checked against watchlists.',
    );
    expect(found!.message.es).toBe(
      'anonima recibió $500,000.01 (pagado) en 2 flujos y los datos no dan su RFC: no se puede cotejar con listas de riesgo.',
    );
  });

  it('stays quiet for payees with a tax id and for agencies, and looks at intermediaries', () => {
    const found = missing([
      ['sep', 'conocida', '9000000', 'paid'],
      ['sep', 'salud', '9000000', 'paid'],
      ['sep', 'universidad', '9000000', 'paid'],
    ]);
    expect(found.map((f) => [f.nodes[0], f.amount])).toEqual([['universidad', '9000000']]);
    expect(found[0]!.message.en).toContain('received $9,000,000.00 (paid) in 1 flow, and');
    expect(found[0]!.message.es).toContain('en 1 flujo y');
  });

  it('counts the paid stage alone where there is one, not the same money again as exercised or committed', () => {
    const found = missing([
      ['sep', 'anonima', '600000', 'committed'],
      ['sep', 'anonima', '600000', 'exercised'],
      ['sep', 'anonima', '600000', 'paid'],
    ]);
    expect(found.map((f) => [f.amount, f.evidence.stage])).toEqual([['600000', 'paid']]);
    expect(missing([['sep', 'anonima', '600000', 'exercised']]).map((f) => f.evidence.stage)).toEqual(['exercised']);
    expect(missing([['sep', 'anonima', '9000000', 'committed']])).toEqual([]);
  });

  it('keeps currencies apart', () => {
    const flows: FlowSpec[] = [
      ['sep', 'anonima', '400000', 'paid'],
      ['sep', 'anonima', '400000', 'paid', { currency: 'USD' }],
    ];
    expect(missing(flows)).toEqual([]);
    expect(
      missing([...flows, ['sep', 'anonima', '100000.01', 'paid', { currency: 'USD' }]]).map((f) => f.currency),
    ).toEqual(['USD']);
  });

  it('takes its minimum, kinds and stages from config', () => {
    const flows: FlowSpec[] = [['sep', 'anonima', '100000', 'committed']];
    expect(missing(flows)).toEqual([]);
    expect(missing(flows, { minimum: '99999.99', stages: ['paid', 'committed'] }).map((f) => f.amount)).toEqual([
      '100000',
    ]);
    expect(missing(flows, { minimum: '99999.99', stages: ['committed'], kinds: ['intermediary'] })).toEqual([]);
    expect(() => missing(flows, { stages: ['pagado'] })).toThrow(/config\.missing-identifier\.stages/);
  });
});
