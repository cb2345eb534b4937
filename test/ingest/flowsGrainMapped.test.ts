import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type IngestResult, type IngestStreamOptions, ingestCsvStream } from '../../src/index.js';
import { BUDGET_MAPPING, generateBudgetLines } from '../../scripts/bench/generateFiles.js';
import { FIXTURE } from '../paths.js';
import { decodeBytes } from '../../src/ingest/decode/decodeBytes.js';
import { byteStream } from './readers.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A mapped table read from bytes at the flows grain goes through the row-shape cache; read from text it goes through
// the full reader alone. Both must give the same flows, books and normalisation counts, on every real file a preset
// reads.
function comparable(result: IngestResult) {
  return {
    flows: result.flows.map((flow) => ({ ...flow, amount: flow.amount.toString() })),
    declaredTotals: result.declaredTotals.map((total) => ({ ...total, amount: total.amount.toString() })),
    report: result.report,
  };
}

async function bothWays(bytes: Uint8Array, options: IngestStreamOptions) {
  const fromBytes = await ingestCsvStream(byteStream(bytes, 1 << 16), { ...options, aggregate: 'flows' });
  const text = decodeBytes(bytes, { file: 'input' }).text.replace(/^\ufeff/, '');
  const fromText = await ingestCsvStream(
    new ReadableStream<string>({
      start(controller) {
        for (let at = 0; at < text.length; at += 1 << 16) controller.enqueue(text.slice(at, at + (1 << 16)));
        controller.close();
      },
    }),
    { ...options, aggregate: 'flows' },
  );
  return { fromBytes, fromText };
}

const CASES: Array<[string, string, IngestStreamOptions]> = [
  ['PEF 2016', 'mx-pef2016/pef2016.csv.gz', { preset: 'mx-pef' }],
  ['Ramo 23 2016', 'mx-pef2016/ramo23_2016.csv.gz', { preset: 'mx-ramo23' }],
  ['Cuenta Pública 2016', 'mx-cuenta-publica/2016.csv.gz', { preset: 'mx-cuenta-publica' }],
  ['UK spend 2020-06', 'uk-spend/2020-06.csv.gz', { preset: 'uk-spend' }],
];

describe('the flows grain on mapped tables: the row-shape cache reads as the full reader does', () => {
  for (const [name, fixture, options] of CASES) {
    it(name, async () => {
      const bytes = gunzipSync(readFileSync(FIXTURE(fixture)));
      const { fromBytes, fromText } = await bothWays(bytes, options);
      expect(fromBytes.report.encoding).not.toBe('utf-16le');
      const a = comparable(fromBytes);
      const b = comparable(fromText);
      // The text reader never saw bytes: its report names no encoding.
      delete (a.report as Partial<IngestResult['report']>).encoding;
      delete (a.report as Partial<IngestResult['report']>).encodingDetected;
      delete (a.report as Partial<IngestResult['report']>).mixedEncoding;
      expect(a).toEqual(b);
      expect(fromBytes.report.accepted).toBeGreaterThan(0);
    });
  }

  it('generated SHCP-shaped budget lines: rows of one shape share their flows, amounts stay exact', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cauce-shapes-')), 'budget.csv');
    await generateBudgetLines(path, 5000);
    const bytes = readFileSync(path);
    const { fromBytes, fromText } = await bothWays(bytes, { mapping: BUDGET_MAPPING as never });
    const a = comparable(fromBytes);
    delete (a.report as Partial<IngestResult['report']>).encoding;
    delete (a.report as Partial<IngestResult['report']>).encodingDetected;
    expect(a).toEqual(comparable(fromText));
    // Independent total: every approved cell of the file, in BigInt cents, twice (ramo -> ur and ur -> pp).
    const lines = bytes.toString('latin1').trim().split('\n').slice(1);
    const approved = lines.reduce((sum, line) => sum + BigInt(line.split(',')[5]!.replace('.', '')), 0n);
    const flowsApproved = fromBytes.flows
      .filter((flow) => flow.stage === 'approved')
      .reduce((sum, flow) => sum + BigInt(flow.amount.times(100).toFixed(0)), 0n);
    expect(flowsApproved).toBe(approved * 2n);
    expect(fromBytes.report.accepted).toBe(5000);
  });
});
