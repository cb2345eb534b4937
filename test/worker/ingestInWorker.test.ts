import { afterEach, describe, expect, it } from 'vitest';
import { Decimal, ingestCsv, ingestCsvStream, type IngestResult } from '../../src/index.js';
import { fromCloneableResult } from '../../src/worker/fromCloneableResult.js';
import { ingestInWorker, type WorkerProgress } from '../../src/worker/ingestInWorker.js';
import { serveIngest, type ServeIngestOptions } from '../../src/worker/serveIngest.js';
import { toCloneableResult } from '../../src/worker/toCloneableResult.js';

// Amounts that a float would not keep: 29 integer digits, a tenth, a millionth.
const BALANCES = [
  'node,period,opening,closing,income,expenses',
  'fid:1,2016,12345678901234567890123456789.01,0.10,-0.000001,',
  'fid:2,2016,1,2,,3',
  '',
].join('\n');

// Seven rows: six flows and one bad amount (row 6).
const FLOWS = [
  'from,to,amount,stage',
  'ramo:12,pp:E001,1000.10,approved',
  'ramo:12,pp:E002,2000.20,approved',
  'ramo:12,pp:E003,0.01,approved',
  'ramo:12,pp:E004,99999999999999.99,approved',
  'ramo:12,pp:E005,abc,approved',
  'ramo:12,pp:E006,3,approved',
  'ramo:12,pp:E007,0.70,approved',
  '',
].join('\n');

/** The exact sum of the amount column, in cents with BigInt, counting only plain decimal amounts: cauce plays no part. */
function centsOf(csv: string): string {
  let cents = 0n;
  for (const line of csv.split('\n').slice(1)) {
    const amount = line.split(',')[2];
    if (!amount || !/^\d+(\.\d{1,2})?$/.test(amount)) continue;
    const [units, fraction = ''] = amount.split('.');
    cents += BigInt(units!) * 100n + BigInt(fraction.padEnd(2, '0'));
  }
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

const plain = (result: IngestResult) => JSON.parse(JSON.stringify(result)) as unknown;

/** A page and a worker joined by a MessageChannel: what `postMessage` clones here, it clones between threads too. */
function channel(options?: ServeIngestOptions) {
  const { port1, port2 } = new MessageChannel();
  const sent: unknown[] = [];
  port2.addEventListener('message', (event) => sent.push(event.data));
  port1.addEventListener('message', (event) => sent.push(event.data));
  serveIngest(port2, options);
  port1.start();
  port2.start();
  open.push(port1, port2);
  return { page: port1, seen: sent };
}
const open: MessagePort[] = [];
afterEach(() => open.splice(0).forEach((port) => port.close()));

describe('toCloneableResult and fromCloneableResult', () => {
  it('toCloneableResult(result) survives structuredClone, and fromCloneableResult gives back the exact Decimals', () => {
    const result = ingestCsv(BALANCES, { file: 'fid.csv' });
    expect(result.report).toMatchObject({ rowsRead: 2, accepted: 2, rejected: 0, skipped: 0 });
    // Without the conversion a result cannot be posted at all: the reason the worker sends amounts as text.
    expect(() => structuredClone(result)).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
    const sent = structuredClone(toCloneableResult(result));
    expect(sent.balances[0]).toMatchObject({ opening: '12345678901234567890123456789.01', closing: '0.1' });
    const back = fromCloneableResult(sent);
    expect(back.balances[0]!.opening).toBeInstanceOf(Decimal);
    expect(back.balances.map((b) => [b.opening, b.closing, b.income, b.expenses].map((a) => a?.toFixed()))).toEqual([
      ['12345678901234567890123456789.01', '0.1', '-0.000001', undefined],
      ['1', '2', undefined, '3'],
    ]);
    expect(plain(back)).toEqual(plain(result));
  });
});

describe('ingestInWorker over a message channel', () => {
  it('ingestInWorker(worker, blob) gives what ingestCsvStream gives, the records sent in parts and revived', async () => {
    const { page, seen } = channel({ partSize: 2, progressInterval: 0 });
    const progress: WorkerProgress[] = [];
    const blob = new Blob([FLOWS]);
    const result = await ingestInWorker(page, blob, { file: 'flows.csv', onProgress: (p) => progress.push(p) });
    const direct = await ingestCsvStream(new Blob([FLOWS]).stream(), { file: 'flows.csv' });
    expect(plain(result)).toEqual(plain(direct));
    expect(result.report).toMatchObject({ file: 'flows.csv', rowsRead: 7, accepted: 6, rejected: 1, skipped: 0 });
    expect(result.report.issues).toEqual([expect.objectContaining({ row: 6, code: 'invalid_amount', value: 'abc' })]);
    expect(result.flows.map((flow) => flow.to.id)).toEqual(
      ['E001', 'E002', 'E003', 'E004', 'E006', 'E007'].map((p) => `pp:${p}`),
    );
    expect(result.flows.every((flow) => flow.amount instanceof Decimal)).toBe(true);
    expect(centsOf(FLOWS)).toBe('100000000003004.00');
    expect(result.flows.reduce((sum, flow) => sum.plus(flow.amount), new Decimal(0)).toFixed(2)).toBe(centsOf(FLOWS));
    // Six flows in parts of two: two parts, then the result with the last two.
    expect(seen.filter((m) => (m as { type: string }).type === 'part')).toHaveLength(2);
    expect(seen.filter((m) => (m as { type: string }).type === 'next')).toHaveLength(2);
    expect(progress.at(-1)).toEqual({ sourceBytes: blob.size, bytes: blob.size, rows: 7, totalBytes: blob.size });
  });

  it('ingestInWorker(worker, bytes) rejects with the name and code of the error in the worker', async () => {
    const { page } = channel();
    const bytes = new TextEncoder().encode(FLOWS);
    await expect(ingestInWorker(page, bytes, { strict: true })).rejects.toMatchObject({
      name: 'IngestError',
      code: 'ingest_failed',
    });
    await expect(ingestInWorker(page, 'http://127.0.0.1:9/nowhere.csv')).rejects.toMatchObject({
      name: 'UnreadableInputError',
      code: 'unreadable_input',
      message: expect.stringContaining('nowhere.csv'),
    });
  });

  it('ingestInWorker(worker, source, { signal }) rejects with the reason and the worker sends nothing more', async () => {
    const { page, seen } = channel({ partSize: 1 });
    const controller = new AbortController();
    const reading = ingestInWorker(page, new Blob([FLOWS]), {
      signal: controller.signal,
      // Stop at the first progress report: of the six parts, the worker must send none after the cancel.
      onProgress: () => controller.abort(new Error('another file was chosen')),
    });
    await expect(reading).rejects.toThrow('another file was chosen');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const types = seen.map((m) => (m as { type: string }).type);
    expect(types).toContain('cancel');
    expect(types.slice(types.indexOf('cancel') + 1).filter((t) => t === 'part' || t === 'result')).toEqual([]);
    expect(types).not.toContain('result');
  });

  it('ingestInWorker(worker, source, { onProgress: 1 }) throws an InvalidArgumentError', () => {
    const { page } = channel();
    expect(() => ingestInWorker(page, 'x.csv', { onProgress: 1 as never })).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', code: 'invalid_argument' }),
    );
  });
});

describe('ingestInWorker types', () => {
  it('ingestInWorker(worker) takes a DOM Worker and a MessagePort as they are typed', () => {
    // Checked by tsc: a page passes its Worker, a test a MessagePort, with no cast.
    const withWorker = (worker: Worker) => ingestInWorker(worker, 'a.csv');
    const withPort = (port: MessagePort) => ingestInWorker(port, new Blob(['from,to,amount,stage\n']));
    expect([typeof withWorker, typeof withPort]).toEqual(['function', 'function']);
  });
});
