import { describe, expect, it } from 'vitest';
import { flag } from '../../src/index.js';
import { graphOf } from './graphOf.js';

const nodes: Array<[string, 'agency' | 'recipient']> = [
  ['sep', 'agency'],
  ['acme', 'recipient'],
  ['beta', 'recipient'],
];

describe('rule duplicate-payment', () => {
  it('fires on the same amount to the same payee on the same date, with the repeated payments at stake', () => {
    const graph = graphOf(nodes, [
      ['sep', 'acme', '5000', 'paid', { date: '2016-03-01' }],
      ['sep', 'acme', '5000', 'paid', { date: '2016-03-01' }],
      ['sep', 'acme', '5000', 'paid', { date: '2016-03-01' }],
    ]);
    const [found, ...rest] = flag(graph, { rules: ['duplicate-payment'] }).flags;
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ nodes: ['sep', 'acme'], amount: '10000', evidence: { payments: 3, sameBy: 'date' } });
    expect(found!.flows).toHaveLength(3);
  });

  it('fires on the same invoice reference paid twice on different dates', () => {
    const graph = graphOf(nodes, [
      ['sep', 'acme', '5000', 'paid', { date: '2016-03-01', reference: 'F-17' }],
      ['sep', 'acme', '5000', 'paid', { date: '2016-04-09', reference: 'F-17' }],
    ]);
    expect(flag(graph, { rules: ['duplicate-payment'] }).flags.map((f) => [f.amount, f.evidence.sameBy])).toEqual([
      ['5000', 'reference'],
    ]);
  });

  it('stays quiet on instalments, on one cent of difference, on another payee, and on undated allotments', () => {
    const graph = graphOf(nodes, [
      ['sep', 'acme', '5000', 'paid', { date: '2016-03-01', reference: 'C-1' }],
      ['sep', 'acme', '5000', 'paid', { date: '2016-04-01', reference: 'C-2' }],
      ['sep', 'acme', '5000.01', 'paid', { date: '2016-03-01' }],
      ['sep', 'beta', '5000', 'paid', { date: '2016-03-01' }],
      ['sep', 'acme', '9000', 'approved'],
      ['sep', 'acme', '9000', 'approved'],
    ]);
    expect(flag(graph, { rules: ['duplicate-payment'] }).flags).toEqual([]);
  });
});
