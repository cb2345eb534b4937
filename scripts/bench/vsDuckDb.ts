// cauce against DuckDB, side by side on the same generated files in the same run: the seeded payments (10^5, 10^6,
// 2 x 10^6 rows) and budget lines (10^6 rows). Each job runs in a process of its own, so that each peak memory is its
// own. Printed, never asserted: ratios matter, not absolute times.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET_MAPPING, generateBudgetLines, generatePayments } from './generateFiles.js';

const JOB = fileURLToPath(new URL('./job.mjs', import.meta.url));

interface JobResult {
  job: string;
  times: Record<string, number>;
  groups: number;
  rows?: number;
  flags?: number;
  peakRssMB: number;
}

function run(job: string, path: string, kind: 'payments' | 'budget'): JobResult {
  const output = execFileSync(process.execPath, ['--max-old-space-size=8192', JOB, job, path, kind], {
    env: { ...process.env, CAUCE_BENCH_MAPPING: JSON.stringify(BUDGET_MAPPING) },
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').pop()!) as JobResult;
}

async function file(kind: 'payments' | 'budget', rows: number): Promise<string> {
  const folder = join(tmpdir(), 'cauce-bench');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${kind}-${rows}.csv`);
  // Same seed, same bytes: a file made by an earlier run is reused.
  if (!existsSync(path)) await (kind === 'payments' ? generatePayments : generateBudgetLines)(path, rows);
  return path;
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

export async function benchVsDuckDb(
  sizes = [100_000, 1_000_000, 2_000_000],
  budgetRows = 1_000_000,
): Promise<{ ingest: Array<Record<string, string | number>>; pipeline: Array<Record<string, string | number>> }> {
  const ingest: Array<Record<string, string | number>> = [];
  const pipeline: Array<Record<string, string | number>> = [];
  const cases: Array<['payments' | 'budget', number]> = [
    ...sizes.map((size): ['payments', number] => ['payments', size]),
    ['budget', budgetRows],
  ];
  for (const [kind, rows] of cases) {
    const path = await file(kind, rows);
    // Once each before measuring, so that the file sits in the page cache for both.
    run('duckdb', path, kind);
    const duck = run('duckdb', path, kind);
    const cauce = run('cauce-ingest', path, kind);
    ingest.push({
      file: `${kind} ${rows.toLocaleString('en')} rows`,
      groups: cauce.groups,
      'DuckDB groups': duck.groups,
      'cauce ms': cauce.times.ingest!,
      'DuckDB ms': duck.times.group!,
      'time cauce / DuckDB': ratio(cauce.times.ingest!, duck.times.group!),
      'cauce peak MB': cauce.peakRssMB,
      'DuckDB peak MB': duck.peakRssMB,
      'memory cauce / DuckDB': ratio(cauce.peakRssMB, duck.peakRssMB),
    });
    if (kind === 'payments') {
      const full = run('cauce-pipeline', path, kind);
      const { graph, reconcile, flags, sankey, sankeyAgain } = full.times;
      pipeline.push({
        rows,
        flows: full.groups,
        'graph ms': graph!,
        'reconcile ms': reconcile!,
        'flags ms': flags!,
        'reconcile + flags ms': reconcile! + flags!,
        'sankey ms': sankey!,
        'sankey again ms': sankeyAgain!,
        'µs per flow (reconcile + flags)': Number((((reconcile! + flags!) * 1000) / full.groups).toFixed(2)),
        flags: full.flags!,
        'peak MB': full.peakRssMB,
      });
    }
  }
  return { ingest, pipeline };
}
