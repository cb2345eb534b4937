import { describe, expect, it } from 'vitest';
import { Decimal, flag, InvalidArgumentError } from '../../src/index.js';
import { FlowTable } from '../../src/flags/FlowTable.js';
import { GroupSums } from '../../src/flags/GroupSums.js';
import { Scratch } from '../../src/flags/Scratch.js';
import { graphOf } from './graphOf.js';

// The columns every built-in rule reads. Rules lean on their order (a payer's payments in date order, ties in the
// graph's order), which no rule's own output would show went wrong until a sum did.
describe('FlowTable, the flows as columns the rules share', () => {
  const graph = graphOf(
    [
      ['a', 'agency'],
      ['b', 'agency'],
      ['x', 'recipient'],
      ['y', 'recipient'],
    ],
    [
      ['b', 'x', '1', 'paid', { date: '2020-03-01' }],
      ['a', 'x', '2', 'paid', { date: '2020-02-01' }],
      ['a', 'y', '3', 'paid'],
      ['a', 'y', '4', 'paid', { date: '2020-01-15' }],
      ['a', 'x', '5', 'paid', { date: '2020-02-01', currency: 'USD' }],
      ['b', 'y', '6.125', 'approved', { period: '2020' }],
    ],
  );
  const table = new FlowTable(graph);
  const amountsOf = (rows: ArrayLike<number>) => Array.from(rows, (row) => table.flows[row]!.amount.toFixed());

  it('payments() lists dated flows by payer (in the order of their first dated flow), each in date order', () => {
    const { payers, start, rows } = table.payments();
    expect(Array.from(payers, (node) => table.nodes[node])).toEqual(['b', 'a']);
    expect(amountsOf(rows.subarray(start[0], start[1]))).toEqual(['1']);
    // The undated 3 is left out; the two flows of 2020-02-01 keep the graph's order.
    expect(amountsOf(rows.subarray(start[1], start[2]))).toEqual(['4', '2', '5']);
  });

  it('reads amounts as whole cents, NaN where they are not, and numbers currencies and periods as they come', () => {
    expect(Array.from(table.cents)).toEqual([100, 200, 300, 400, 500, Number.NaN]);
    expect(table.currencies).toEqual(['MXN', 'USD']);
    expect(Array.from(table.periods().codes)).toEqual([-1, -1, -1, -1, -1, 0]);
    expect(table.dates().names).toEqual(['2020-01-15', '2020-02-01', '2020-03-01']);
  });

  it("pairs() numbers only the (node, currency) pairs the flows form, each node's in currency order", () => {
    const pairs = table.pairs();
    const named = (pair: number) => `${table.nodes[pairs.node[pair]!]}/${table.currencies[pairs.currency[pair]!]}`;
    expect(Array.from({ length: pairs.count }, (_, pair) => named(pair)).sort()).toEqual(
      ['a/MXN', 'a/USD', 'b/MXN', 'x/MXN', 'x/USD', 'y/MXN'].sort(),
    );
    const a = table.nodes.indexOf('a');
    expect(Array.from(pairs.byNode.subarray(pairs.start[a], pairs.start[a + 1]), named)).toEqual(['a/MXN', 'a/USD']);
    expect(named(pairs.toPair[4]!)).toBe('x/USD');
  });

  it('refuses a flow whose stage it does not know, rather than reading it as another stage', () => {
    const bad = graphOf(
      [
        ['a', 'agency'],
        ['b', 'agency'],
      ],
      [['a', 'b', '1', 'approved']],
    );
    const edge = bad.edges()[0]!;
    bad.setEdgeAttribute(edge, 'stage', 'Approved' as never);
    expect(() => flag(bad)).toThrow(InvalidArgumentError);
    // The error names the graph as the argument, and the flow and the value it could not read.
    let thrown: unknown;
    try {
      flag(bad);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'invalid_argument', argument: 'graph' });
    expect((thrown as Error).message).toContain(edge);
    expect((thrown as Error).message).toContain('"Approved"');
  });
});

describe('GroupSums adds up as Decimals would', () => {
  // Each group's rows as amounts; the expected sum is added up in plain Decimals, one by one.
  const cases: Record<string, string[]> = {
    'whole cents': ['1.10', '2.20', '-0.30'],
    'a third decimal midway': ['1.10', '0.005', '2.20'],
    // Each below 10^13, so read as cents; together past 2^53 cents, where a float would round an odd count of cents.
    'a sum past 2^53 cents': [...Array<string>(11).fill('9000000000000.99'), '0.01', '3'],
    'negative zero alone': ['-0'],
  };
  for (const [name, amounts] of Object.entries(cases)) {
    it(`${name}: ${amounts.join(' + ')}`, () => {
      const graph = graphOf(
        [
          ['a', 'agency'],
          ['b', 'agency'],
        ],
        amounts.map((amount): [string, string, string] => ['a', 'b', amount]),
      );
      const table = new FlowTable(graph);
      const sums = new GroupSums(2, table, new Scratch());
      for (let row = 0; row < table.size; row++) sums.add(1, row);
      const expected = amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0));
      expect(sums.value(1).toFixed()).toBe(expected.toFixed());
      expect(sums.counts[1]).toBe(amounts.length);
      expect(sums.has(0)).toBe(false);
    });
  }
});
