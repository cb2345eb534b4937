import { describe, expect, it } from 'vitest';
import { byteStream } from '../ingest/readers.js';
import {
  buildFlowGraph,
  CauceError,
  Decimal,
  type IngestResult,
  ingestCsv,
  ingestCsvStream,
  UnrecognizedFormatError,
} from '../../src/index.js';

/**
 * A corpus of hostile inputs, generated here rather than stored: each is read by `ingestCsv` and by
 * `ingestCsvStream` (in small chunks, so that every cut falls somewhere awkward), and each must give exact books,
 * exact issues and an exact total of the accepted money, or a typed error. Expected totals are the sums of the
 * accepted rows' amounts, added by hand from the text of each case.
 */

const encode = (text: string) => new TextEncoder().encode(text);

/**
 * Both readers, on the same bytes: whole, and streamed in 7-byte chunks (which cut UTF-8 characters in two), or in
 * 64 KiB chunks past a megabyte so that the 10 MB cases stay fast.
 */
const READERS = [
  { name: 'ingestCsv', read: async (bytes: Uint8Array) => ingestCsv(bytes) },
  {
    name: 'ingestCsvStream',
    read: (bytes: Uint8Array) => ingestCsvStream(byteStream(bytes, bytes.length > 1 << 20 ? 1 << 16 : 7)),
  },
];

interface Expected {
  rowsRead: number;
  accepted: number;
  rejected: number;
  skipped?: number;
  issues: Array<{ row: number; column?: string; code: string }>;
  total: string;
  nodes: string[];
}

function expectOutcome(result: IngestResult, expected: Expected) {
  const { report } = result;
  const skipped = expected.skipped ?? 0;
  expect(report).toMatchObject({
    rowsRead: expected.rowsRead,
    accepted: expected.accepted,
    rejected: expected.rejected,
    skipped,
  });
  expect(report.accepted + report.rejected + report.skipped).toBe(report.rowsRead);
  expect(result.flows).toHaveLength(expected.accepted);
  expect(report.issues.map(({ row, column, code }) => ({ row, column, code }))).toEqual(
    expected.issues.map(({ row, column, code }) => ({ row, column, code })),
  );
  const sum = result.flows.reduce((total, flow) => total.plus(flow.amount), new Decimal(0));
  expect(sum.toFixed()).toBe(expected.total);
  const graph = buildFlowGraph(result);
  expect(graph.nodes().sort()).toEqual([...expected.nodes].sort());
  let graphTotal = new Decimal(0);
  graph.forEachEdge((_edge, attributes) => {
    graphTotal = graphTotal.plus(attributes.amount);
  });
  expect(graphTotal.toFixed()).toBe(expected.total);
}

describe.each(READERS)('$name on hostile input', ({ read }) => {
  it('a file cut inside a quoted field rejects only the cut row as malformed_quotes', async () => {
    const result = await read(encode('from,to,amount,to_name\na,b,10,x\na,c,5,"Caf'));
    expectOutcome(result, {
      rowsRead: 2,
      accepted: 1,
      rejected: 1,
      issues: [{ row: 3, code: 'malformed_quotes' }],
      total: '10',
      nodes: ['a', 'b'],
    });
  });

  it('a file cut inside a quoted field and inside a UTF-8 character rejects the cut row and says the bytes were mixed', async () => {
    const bytes = encode('from,to,amount,to_name\na,b,10,x\na,c,5,"Café');
    const result = await read(bytes.slice(0, bytes.length - 1)); // the last byte of é is gone
    expectOutcome(result, {
      rowsRead: 2,
      accepted: 1,
      rejected: 1,
      issues: [{ row: 3, code: 'malformed_quotes' }],
      total: '10',
      nodes: ['a', 'b'],
    });
    expect(result.report.mixedEncoding).toBe(true);
  });

  it('a NUL byte in an amount rejects the row; one inside an id is kept as written', async () => {
    const result = await read(encode('from,to,amount\na\u0000x,b,10\na,b,1\u00002\n'));
    expectOutcome(result, {
      rowsRead: 2,
      accepted: 1,
      rejected: 1,
      issues: [{ row: 3, column: 'amount', code: 'invalid_amount' }],
      total: '10',
      nodes: ['a\u0000x', 'b'],
    });
  });

  it('a UTF-8 file with a windows-1252 line pasted at its end reads both parts right and says it was mixed', async () => {
    const utf8 = encode('from,to,amount,to_name\na,b,10,Café\na,c,1,Año\na,d,2,Niño\na,e,3,Más\n');
    const windows1252 = new Uint8Array([...encode('c,d,5,Caf'), 0xe9, 0x0a]); // é in windows-1252
    const result = await read(new Uint8Array([...utf8, ...windows1252]));
    expectOutcome(result, {
      rowsRead: 5,
      accepted: 5,
      rejected: 0,
      issues: [],
      total: '21',
      nodes: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(result.report.mixedEncoding).toBe(true);
    expect(result.flows.map((flow) => flow.to.name)).toEqual(['Café', 'Año', 'Niño', 'Más', 'Café']);
  });

  it('a 10 MB name on a single line is read whole, quickly', async () => {
    const name = 'x'.repeat(10 * 1024 * 1024);
    const result = await read(encode(`from,to,amount,to_name\na,b,7,${name}\nb,c,3,y\n`));
    expectOutcome(result, { rowsRead: 2, accepted: 2, rejected: 0, issues: [], total: '10', nodes: ['a', 'b', 'c'] });
    expect(result.flows[0]!.to.name).toHaveLength(10 * 1024 * 1024);
  });

  it('a 10 MB line with no line break and no known header is an UnrecognizedFormatError', async () => {
    await expect(read(encode('x'.repeat(10 * 1024 * 1024)))).rejects.toBeInstanceOf(UnrecognizedFormatError);
  });

  it('a 10 MB amount is rejected as invalid_amount, not parsed', async () => {
    const result = await read(encode(`from,to,amount\na,b,${'1'.repeat(10 * 1024 * 1024)}\na,b,2\n`));
    expectOutcome(result, {
      rowsRead: 2,
      accepted: 1,
      rejected: 1,
      issues: [{ row: 2, column: 'amount', code: 'invalid_amount' }],
      total: '2',
      nodes: ['a', 'b'],
    });
  });

  it('100,000 columns keep every extra cell as an attribute; a short row is field_count', async () => {
    const extra = Array.from({ length: 100_000 - 3 }, (_, at) => `c${at + 4}`);
    const text =
      `from,to,amount,${extra.join(',')}\n` +
      `a,b,5,${extra.map((_, at) => at).join(',')}\n` +
      `a,b,6${','.repeat(extra.length)}\n` +
      'a,b,1\n';
    const result = await read(encode(text));
    expectOutcome(result, {
      rowsRead: 3,
      accepted: 2,
      rejected: 1,
      issues: [{ row: 4, code: 'field_count' }],
      total: '11',
      nodes: ['a', 'b'],
    });
    const attributes = result.flows[0]!.attributes!;
    expect(Object.keys(attributes)).toHaveLength(99_997);
    expect(attributes.c100000).toBe('99996');
  });

  it('unbalanced quotes reject their own rows only, and the rows after them are read', async () => {
    const result = await read(encode('from,to,amount\na,b,10\n"a,b,5\nc,d,7\na,"b"x,3\n'));
    expectOutcome(result, {
      rowsRead: 4,
      accepted: 2,
      rejected: 2,
      issues: [
        { row: 3, code: 'malformed_quotes' },
        { row: 5, code: 'malformed_quotes' },
      ],
      total: '17',
      nodes: ['a', 'b', 'c', 'd'],
    });
  });

  it('__proto__, constructor and toString work as node ids and as column names', async () => {
    const result = await read(
      encode(
        'from,to,amount,__proto__,constructor,toString\n' +
          '__proto__,constructor,10,p,c,t\n' +
          'toString,__proto__,5,,,\n' +
          'hasOwnProperty,valueOf,1,,,\n',
      ),
    );
    expectOutcome(result, {
      rowsRead: 3,
      accepted: 3,
      rejected: 0,
      issues: [],
      total: '16',
      nodes: ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'],
    });
    const attributes = result.flows[0]!.attributes!;
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.entries(attributes)).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['toString', 't'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ids of only spaces are missing; ids of only emoji are ids', async () => {
    const result = await read(encode('from,to,amount\n   ,b,10\na,  ,3\n😀,😀😀,4\n'));
    expectOutcome(result, {
      rowsRead: 3,
      accepted: 1,
      rejected: 2,
      issues: [
        { row: 2, column: 'from', code: 'missing_field' },
        { row: 3, column: 'to', code: 'missing_field' },
      ],
      total: '4',
      nodes: ['😀', '😀😀'],
    });
  });

  it('1e308, NaN, Infinity, --5 and a 41-digit number are invalid_amount; a 40-digit number is exact', async () => {
    const forty = '1234567890123456789012345678901234567890';
    const result = await read(
      encode(
        [
          'from,to,amount',
          'a,b,1e308',
          'a,b,NaN',
          'a,b,Infinity',
          'a,b,--5',
          `a,b,${forty}`,
          `a,b,${forty}1`,
          'a,b,-Infinity',
        ].join('\n'),
      ),
    );
    expectOutcome(result, {
      rowsRead: 7,
      accepted: 1,
      rejected: 6,
      issues: [2, 3, 4, 5, 7, 8].map((row) => ({ row, column: 'amount', code: 'invalid_amount' })),
      total: forty,
      nodes: ['a', 'b'],
    });
  });

  it('2024-02-30 and 2023-02-29 are bad_date; 2024-02-29 (a leap day) is kept', async () => {
    const result = await read(encode('from,to,amount,date\na,b,1,2024-02-30\na,b,2,2023-02-29\na,b,3,2024-02-29\n'));
    expectOutcome(result, {
      rowsRead: 3,
      accepted: 1,
      rejected: 2,
      issues: [
        { row: 2, column: 'date', code: 'bad_date' },
        { row: 3, column: 'date', code: 'bad_date' },
      ],
      total: '3',
      nodes: ['a', 'b'],
    });
    expect(result.flows[0]!.date).toBe('2024-02-29');
  });

  it('an empty input and a header-only garbage input are typed errors, not crashes', async () => {
    for (const bytes of [new Uint8Array(0), encode('\u0000\u0001\u0002'), new Uint8Array([0xff, 0xfe, 0x00])]) {
      const outcome = await read(bytes).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(CauceError);
    }
  });
});
