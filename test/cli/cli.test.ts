import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { DATA } from '../paths.js';

const FLOWS = DATA('ramo23-2016-flows.csv.gz');
const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

async function cauce(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { out: (text) => (stdout += text), err: (text) => (stderr += text) }, '9.9.9');
  return { code, stdout, stderr };
}

let malformed: string;
beforeAll(() => {
  const lines = gunzipSync(readFileSync(FLOWS)).toString('utf8').split('\n');
  lines[5] = lines[5]!.replace(/,(\d+)\.(\d\d),/, ',$1..$2,');
  lines[6] = lines[6]!.replace(/,(approved|paid),/, ',gastado,');
  lines[7] = lines[7]!.replace(/^[^,]+,/, ',');
  malformed = join(mkdtempSync(join(tmpdir(), 'cauce-cli-')), 'ramo23-malformed.csv');
  writeFileSync(malformed, lines.join('\n'));
});

describe('cauce ingest', () => {
  it('cauce ingest --json prints the row counts, node and flow counts and exact totals on stdout', async () => {
    const { code, stdout, stderr } = await cauce('ingest', FLOWS, '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const out = JSON.parse(stdout);
    expect(out.rows).toEqual({ read: 3054, accepted: 3054, rejected: 0, skipped: 0 });
    expect(out.graph).toEqual({ nodes: 1446, flows: 3054 });
    expect(out.entering).toEqual([
      { stage: 'approved', currency: 'MXN', amount: '54613053674', flows: 11 },
      { stage: 'paid', currency: 'MXN', amount: '4040410198.89', flows: 11 },
    ]);
    // Every flow counted: three levels each carrying the full amount; 11 programmes + 140 (programme, state) pairs +
    // 1,401 (state, municipality) pairs in the source file.
    expect(out.totals[0]).toEqual({ stage: 'approved', currency: 'MXN', amount: '163839161022', flows: 1552 });
    expect(out.rejected).toEqual([]);
  });

  it('cauce ingest --aggregate flows and --engine duckdb give the same exact totals as one flow per row', async () => {
    const perRow = JSON.parse((await cauce('ingest', FLOWS, '--json')).stdout);
    for (const flags of [
      ['--aggregate', 'flows'],
      ['--engine', 'duckdb'],
    ]) {
      const { code, stdout, stderr } = await cauce('ingest', FLOWS, ...flags, '--json');
      expect([code, stderr]).toEqual([0, '']);
      const out = JSON.parse(stdout);
      expect(out.rows).toEqual(perRow.rows);
      expect(out.totals).toEqual(perRow.totals);
      expect(out.entering).toEqual(perRow.entering);
    }
  });

  it('cauce refuses an unknown --aggregate or --engine with exit code 2', async () => {
    expect((await cauce('ingest', FLOWS, '--aggregate', 'daily')).code).toBe(2);
    expect((await cauce('ingest', FLOWS, '--engine', 'spark')).code).toBe(2);
  });

  it('cauce refuses --engine duckdb with what it would otherwise ignore: another grain, standard input', async () => {
    const grain = await cauce('ingest', FLOWS, '--engine', 'duckdb', '--aggregate', 'payments');
    expect([grain.code, grain.stdout]).toEqual([2, '']);
    expect(grain.stderr).toContain('--aggregate payments');
    const stdin = await cauce('ingest', '-', '--engine', 'duckdb');
    expect([stdin.code, stdin.stdout]).toEqual([2, '']);
    expect(stdin.stderr).toContain('standard input');
  });

  it('cauce ingest reports a malformed copy row by row, dropping nothing', async () => {
    const { code, stdout } = await cauce('ingest', malformed, '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.rows).toEqual({ read: 3054, accepted: 3051, rejected: 3, skipped: 0 });
    expect(
      out.rejected.map((issue: { file: string; row: number; column: string; code: string }) => [
        issue.file,
        issue.row,
        issue.column,
        issue.code,
      ]),
    ).toEqual([
      [malformed, 6, 'amount', 'invalid_amount'],
      [malformed, 7, 'stage', 'unknown_stage'],
      [malformed, 8, 'from', 'missing_field'],
    ]);
  });

  it('cauce ingest prints a readable summary and the rejected rows without --json', async () => {
    const { code, stdout } = await cauce('ingest', malformed);
    expect(code).toBe(0);
    expect(stdout).toContain('3054 rows read: 3051 accepted, 3 rejected, 0 skipped');
    expect(stdout).toMatch(/rejected rows:\n.*row.*column.*value.*code/);
    expect(stdout).toMatch(/ 7 +stage +"gastado" +unknown_stage/);
  });

  it('cauce ingest --strict stops at the first bad row with exit code 3', async () => {
    const { code, stdout, stderr } = await cauce('ingest', malformed, '--strict');
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain('row 6, column amount');
  });
});

describe('cauce trace', () => {
  it('cauce trace --up follows a municipality back to Ramo 23 with exact amounts', async () => {
    const { code, stdout } = await cauce(
      'trace',
      FLOWS,
      '--node',
      'mun:21-005',
      '--up',
      '--stage',
      'approved',
      '--json',
    );
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.direction).toBe('up');
    const path = out.paths.find((p: { nodes: string[] }) => p.nodes.join(' ') === 'mun:21-005 ef:21 pp:U128 ramo:23');
    // From the source file (Python): Acteopan's projects, Puebla's U128 projects, all U128 projects.
    expect(path.hops.map((hop: { totals: Array<{ amount: string }> }) => hop.totals[0]!.amount)).toEqual([
      '2390220',
      '928113452',
      '19771446636',
    ]);
  });

  it('cauce trace prints paths as lines and says on stderr how many it left out', async () => {
    const { code, stdout, stderr } = await cauce(
      'trace',
      FLOWS,
      '--node',
      'ramo:23',
      '--stage',
      'approved',
      '--limit',
      '3',
    );
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'ramo:23 (Provisiones Salariales y Económicas), downstream, stage approved: 6358 paths, 1445 nodes reached',
    );
    expect(stdout.trim().split('\n')).toHaveLength(4);
    expect(stderr).toBe('6355 more paths not shown; use --limit N or --json\n');
  });
});

describe('cauce usage and exit codes', () => {
  it.each([
    [['trace', FLOWS], 'trace needs --node ID'],
    [['trace', FLOWS, '--node', 'ramo:99'], '--node ramo:99: no such node'],
    [['trace', FLOWS, '--node', 'ramo:23', '--stage', 'spent'], '--stage spent'],
    [['trace', FLOWS, '--node', 'ramo:23', '--depth', '0'], '--depth 0'],
    [['ingest', FLOWS, '--unit', 'dozens'], '--unit dozens'],
    [['ingest', FLOWS, '--preset', 'nope'], '--preset nope'],
    [['ingest', FLOWS, '--encoding', 'ebcdic'], 'unknown encoding'],
    [['ingest', '-', '-'], 'standard input (-) can be read only once'],
    [['ingest', FLOWS, '--bogus'], "Unknown option '--bogus'"],
    [['ingest'], 'no input files'],
    [['audit', FLOWS], 'unknown command "audit"'],
  ])('cauce %j exits 2 with a one-line message', async (argv, message) => {
    const { code, stdout, stderr } = await cauce(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('cauce exits 3 when an input cannot be read at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cauce-cli-'));
    writeFileSync(join(dir, 'budget.csv'), 'Ramo,Monto\n28,5\n');
    for (const file of [join(dir, 'missing.csv'), join(dir, 'budget.csv'), dir]) {
      const { code, stderr } = await cauce('ingest', file);
      expect(code).toBe(3);
      expect(stderr).toContain(file);
    }
  });

  it('cauce with no command prints the help on stderr and exits 2', async () => {
    const { code, stdout, stderr } = await cauce();
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: cauce <command>');
  });

  it('cauce --help and --version print to stdout and exit 0', async () => {
    expect(await cauce('--help')).toMatchObject({ code: 0, stderr: '' });
    expect((await cauce('ingest', '--help')).stdout).toContain('Usage: cauce ingest');
    expect(await cauce('--version')).toEqual({ code: 0, stdout: '9.9.9\n', stderr: '' });
  });

  it('the built bin reads standard input for -', () => {
    const piped = spawnSync(process.execPath, [BIN, 'ingest', '-', '--json'], {
      encoding: 'utf8',
      input: 'from,to,amount\nSHCP,IMSS,"1,000.10"\nSHCP,ISSSTE,5\n',
    });
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout).totals).toEqual([{ stage: 'paid', currency: 'MXN', amount: '1005.1', flows: 2 }]);
  });

  it('the built bin runs as a program: data on stdout, exit code passed through', () => {
    const ok = spawnSync(process.execPath, [BIN, 'ingest', FLOWS, '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).graph).toEqual({ nodes: 1446, flows: 3054 });
    const bad = spawnSync(process.execPath, [BIN, 'trace', FLOWS], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    const version = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version,
    );
  });
});
