import { describe, expect, it } from 'vitest';
import { addFlow, addNode, createFlowGraph, flag, type NodeKind } from '../../src/index.js';
import { type FlowSpec, graphOf } from './graphOf.js';

const nodes: Array<[string, NodeKind]> = [
  ['a', 'agency'],
  ['b', 'trust'],
  ['c', 'intermediary'],
  ['d', 'recipient'],
];

const run = (flows: FlowSpec[], config?: Record<string, unknown>) =>
  flag(graphOf(nodes, flows), { rules: ['cycle'], ...(config ? { config: { cycle: config } } : {}) }).flags;

// a -> b 1000, b -> c 400 + 350 = 750, c -> a 600 (and 100 out to d): the smallest hop, 600, went around.
const triangle: FlowSpec[] = [
  ['a', 'b', '1000'],
  ['b', 'c', '400'],
  ['b', 'c', '350'],
  ['c', 'a', '600'],
  ['c', 'd', '100'],
];

describe('rule cycle', () => {
  it('fires on money that came back to where it started, with the smallest hop at stake', () => {
    const [found, ...rest] = run(triangle);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      rule: 'cycle',
      severity: 'medium',
      nodes: ['a', 'b', 'c'],
      amount: '600',
      currency: 'MXN',
      evidence: {
        cycle: ['a', 'b', 'c'],
        hopAmounts: ['1000', '750', '600'],
        amountAround: '600',
        stage: 'paid',
        componentNodes: 3,
        componentHops: 3,
        minAmount: '0',
      },
    });
    expect(found!.flows).toHaveLength(4);
    expect(found!.message.en).toBe(
      'Money went a -> b -> c -> a (paid); its smallest hop, $600.00, is as much as can have gone all the way around.',
    );
    expect(found!.message.es).toBe(
      'El dinero fue de a -> b -> c -> a (pagado); su tramo menor, $600.00, es lo más que pudo dar la vuelta completa.',
    );
  });

  it('stays quiet on a chain that splits and joins again', () => {
    expect(
      run([
        ['a', 'b', '100'],
        ['a', 'c', '100'],
        ['b', 'd', '100'],
        ['c', 'd', '100'],
      ]),
    ).toEqual([]);
  });

  it('looks at each stage and currency on its own', () => {
    const approvedChain: FlowSpec[] = [
      ['a', 'b', '5000', 'approved'],
      ['b', 'c', '5000', 'approved'],
    ];
    expect(run([...approvedChain, ...triangle]).map((f) => [f.evidence.stage, f.amount])).toEqual([['paid', '600']]);
    expect(
      run([
        ['a', 'b', '100', 'approved'],
        ['b', 'a', '100', 'paid'],
        ['a', 'c', '100', 'paid', { currency: 'USD' }],
        ['c', 'a', '100', 'paid'],
      ]),
    ).toEqual([]);
  });

  it('reports, of a tangle of loops, the one that can have carried the most around', () => {
    // Loops: a-b-a (smallest hop 5), a-b-c-a (40), b-c-d-b (50): the widest is b-c-d-b.
    const [found, ...rest] = run([
      ['a', 'b', '100'],
      ['b', 'a', '5'],
      ['b', 'c', '50'],
      ['c', 'a', '40'],
      ['c', 'd', '80'],
      ['d', 'b', '70'],
    ]);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      nodes: ['b', 'c', 'd'],
      amount: '50',
      evidence: { hopAmounts: ['50', '80', '70'], componentNodes: 4, componentHops: 6 },
    });
    expect(found!.message.en).toContain('one of the loops among 4 bodies');
  });

  it('ignores hops that net to zero, and takes its minimum amount and stages from config', () => {
    expect(run([...triangle, ['c', 'a', '-600']])).toEqual([]);
    expect(run(triangle, { minAmount: '600' })).toEqual([]);
    expect(run(triangle, { minAmount: '599.99' }).map((f) => f.amount)).toEqual(['600']);
    expect(run(triangle, { stages: ['approved', 'exercised'] })).toEqual([]);
  });

  it('follows a loop through 50,000 bodies without running out of stack', () => {
    const graph = createFlowGraph();
    const size = 50_000;
    for (let n = 0; n < size; n++) addNode(graph, { id: `n${n}`, kind: 'intermediary' });
    // Hop n carries 1000 + n, so the smallest is the first, 1000.
    for (let n = 0; n < size; n++) addFlow(graph, { from: `n${n}`, to: `n${(n + 1) % size}`, amount: 1000 + n });
    const [found, ...rest] = flag(graph, { rules: ['cycle'] }).flags;
    expect(rest).toEqual([]);
    expect(found!.amount).toBe('1000');
    expect(found!.nodes).toHaveLength(size);
    expect(found!.nodes[0]).toBe('n0');
    expect(found!.message.en).toMatch(
      /^Money went n0 -> n1 -> n2 -> n3 -> \.\.\. 49994 more \.\.\. -> n49998 -> n49999 -> n0 /,
    );
  });
});
