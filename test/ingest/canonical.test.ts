import { describe, expect, it } from 'vitest';
import {
  IngestError,
  InvalidArgumentError,
  type IngestResult,
  UnreadableInputError,
  UnrecognizedFormatError,
} from '../../src/index.js';
import { READERS } from './readers.js';

const plainFlows = (result: IngestResult) => result.flows.map((flow) => ({ ...flow, amount: flow.amount.toFixed() }));

/**
 * The invariant behind "nothing is lost": every data row is counted exactly once. `recordsAfterHeader`, when given, is the number
 * of records after the header, counted by the test itself, so that a row the reader swallowed cannot hide.
 */
function expectBooksBalance(result: IngestResult, recordsAfterHeader?: number) {
  const { report } = result;
  if (recordsAfterHeader !== undefined) expect(report.rowsRead).toBe(recordsAfterHeader);
  expect(report.accepted + report.rejected + report.skipped).toBe(report.rowsRead);
  expect(Object.values(report.skippedByRule).reduce((a, b) => a + b, 0)).toBe(report.skipped);
  expect(new Set(report.issues.map((issue) => issue.row)).size).toBe(report.rejected);
  const records = result.flows.length + result.balances.length + result.watchlist.length;
  expect(records).toBe(report.accepted);
}

describe.each(READERS)('$name reads canonical tables', ({ read }) => {
  it('reads a flows table with every optional column into typed flow records', async () => {
    const text =
      'from,to,amount,stage,date,currency,from_kind,to_kind,from_name,to_name,from_tax_id,to_tax_id,reference,nota\n' +
      'ramo:12,pp:S072,"1,234.50",aprobado,,,agency,programme,Salud,Prospera,,,,primera\n' +
      'pp:S072,RFC:TCM951030A17,(10.00),paid,2016-03-31T12:00:00,usd,programme,recipient,,"Tiendas, S.A.",,tcm-951030-a17,C-77,\n';
    const result = await read(text);
    expectBooksBalance(result);
    expect(result.format).toBe('flows');
    expect(result.report).toMatchObject({ file: 'input', rowsRead: 2, accepted: 2, rejected: 0, skipped: 0 });
    expect(plainFlows(result)).toEqual([
      {
        from: { id: 'ramo:12', kind: 'agency', name: 'Salud' },
        to: { id: 'pp:S072', kind: 'programme', name: 'Prospera' },
        amount: '1234.5',
        currency: 'MXN',
        stage: 'approved',
        provenance: { file: 'input', firstRow: 2, lastRow: 2, rows: 1 },
        attributes: { nota: 'primera' },
      },
      {
        from: { id: 'pp:S072', kind: 'programme' },
        to: { id: 'RFC:TCM951030A17', kind: 'recipient', name: 'Tiendas, S.A.', taxId: 'TCM951030A17' },
        amount: '-10',
        currency: 'USD',
        stage: 'paid',
        date: '2016-03-31',
        reference: 'C-77',
        provenance: { file: 'input', firstRow: 3, lastRow: 3, rows: 1 },
      },
    ]);
  });

  it('reports every bad row with file, row, column, raw value and code, and drops none', async () => {
    const text = [
      'from,to,amount,stage,date,currency,from_kind',
      'a,b,100,paid,2024-01-31,MXN,agency', // row 2: fine
      'a,b,"12,34.5",paid,,,', // row 3: bad grouping
      'a,,7,paid,,,', // row 4: missing to
      'a,b,7,gastado,,,', // row 5: unknown stage
      'a,b,7,paid,2024-02-30,,', // row 6: impossible date
      'a,b,7,paid,,pesos,', // row 7: bad currency
      'a,b,7,paid,,,ministry', // row 8: unknown kind
      'a,a,7,paid,,,', // row 9: a flow to itself
      'a,b,7', // row 10: too few fields
      'a,b,7,paid,,,,extra', // row 11: too many fields
      ',,,,,,', // row 12: blank, skipped by rule
      'a,b,,paid,,,', // row 13: empty amount
      'b,c," -   ",paid,,,', // row 14: fine, zero
    ].join('\n');
    const result = await read(text);
    expectBooksBalance(result, 13);
    expect(result.report).toMatchObject({
      rowsRead: 13,
      accepted: 2,
      rejected: 10,
      skipped: 1,
      skippedByRule: { 'blank-row': 1 },
    });
    expect(result.report.issues.map(({ row, column, value, code }) => ({ row, column, value, code }))).toEqual([
      { row: 3, column: 'amount', value: '12,34.5', code: 'invalid_amount' },
      { row: 4, column: 'to', value: '', code: 'missing_field' },
      { row: 5, column: 'stage', value: 'gastado', code: 'unknown_stage' },
      { row: 6, column: 'date', value: '2024-02-30', code: 'bad_date' },
      { row: 7, column: 'currency', value: 'pesos', code: 'bad_currency' },
      { row: 8, column: 'from_kind', value: 'ministry', code: 'unknown_kind' },
      { row: 9, column: 'to', value: 'a', code: 'self_flow' },
      { row: 10, column: undefined, value: 'a,b,7', code: 'field_count' },
      { row: 11, column: undefined, value: 'a,b,7,paid,,,,extra', code: 'field_count' },
      { row: 13, column: 'amount', value: '', code: 'missing_field' },
    ]);
    expect(result.report.issues.every((issue) => issue.file === 'input' && issue.message.length > 0)).toBe(true);
    expect(plainFlows(result).map((flow) => flow.amount)).toEqual(['100', '0']);
  });

  it('reads UTF-8 with a BOM, CRLF, semicolons, quoted newlines and a trailing empty column', async () => {
    // A line break inside a quoted field comes out as \n, whatever the file used.
    const text = '\ufefffrom;to;amount;to_name;\r\nSEP;"UNAM";"1.234,5";"Universidad\r\nNacional; Autónoma";\r\n';
    const result = await read(text, { decimal: ',' });
    expectBooksBalance(result);
    expect(plainFlows(result)).toEqual([
      expect.objectContaining({ amount: '1234.5', to: { id: 'UNAM', name: 'Universidad\nNacional; Autónoma' } }),
    ]);
  });

  it('reads a tab-separated table with old Mac CR line ends', async () => {
    const result = await read('from\tto\tamount\rA\tB\t5\rA\tC\t6\r');
    expectBooksBalance(result);
    expect(plainFlows(result).map((flow) => `${flow.to.id}=${flow.amount}`)).toEqual(['B=5', 'C=6']);
  });

  it('scales amounts published in thousands', async () => {
    const result = await read('from,to,amount\nfed,ef:21,14269.084\n', { unit: 'thousands' });
    expect(plainFlows(result)[0]!.amount).toBe('14269084');
  });

  it('reads a balances table of a trust', async () => {
    const text =
      'node,period,opening,income,yield,expenses,closing\nfid:1,2016-Q1,"1,000",200,3.5,(50),"1,153.5"\nfid:1,2016-Q2,x,,,,1\n';
    const result = await read(text);
    expectBooksBalance(result);
    expect(result.format).toBe('balances');
    expect(
      result.balances.map((b) => [
        b.node,
        b.period,
        b.opening.toFixed(),
        b.income?.toFixed(),
        b.yield?.toFixed(),
        b.expenses?.toFixed(),
        b.closing.toFixed(),
      ]),
    ).toEqual([['fid:1', '2016-Q1', '1000', '200', '3.5', '-50', '1153.5']]);
    expect(result.report.issues).toEqual([
      expect.objectContaining({ row: 3, column: 'opening', value: 'x', code: 'invalid_amount' }),
    ]);
  });

  it('reads a watchlist with statuses and listing dates', async () => {
    const text =
      'tax_id,name,status,listed_on,source\nAAA-100101-AB1,"EMPRESA, SA",Definitivo,2019-05-02,SAT 69-B\nBBB100101AB2,OTRA,presunto,,\n,SIN RFC,presunto,,\n';
    const result = await read(text);
    expectBooksBalance(result);
    expect(result.format).toBe('watchlist');
    expect(
      result.watchlist.map(({ taxId, name, status, listedOn, source }) => ({ taxId, name, status, listedOn, source })),
    ).toEqual([
      { taxId: 'AAA100101AB1', name: 'EMPRESA, SA', status: 'definitivo', listedOn: '2019-05-02', source: 'SAT 69-B' },
      { taxId: 'BBB100101AB2', name: 'OTRA', status: 'presunto', listedOn: undefined, source: undefined },
    ]);
    expect(result.report.issues).toEqual([
      expect.objectContaining({ row: 4, column: 'tax_id', code: 'missing_field' }),
    ]);
  });

  it('strict mode throws an IngestError carrying the issues of the first bad row', async () => {
    const text = 'from,to,amount\na,b,1\na,b,uno\na,b,dos\n';
    const error = await read(text, { strict: true }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ name: 'IngestError', code: 'ingest_failed' });
    expect((error as IngestError).issues).toEqual([
      expect.objectContaining({ file: 'input', row: 3, column: 'amount', value: 'uno', code: 'invalid_amount' }),
    ]);
  });

  it('throws UnrecognizedFormatError for a header it does not know, and UnreadableInputError for no input', async () => {
    await expect(read('Ramo,Monto\n28,5\n')).rejects.toBeInstanceOf(UnrecognizedFormatError);
    await expect(read('')).rejects.toBeInstanceOf(UnreadableInputError);
  });

  it('throws InvalidArgumentError for a wrong option', async () => {
    await expect(read('from,to,amount\n', { defaultCurrency: 'pesos' })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('reports a row whose quotes never close, and reads the rows after it', async () => {
    const result = await read('from,to,amount\na,b,1\na,"b,2\nc,d,3\ne,f,4\n');
    expectBooksBalance(result, 4);
    expect(result.report).toMatchObject({ accepted: 3, rejected: 1 });
    expect(result.report.issues).toEqual([expect.objectContaining({ row: 3, code: 'malformed_quotes' })]);
    expect(result.flows.map((flow) => flow.to.id)).toEqual(['b', 'd', 'f']);
  });

  it('reads line ends that change from row to row, and CR-only files with a line break inside quotes', async () => {
    const mixed = await read('from,to,amount\r\nA,B,1\nC,D,2\rE,F,3\r\n');
    expectBooksBalance(mixed, 3);
    expect(mixed.flows.map((flow) => flow.to.id)).toEqual(['B', 'D', 'F']);
    const crOnly = await read('from,to,amount,to_name\rA,B,1,"x\ny"\rC,D,2,z\r');
    expectBooksBalance(crOnly, 2);
    expect(crOnly.flows.map((flow) => flow.to.name)).toEqual(['x\ny', 'z']);
  });

  it('keeps columns it does not know, even unnamed or repeated ones', async () => {
    const result = await read('from,to,amount,note,note,\nA,B,1,x,y,z\n');
    expect(result.flows[0]!.attributes).toEqual({ note: 'x', note_2: 'y', column_6: 'z' });
  });

  it('rejects an amount written in another currency than its row', async () => {
    const result = await read('from,to,amount,currency\nA,B,€1.234,MXN\nA,B,€5,EUR\nA,B,$5,USD\n');
    expectBooksBalance(result, 3);
    expect(result.report.issues).toEqual([
      expect.objectContaining({ row: 2, code: 'currency_mismatch', value: '€1.234' }),
    ]);
    expect(result.flows.map((flow) => `${flow.currency} ${flow.amount.toFixed()}`)).toEqual(['EUR 5', 'USD 5']);
  });

  it('skips title rows above the header, counting them under the rule preamble', async () => {
    const result = await read('Pagos del Fideicomiso,,\nActualizado al 30/11/2022,,\nfrom,to,amount\nA,B,1\n');
    expectBooksBalance(result, 3);
    expect(result.report).toMatchObject({ headerRow: 3, accepted: 1, skippedByRule: { preamble: 2 } });
    expect(result.flows[0]!.provenance.firstRow).toBe(4);
  });
});
