import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_MAPPING, generateBudgetLines, generatePayments } from '../../scripts/bench/generateFiles.js';
import { ingestWithDuckDb } from '../../src/node/duckdb/ingestWithDuckDb.js';
import type { Mapping } from '../../src/ingest/mapping/Mapping.js';
import type { IngestResult } from '../../src/ingest/records.js';
import { Decimal } from '../../src/money/Decimal.js';
import { buildFlowGraph } from '../../src/model/buildFlowGraph.js';
import { ingestFile } from '../../src/node/ingestFile.js';

const ROWS = 20_000;
const mapping = BUDGET_MAPPING as unknown as Mapping;
let dir: string;
const path = (name: string) => join(dir, name);

/** Each flow by its key, with everything the grain promises to keep; amounts as exact decimal text. */
function byKey(result: IngestResult) {
  const flows = new Map<string, object>();
  for (const flow of result.flows) {
    const key = [flow.from.id, flow.to.id, flow.stage, flow.currency, flow.period ?? ''].join('|');
    expect(flows.has(key)).toBe(false);
    flows.set(key, {
      amount: flow.amount.toFixed(),
      provenance: flow.provenance,
      date: flow.date,
      reference: flow.reference,
      from: flow.from,
      to: flow.to,
    });
  }
  return flows;
}

/** Reads an amount written `units.cents` as whole cents, with string and BigInt arithmetic only. */
const cents = (text: string) => {
  const [units, fraction = ''] = text.split('.');
  return BigInt(units!) * 100n + BigInt(fraction.padEnd(2, '0'));
};

const sumCents = (result: IngestResult, stage?: string) =>
  result.flows
    .filter((flow) => stage === undefined || flow.stage === stage)
    .reduce((sum, flow) => sum.plus(flow.amount), new Decimal(0))
    .times(100)
    .toFixed();

async function toParquet(csv: string, parquet: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cauce-duckdb-'));
  await generatePayments(path('payments.csv'), ROWS);
  await generateBudgetLines(path('budget.csv'), ROWS);
  await toParquet(path('payments.csv'), path('payments.parquet'));
  await toParquet(path('budget.csv'), path('budget.parquet'));
  writeFileSync(path('payments.csv.gz'), gzipSync(readFileSync(path('payments.csv'))));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ingestWithDuckDb on the canonical flows table', () => {
  it('ingestWithDuckDb(csv), (parquet), (csv.gz) give the flows ingestFile gives at the flows grain', async () => {
    const file = 'payments.csv';
    const inProcess = await ingestFile(path('payments.csv'), { aggregate: 'flows', file });
    const expected = byKey(inProcess);
    for (const name of ['payments.csv', 'payments.parquet', 'payments.csv.gz']) {
      const result = await ingestWithDuckDb(path(name), { file });
      expect(byKey(result)).toEqual(expected);
      // The same order too: flows in the order of their first row, as the in-process reader adds them.
      expect(result.flows.map((flow) => flow.provenance.firstRow)).toEqual(
        inProcess.flows.map((flow) => flow.provenance.firstRow),
      );
      expect(result.report).toMatchObject({ format: 'flows', rowsRead: ROWS, accepted: ROWS, rejected: 0, skipped: 0 });
      expect(result.report.issues).toEqual([]);
    }
  });

  it('ingestWithDuckDb(csv) adds up to the total and pairs of the file, read with string arithmetic', async () => {
    // Independent of cauce and DuckDB: split each line of the generated file (it has no quotes), sum the amounts as
    // BigInt cents, and count the distinct payer-payee pairs (every row is stage paid, currency MXN, no period).
    const lines = readFileSync(path('payments.csv'), 'utf8').trimEnd().split('\n').slice(1);
    expect(lines).toHaveLength(ROWS);
    let total = 0n;
    const pairs = new Set<string>();
    for (const line of lines) {
      const [from, to, amount] = line.split(',');
      total += cents(amount!);
      pairs.add(`${from}|${to}`);
    }
    const result = await ingestWithDuckDb(path('payments.csv'));
    expect(sumCents(result)).toBe(total.toString());
    expect(result.flows).toHaveLength(pairs.size);
    expect(result.flows.reduce((rows, flow) => rows + flow.provenance.rows, 0)).toBe(ROWS);
    // buildFlowGraph takes the engine's result like any other.
    const graph = buildFlowGraph([result]);
    expect(graph.size).toBe(pairs.size);
  });
});

describe('ingestWithDuckDb with a mapping', () => {
  it('ingestWithDuckDb(csv | parquet, { mapping }) gives the flows of ingestFile at the flows grain', async () => {
    const file = 'budget.csv';
    const inProcess = await ingestFile(path('budget.csv'), { mapping, aggregate: 'flows', file });
    const expected = byKey(inProcess);
    for (const name of ['budget.csv', 'budget.parquet']) {
      const result = await ingestWithDuckDb(path(name), { mapping, file });
      expect(byKey(result)).toEqual(expected);
      expect(result.report).toMatchObject({
        format: 'flows',
        mapping: 'bench-budget-lines',
        rowsRead: ROWS,
        accepted: ROWS,
        rejected: 0,
        skipped: 0,
      });
    }
  });

  it('ingestWithDuckDb(csv, { mapping }) sums each stage to twice its column, read with string arithmetic', async () => {
    // Independent of cauce and DuckDB: each row makes two flows per amount (ramo -> ur -> pp), so a stage's flows
    // add up to twice the column's sum, in BigInt cents.
    const lines = readFileSync(path('budget.csv'), 'utf8').trimEnd().split('\n').slice(1);
    const columns = { approved: 5, modified: 6, exercised: 7 };
    const result = await ingestWithDuckDb(path('budget.csv'), { mapping });
    for (const [stage, at] of Object.entries(columns)) {
      const total = lines.reduce((sum, line) => sum + cents(line.split(',')[at]!), 0n);
      expect(sumCents(result, stage)).toBe((2n * total).toString());
    }
  });
});

describe('ingestWithDuckDb reports the rows it rejects', () => {
  const text =
    'from,to,amount,stage,date,to_name\n' +
    'a,b,1.50,paid,2016-01-01,B Co\n' + // 2
    'a,b,2.25,pagado,2016-01-01,B Other\n' + // 3: same flow, same date
    'x,,3,,,\n' + // 4: empty to
    'a,a,4,,,\n' + // 5: a payer that is its payee
    'a,c,12.3.4,,,\n' + // 6: not an amount
    ',,,,,\n' + // 7: blank
    'a,b,7,,2016-01-02,\n' + // 8: another date: the flow keeps none
    ' ,b,abc,zz,2016-02-30,\n'; // 9: four problems

  it('ingestWithDuckDb counts and reports them with the rows and issues of the in-process reader', async () => {
    writeFileSync(path('bad.csv'), text);
    const result = await ingestWithDuckDb(path('bad.csv'), { file: 'bad.csv' });
    const inProcess = await ingestFile(path('bad.csv'), { aggregate: 'flows', file: 'bad.csv' });
    expect(result.report).toMatchObject({
      rowsRead: 8,
      accepted: 3,
      rejected: 4,
      skipped: 1,
      skippedByRule: { 'blank-row': 1 },
    });
    expect(inProcess.report).toMatchObject({ rowsRead: 8, accepted: 3, rejected: 4, skipped: 1 });
    const where = ({ row, code, column, value }: { row: number; code: string; column?: string; value?: string }) => ({
      row,
      code,
      column,
      value,
    });
    expect(result.report.issues.map(where)).toEqual([
      { row: 4, code: 'missing_field', column: 'to', value: '' },
      { row: 5, code: 'self_flow', column: 'to', value: 'a' },
      { row: 6, code: 'invalid_amount', column: 'amount', value: '12.3.4' },
      { row: 9, code: 'missing_field', column: 'from', value: ' ' },
      { row: 9, code: 'invalid_amount', column: 'amount', value: 'abc' },
      { row: 9, code: 'unknown_stage', column: 'stage', value: 'zz' },
      { row: 9, code: 'bad_date', column: 'date', value: '2016-02-30' },
    ]);
    expect(inProcess.report.issues.map(where)).toEqual(result.report.issues.map(where));
    expect(byKey(result)).toEqual(byKey(inProcess));
    expect(result.flows.map((flow) => [flow.amount.toFixed(), flow.date, flow.provenance.rows])).toEqual([
      ['10.75', undefined, 3],
    ]);
  });

  it('ingestWithDuckDb keeps cells of columns cauce has no field for under the names the in-process reader gives', async () => {
    // A repeated name gets _2, a column with no name column_N. Both engines label them through extraColumns, but the
    // DuckDB engine reads the header its own way (DuckDB renames repeated and blank names): this pins the labels.
    writeFileSync(path('extras.csv'), 'from,to,amount,note,note,\na,b,1,first,second,third\nc,d,2,,,\n');
    const result = await ingestWithDuckDb(path('extras.csv'), { file: 'extras.csv' });
    const inProcess = await ingestFile(path('extras.csv'), { aggregate: 'flows', file: 'extras.csv' });
    const attributes = (ingested: IngestResult) => ingested.flows.map((flow) => flow.attributes);
    expect(attributes(result)).toEqual([{ note: 'first', note_2: 'second', column_6: 'third' }, undefined]);
    expect(attributes(inProcess)).toEqual(attributes(result));
  });

  it('ingestWithDuckDb returns at most maxIssues issues, and counts every rejected row', async () => {
    writeFileSync(path('bad.csv'), text);
    const result = await ingestWithDuckDb(path('bad.csv'), { maxIssues: 2 });
    expect(result.report.rejected).toBe(4);
    expect(result.report.issues.map((issue) => issue.row)).toEqual([4, 5]);
  });

  it('ingestWithDuckDb with strict throws an IngestError with the issues of the first rejected row', async () => {
    writeFileSync(path('bad.csv'), text);
    await expect(ingestWithDuckDb(path('bad.csv'), { strict: true })).rejects.toMatchObject({
      name: 'IngestError',
      code: 'ingest_failed',
      issues: [expect.objectContaining({ row: 4, code: 'missing_field', column: 'to' })],
    });
  });

  it('ingestWithDuckDb rejects an amount with more decimals than the scale instead of rounding it', async () => {
    writeFileSync(path('digits.csv'), 'from,to,amount\na,b,0.1234567\na,b,0.1200000\n');
    const result = await ingestWithDuckDb(path('digits.csv'), { scale: 6 });
    expect(result.report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(result.report.issues[0]).toMatchObject({ row: 2, code: 'invalid_amount', value: '0.1234567' });
    expect(result.flows[0]!.amount.toFixed()).toBe('0.12');
    const wider = await ingestWithDuckDb(path('digits.csv'), { scale: 7 });
    expect(wider.flows[0]!.amount.toFixed()).toBe('0.2434567');
  });

  it('ingestWithDuckDb of a missing file is an UnreadableInputError', async () => {
    await expect(ingestWithDuckDb(path('nothing.csv'))).rejects.toMatchObject({
      name: 'UnreadableInputError',
      code: 'unreadable_input',
    });
  });
});
