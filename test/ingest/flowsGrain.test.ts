import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { Decimal, type FlowRecord, type IngestResult, ingestCsv, ingestCsvStream } from '../../src/index.js';
import { byteStream, READERS } from './readers.js';

// The `flows` grain must be a GROUP BY (ends, stage, currency, period) of the rows, whatever reads them: the fast
// byte reader, or the full reader that takes text. The reference here groups the one-flow-per-row reading in plain
// code, with Decimal sums, independently of the accumulator's integer arithmetic.
function groupByFlow(perRow: FlowRecord[]): Map<string, object> {
  const groups = new Map<string, { rows: FlowRecord[] }>();
  for (const flow of perRow) {
    const key = [flow.from.id, flow.to.id, flow.stage, flow.currency, flow.period ?? '-'].join('|');
    const group = groups.get(key) ?? { rows: [] };
    group.rows.push(flow);
    groups.set(key, group);
  }
  const expected = new Map<string, object>();
  for (const [key, { rows }] of groups) {
    const first = rows.reduce((a, b) => (a.provenance.firstRow <= b.provenance.firstRow ? a : b));
    const same = (field: 'date' | 'reference') => rows.every((row) => row[field] === rows[0]![field]);
    expected.set(key, {
      from: first.from,
      to: first.to,
      amount: rows.reduce((sum, row) => sum.plus(row.amount), new Decimal(0)).toString(),
      rows: rows.length,
      firstRow: Math.min(...rows.map((row) => row.provenance.firstRow)),
      lastRow: Math.max(...rows.map((row) => row.provenance.lastRow)),
      date: same('date') ? rows[0]!.date : undefined,
      reference: same('reference') ? rows[0]!.reference : undefined,
    });
  }
  return expected;
}

function asGroups(result: IngestResult): Map<string, object> {
  const actual = new Map<string, object>();
  for (const flow of result.flows) {
    const key = [flow.from.id, flow.to.id, flow.stage, flow.currency, flow.period ?? '-'].join('|');
    expect(actual.has(key), `one flow per key: ${key}`).toBe(false);
    actual.set(key, {
      from: flow.from,
      to: flow.to,
      amount: flow.amount.toString(),
      rows: flow.provenance.rows,
      firstRow: flow.provenance.firstRow,
      lastRow: flow.provenance.lastRow,
      date: flow.date,
      reference: flow.reference,
    });
  }
  return actual;
}

const books = ({ report }: IngestResult) => ({
  rowsRead: report.rowsRead,
  accepted: report.accepted,
  rejected: report.rejected,
  skipped: report.skipped,
  skippedByRule: report.skippedByRule,
  issues: report.issues,
});

async function expectSameAsPerRow(text: string, read: (text: string) => Promise<IngestResult>): Promise<void> {
  const perRow = ingestCsv(text, { aggregate: false });
  const grouped = await read(text);
  expect(books(grouped)).toEqual(books(perRow));
  expect(asGroups(grouped)).toEqual(groupByFlow(perRow.flows));
}

const TABLES: Record<string, string> = {
  'payments to the same payee on several dates add up, the date dropped':
    'from,to,amount,date,reference\nSEP,ACME,100.50,2016-01-02,C-1\nSEP,ACME,0.25,2016-03-04,C-1\nSEP,BETA,7,2016-01-02,\n',
  'rows that share a date and reference keep them':
    'from,to,amount,date,reference\na,b,1,2016-01-01,R\na,b,2,2016-01-01,R\n',
  'stages, currencies and periods are flows of their own':
    'from,to,amount,stage,currency,period\na,b,1,paid,MXN,2016\na,b,2,pagado,mxn,2016\na,b,3,approved,MXN,2016\na,b,4,paid,USD,2016\na,b,5,paid,MXN,2017\na,b,6,,,\n',
  'bad rows go to the full reader and are rejected with its issues':
    'from,to,amount,stage,date\na,b,1.5,paid,2016-01-01\n,b,2,paid,\na,a,3,paid,\na,b,x,paid,\na,b,4,bogus,\na,b,5,paid,2016-02-30\na,b,"1,234.50",paid,\na,b,$6,paid,\na,b,007,paid,\na,b,-0,paid,\na,b,12345678901234567,paid,\n',
  'blank rows, short rows and long rows': 'from,to,amount\na,b,1\n\n,,\na,b\na,b,2,\na,b,3,x\n',
  'CRLF line ends and spaces around cells': 'from,to,amount\r\n a ,b , 1.25 \r\na,b,2\r\n',
  'quoted cells, with and without delimiters inside':
    'from,to,amount,to_name\n"a","b","3.5","Constructora del Sur, SA"\na,b,1,"Dice ""hola"""\na,b,2,plain\n',
  'a quoted line break hands the rest to the full reader':
    'from,to,amount,to_name\na,b,1,x\na,b,2,"two\nlines"\na,b,3,y\n',
  'a lone CR hands the rest to the full reader': 'from,to,amount\na,b,1\ra,b,2\na,c,3\n',
  'kinds, names and tax ids of the first row describe the flow':
    'from,to,amount,from_kind,to_kind,to_name,to_tax_id\nSEP,X,1,agency,recipient,Uno,abc-010101-xy9\nSEP,X,2,agency,recipient,Otro,ZZZ999999ZZZ\nSEP,Y,2,agency,bad kind,Y,\n',
  'an HXL row under the header is skipped': 'from,to,amount\n#org,#org,#value\na,b,1\n',
  'a preamble above the header': 'Pagos 2016\n\nfrom,to,amount\na,b,1\na,b,2\n',
  'accents, and no line end after the last row':
    'from,to,amount,to_name\nCámara,Diputación,1.10,Señor Núñez\nCámara,Diputación,2.20,Otro',
  'sums past the safe integers stay exact':
    'from,to,amount\na,b,999999999999999\na,b,999999999999999\na,b,0.000000000000001\na,b,123456789012345.6\n',
  'units scaled, negative amounts, a column order of its own':
    'amount,to,from,stage\n-1.5,b,a,paid\n2.25,b,a,paid\n0,b,a,paid\n',
  // The blank line sends the row under the header to the full reader, so that the rows after it take the fast one.
  'a node paid and then paying keeps each end described as its own columns say':
    'from,to,amount,to_name\n\np,x,1,E\nx,q,2,\n',
  'a tax id given for one end only stays on that end': 'from,to,amount,from_tax_id\n\nx,y,1,ABC010101XY9\nz,x,2,\n',
  'kinds are read per end': 'from,to,amount,from_kind,to_kind\n\nx,y,1,agency,recipient\nz,x,2,agency,recipient\n',
  'a byte-order mark inside a cell is a character of it, not a mark to drop':
    'amount,from,to\n1,a,b\n\ufeff2,a,b\n\ufeff"3",a,b\na,b,\ufeffx\n',
  'extra columns keep rows apart as flows with attributes': 'from,to,amount,note\na,b,1,x\na,b,2,\na,b,3,y\n',
};

describe("the flows grain (aggregate: 'flows')", () => {
  for (const reader of READERS) {
    describe(reader.name, () => {
      for (const [name, text] of Object.entries(TABLES)) {
        if (name.startsWith('extra columns')) continue;
        it(name, async () => {
          await expectSameAsPerRow(text, (input) => reader.read(input, { aggregate: 'flows' }));
        });
      }
    });
  }

  it('adds up to exact figures: 100.75 for two payments of one payee, the date and reference dropped', async () => {
    const result = await ingestCsvStream(byteStream(new TextEncoder().encode(TABLES[Object.keys(TABLES)[0]!]!), 64), {
      aggregate: 'flows',
    });
    expect(result.flows.map((flow) => [flow.to.id, flow.amount.toString(), flow.date, flow.reference])).toEqual([
      ['ACME', '100.75', undefined, 'C-1'],
      ['BETA', '7', '2016-01-02', undefined],
    ]);
    expect(result.flows[0]!.provenance).toEqual({ file: 'input', firstRow: 2, lastRow: 3, rows: 2 });
  });

  it('keeps rows with columns of their own apart, in the order they came', async () => {
    const result = await ingestCsvStream(
      byteStream(new TextEncoder().encode(TABLES['extra columns keep rows apart as flows with attributes']!), 5),
      {
        aggregate: 'flows',
      },
    );
    expect(result.flows.map((flow) => [flow.amount.toString(), flow.attributes])).toEqual([
      ['1', { note: 'x' }],
      ['2', undefined],
      ['3', { note: 'y' }],
    ]);
  });

  it('sums in thousands shift the scale exactly', async () => {
    const result = await ingestCsvStream(
      byteStream(new TextEncoder().encode('from,to,amount\na,b,1.5\na,b,0.0005\n'), 9),
      {
        aggregate: 'flows',
        unit: 'thousands',
      },
    );
    expect(result.flows[0]!.amount.toString()).toBe('1500.5');
  });

  it('the shipped Ramo 23 flows read the same at the flows grain by bytes and by text', async () => {
    const text = gunzipSync(readFileSync(new URL('../../data/ramo23-2016-flows.csv.gz', import.meta.url))).toString(
      'latin1',
    );
    await expectSameAsPerRow(text, (input) => READERS[2]!.read(input, { aggregate: 'flows' }));
  });

  it('random tables of good, bad and messy cells, in random chunks and in two encodings, read as the per-row grouping', async () => {
    const id = fc.constantFrom('a', 'b', ' a', 'Cámara', '"b"', '', 'c');
    const amount = fc.constantFrom(
      '1',
      '1.50',
      '-2.25',
      '0',
      '-0',
      '007',
      '"1,234.5"',
      '$5',
      'x',
      '',
      ' 3.5 ',
      '0.001',
      '99999999999999.99',
    );
    const stage = fc.constantFrom('', 'paid', 'Pagado', 'approved', 'bogus');
    const date = fc.constantFrom('', '2016-01-31', '2016-02-30', '2016-01-31T10:00:00Z', '2016-12-01');
    const reference = fc.constantFrom('', 'C-1', 'C-2', ' C-1 ');
    const row = fc.tuple(id, id, amount, stage, date, reference).map((cells) => cells.join(','));
    const table = fc.record({
      rows: fc.array(fc.oneof({ weight: 9, arbitrary: row }, fc.constant(''), fc.constant('a,b')), { maxLength: 40 }),
      crlf: fc.boolean(),
      latin1: fc.boolean(),
      chunk: fc.integer({ min: 1, max: 64 }),
    });
    await fc.assert(
      fc.asyncProperty(table, async ({ rows, crlf, latin1, chunk }) => {
        const end = crlf ? '\r\n' : '\n';
        const text = ['from,to,amount,stage,date,reference', ...rows].join(end) + end;
        const bytes = latin1 ? Uint8Array.from(text, (char) => char.charCodeAt(0)) : new TextEncoder().encode(text);
        const perRow = ingestCsv(bytes, { aggregate: false });
        const grouped = await ingestCsvStream(byteStream(bytes, chunk), { aggregate: 'flows' });
        expect(books(grouped)).toEqual(books(perRow));
        expect(asGroups(grouped)).toEqual(groupByFlow(perRow.flows));
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});
