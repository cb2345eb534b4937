import { describe, expect, it } from 'vitest';
import { flag } from '../../src/index.js';
import { graphOf } from './graphOf.js';

const run = (paid: string, stages: { allotted?: 'approved' | 'modified'; paid?: 'paid' | 'exercised' } = {}) =>
  flag(
    graphOf(
      [
        ['ramo', 'agency'],
        ['pp', 'programme'],
        ['acme', 'recipient'],
      ],
      [
        ['ramo', 'pp', '1000', stages.allotted ?? 'approved'],
        ['pp', 'acme', paid, stages.paid ?? 'paid', { date: '2016-05-01' }],
      ],
    ),
    { rules: ['overspend'] },
  ).flags;

describe('rule overspend', () => {
  it('fires one cent over the allotment, with the excess at stake, and stays quiet at exactly the allotment', () => {
    expect(run('1000')).toEqual([]);
    const [found] = run('1000.01');
    expect(found).toMatchObject({
      rule: 'overspend',
      severity: 'high',
      nodes: ['pp'],
      amount: '0.01',
      currency: 'MXN',
      evidence: { paid: '1000.01', paidStage: 'paid', allotted: '1000', allottedStage: 'approved', excess: '0.01' },
    });
    expect(found!.message.en).toBe(
      'pp paid out $1,000.01 (paid) against an allotment of $1,000.00 (approved): $0.01 more.',
    );
    expect(found!.message.es).toContain('pagó $1,000.01');
  });

  it('uses the modified allotment where there is one, and exercised where nothing is paid', () => {
    const graph = graphOf(
      [
        ['ramo', 'agency'],
        ['pp', 'programme'],
        ['acme', 'recipient'],
      ],
      [
        ['ramo', 'pp', '1000', 'approved'],
        ['ramo', 'pp', '1200', 'modified'],
        ['pp', 'acme', '1100', 'exercised'],
      ],
    );
    expect(flag(graph, { rules: ['overspend'] }).flags).toEqual([]);
    expect(run('1100', { paid: 'exercised' })[0]).toMatchObject({
      amount: '100',
      evidence: { paidStage: 'exercised' },
    });
  });
});
