import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFlowGraph, flag, ingestCsv, type WatchlistEntry } from '../../src/index.js';
import { ingestFile } from '../../src/node/index.js';
import { run } from '../../src/cli/run.js';
import { FIXTURE } from '../paths.js';

// Payments made up for the test to two companies the real list names (checked in the file with Python):
// AAA120730823 (Definitivo, on SAT's page since 01/01/2017) and AAMR7312046L3 (Presunto, since 04/12/2018).
const PAYMENTS = [
  'from,to,amount,date,from_kind,to_kind,to_tax_id',
  'SEP,asesores,"250,000.00",2016-11-30,agency,recipient,AAA-120730-823', // before the listing: info
  'SEP,asesores,"1,000,000.00",2017-03-15,agency,recipient,AAA-120730-823', // after: high
  'SEP,anastasio,"90,000.50",2019-02-01,agency,recipient,AAMR7312046L3', // presunto: medium
  'SEP,limpia,"5,000,000.00",2019-02-01,agency,recipient,LIM101010AB1', // not listed
].join('\n');

let list: WatchlistEntry[];
beforeAll(async () => {
  list = (await ingestFile(FIXTURE('mx-sat-69b/Listado_Completo_69-B.csv.gz'), { preset: 'sat-69b' })).watchlist;
});

describe('the SAT 69-B list as a watchlist', () => {
  it('loads with statuses and listing dates, and flags payments to listed RFCs by status and date', () => {
    expect(list.length).toBe(12580);
    expect(list.find((entry) => entry.taxId === 'AAA120730823')).toMatchObject({
      status: 'definitivo',
      listedOn: '2017-01-01',
    });
    const graph = buildFlowGraph(ingestCsv(PAYMENTS, { file: 'pagos.csv' }));
    const { flags } = flag(graph, { rules: ['watchlist'], watchlist: list });
    expect(flags.map((f) => [f.severity, f.nodes[0], f.amount, f.evidence.status, f.evidence.listedOn])).toEqual([
      ['high', 'asesores', '1000000', 'definitivo', '2017-01-01'],
      ['medium', 'anastasio', '90000.5', 'presunto', '2018-12-04'],
      ['info', 'asesores', '250000', 'definitivo', '2017-01-01'],
    ]);
    // Where each number came from: the payment's row and the list's row.
    expect(flags[0]!.provenance.map((p) => p.file)).toEqual([
      'pagos.csv',
      expect.stringContaining('Listado_Completo_69-B'),
    ]);
  });

  it('cauce flags --watchlist reads the list as SAT publishes it and --fail-on high exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cauce-flags-'));
    writeFileSync(join(dir, 'pagos.csv'), PAYMENTS);
    let out = '';
    let err = '';
    const io = { out: (text: string) => (out += text), err: (text: string) => (err += text) };
    const args = [
      join(dir, 'pagos.csv'),
      '--rules',
      'watchlist',
      '--watchlist',
      FIXTURE('mx-sat-69b/Listado_Completo_69-B.csv.gz'),
    ];
    expect(await run(['flags', ...args, '--fail-on', 'high'], io)).toBe(1);
    expect(out).toContain('3 flags (1 high, 1 medium, 0 low, 1 info)');
    out = '';
    expect(await run(['flags', ...args, '--json', '--lang', 'es'], io)).toBe(0);
    expect(JSON.parse(out).summary).toMatchObject({ total: 3, byRule: { watchlist: 3 } });
    expect(await run(['flags', ...args, '--fail-on', 'critical'], io)).toBe(2);
    expect(err).toContain('--fail-on critical');
  });
});
