import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFlowGraph,
  CauceError,
  Decimal,
  type FlowGraph,
  ingestCsv,
  parseAmount,
  toFlowsCsv,
} from '../../src/index.js';

/**
 * Properties over random flow tables that mix good and bad cells. The expected sums are computed here, with Decimal,
 * from the rows the test generated as good: never from what cauce read.
 */

const SEED = 20240229;
const RUNS = 60;

const ids = fc.constantFrom('a', 'b', 'c', 'ramo:12', 'pp:S072', '😀', 'Café', '__proto__', 'constructor');
// Exact amounts as text: up to 15 integer digits and 2 decimals, signed.
const goodAmount = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 99 }))
  .map(([negative, units, cents]) => `${negative ? '-' : ''}${units}.${String(cents).padStart(2, '0')}`);
const badAmount = fc.constantFrom('1e308', 'NaN', 'Infinity', '--5', 'abc', '12,34.5', '1'.repeat(41), '0x10');

type GeneratedRow =
  | { kind: 'good'; from: string; to: string; amount: string }
  | { kind: 'bad'; from: string; to: string; amount: string }
  | { kind: 'blank' };

const goodRow = fc
  .tuple(ids, ids, goodAmount)
  .filter(([from, to]) => from !== to)
  .map(([from, to, amount]): GeneratedRow => ({ kind: 'good', from, to, amount }));
const badRow = fc.oneof(
  fc.tuple(ids, ids, badAmount).map(([from, to, amount]): GeneratedRow => ({ kind: 'bad', from, to, amount })),
  fc.tuple(ids, goodAmount).map(([from, amount]): GeneratedRow => ({ kind: 'bad', from, to: from, amount })),
  goodAmount.map((amount): GeneratedRow => ({ kind: 'bad', from: '   ', to: 'b', amount })),
);
const rows = fc.array(
  fc.oneof({ weight: 4, arbitrary: goodRow }, badRow, fc.constant<GeneratedRow>({ kind: 'blank' })),
  {
    maxLength: 40,
  },
);

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
const toCsv = (table: GeneratedRow[]) =>
  'from,to,amount\n' +
  table
    .map((row) => (row.kind === 'blank' ? ',,\n' : `${quote(row.from)},${quote(row.to)},${quote(row.amount)}\n`))
    .join('');

const goodSum = (table: GeneratedRow[]) =>
  table.reduce((sum, row) => (row.kind === 'good' ? sum.plus(new Decimal(row.amount)) : sum), new Decimal(0));

const graphTotal = (graph: FlowGraph) => {
  let total = new Decimal(0);
  graph.forEachEdge((_edge, attributes) => {
    total = total.plus(attributes.amount);
  });
  return total;
};

/** A graph's flows as plain, sorted text: ends, amount, stage and currency. */
const flowsOf = (graph: FlowGraph) =>
  graph
    .mapEdges(
      (_edge, attributes, from, to) =>
        `${from}>${to}:${attributes.amount.toFixed()}:${attributes.stage}:${attributes.currency}`,
    )
    .sort();

describe('random flow tables', () => {
  it('every row is counted once and the accepted money is exactly the sum of the good rows', () => {
    fc.assert(
      fc.property(rows, (table) => {
        const { report, flows } = ingestCsv(toCsv(table));
        expect(report.rowsRead).toBe(table.length);
        expect(report.accepted + report.rejected + report.skipped).toBe(report.rowsRead);
        expect(report.accepted).toBe(table.filter((row) => row.kind === 'good').length);
        expect(report.rejected).toBe(table.filter((row) => row.kind === 'bad').length);
        expect(report.skippedByRule).toEqual(
          table.some((row) => row.kind === 'blank')
            ? { 'blank-row': table.filter((row) => row.kind === 'blank').length }
            : {},
        );
        const sum = flows.reduce((total, flow) => total.plus(flow.amount), new Decimal(0));
        expect(sum.toFixed()).toBe(goodSum(table).toFixed());
        if (flows.length > 0) expect(graphTotal(buildFlowGraph(ingestCsv(toCsv(table)))).toFixed()).toBe(sum.toFixed());
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('the money of a table does not depend on the order of its rows', () => {
    fc.assert(
      fc.property(
        rows.chain((table) => fc.tuple(fc.constant(table), fc.shuffledSubarray(table, { minLength: table.length }))),
        ([table, shuffled]) => {
          const total = (text: string) => graphTotal(buildFlowGraph(ingestCsv(text))).toFixed();
          expect(total(toCsv(shuffled))).toBe(total(toCsv(table)));
          expect(total(toCsv(table))).toBe(goodSum(table).toFixed());
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('toFlowsCsv then ingestCsv then buildFlowGraph gives back the same flows', () => {
    fc.assert(
      fc.property(rows, (table) => {
        const graph = buildFlowGraph(ingestCsv(toCsv(table)));
        const again = buildFlowGraph(ingestCsv(toFlowsCsv(graph, { neutralizeFormulas: false })));
        expect(flowsOf(again)).toEqual(flowsOf(graph));
        expect(graphTotal(again).toFixed()).toBe(goodSum(table).toFixed());
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('whatever the bytes', () => {
  /** Runs `run` and returns what it threw, if anything that is not one of cauce's typed errors. */
  const untyped = (run: () => unknown): unknown => {
    try {
      run();
      return undefined;
    } catch (error) {
      return error instanceof CauceError ? undefined : error;
    }
  };

  it('parseAmount never throws for any string, and what it accepts is a finite Decimal', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'0123456789.,-+()$e ') })),
        fc.constantFrom<'.' | ','>('.', ','),
        (raw, decimal) => {
          const result = parseAmount(raw, { decimal });
          if (result.ok) expect(result.value.isFinite()).toBe(true);
          else expect(typeof result.code).toBe('string');
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('ingestCsv throws nothing but CauceError for random bytes and random text, with or without a flows header', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc
            .uint8Array({ maxLength: 300 })
            .map((bytes) => new Uint8Array([...new TextEncoder().encode('from,to,amount\n'), ...bytes])),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }).map((text) => `from,to,amount\n${text}`),
        ),
        (input) => {
          expect(
            untyped(() => {
              const result = ingestCsv(input);
              const { report } = result;
              expect(report.accepted + report.rejected + report.skipped).toBe(report.rowsRead);
              buildFlowGraph(result);
            }),
          ).toBeUndefined();
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
