import { describe, expect, it } from 'vitest';
import { ingestCsv, ingestCsvStream, InvalidArgumentError, LimitExceededError } from '../../src/index.js';

/** A flows table of `rows` rows, generated as it is read: a 2 GB file never has to exist. */
function generatedStream(rows: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let row = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (row === 0) controller.enqueue(encoder.encode('from,to,amount\n'));
      const lines: string[] = [];
      for (let i = 0; i < 2000 && row < rows; i++, row++) lines.push(`sep,proveedor-${row % 500},${row % 1000}.25`);
      if (lines.length === 0) controller.close();
      else controller.enqueue(encoder.encode(lines.join('\n') + '\n'));
    },
  });
}

const limitOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('ingest limits', () => {
  it('a 2 GB-equivalent stream (80 million rows, generated) stops at a rows limit with a LimitExceededError', async () => {
    const error = await limitOf(
      ingestCsvStream(generatedStream(80_000_000), { file: 'huge.csv', limits: { maxRows: 50_000 } }),
    );
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error).toMatchObject({ code: 'limit_exceeded', limit: 'rows', max: 50_000, row: 50_002, file: 'huge.csv' });
  });

  it('a limit that is not reached changes nothing', async () => {
    const result = await ingestCsvStream(generatedStream(1000), {
      limits: { maxRows: 1000, maxColumns: 3, maxBytes: 50_000 },
    });
    expect(result.report).toMatchObject({ rowsRead: 1000, accepted: 1000 });
  });

  it('columns, field length and bytes stop the read with the limit named', async () => {
    const wide = 'from,to,amount\n' + ['a', 'b', '1', ...Array.from({ length: 100_000 }, () => '')].join(',') + '\n';
    expect(() => ingestCsv(wide, { limits: { maxColumns: 1000 } })).toThrow(
      expect.objectContaining({ limit: 'columns', max: 1000, row: 2 }),
    );
    const long = `from,to,amount\nsep,${'x'.repeat(10_000_000)},1\n`;
    expect(() => ingestCsv(long, { limits: { maxFieldLength: 1_000_000 } })).toThrow(
      expect.objectContaining({ limit: 'fieldLength' }),
    );
    expect(() => ingestCsv(long, { limits: { maxBytes: 1_000_000 } })).toThrow(
      expect.objectContaining({ limit: 'bytes' }),
    );
    // An open quote that would swallow the rest of a stream stops as soon as it passes the record limit.
    const error = await limitOf(
      ingestCsvStream(
        new ReadableStream<string>({
          start(controller) {
            controller.enqueue('from,to,amount\nsep,"never closed,1\n');
            for (let i = 0; i < 200; i++) controller.enqueue('more text without a closing quote\n'.repeat(1000));
            controller.close();
          },
        }),
        { limits: { maxFieldLength: 10_000, maxColumns: 3 } },
      ),
    );
    expect(error).toMatchObject({ name: 'LimitExceededError', limit: 'fieldLength', max: 30_000 });
  });

  it('a wrong limit is a misuse', () => {
    expect(() => ingestCsv('from,to,amount\n', { limits: { maxRows: 0 } })).toThrow(InvalidArgumentError);
    expect(() => ingestCsv('from,to,amount\n', { limits: { rows: 5 } as never })).toThrow(InvalidArgumentError);
  });
});
