// npm run bench: the project's benchmarks. Results are printed, never asserted; ratios matter, not absolute times.
import { benchFlags } from './flags.js';
import { benchIngestMemory } from './ingestMemory.js';
import { benchReconcile } from './reconcile.js';
import { benchVsDuckDb } from './vsDuckDb.js';

// BENCH_QUICK=1 runs every benchmark on small inputs, to check that they run.
const quick = process.env.BENCH_QUICK === '1';

console.log('ingest + aggregate (flows grain) against DuckDB doing the same grouping, same files, same run');
const versus = await benchVsDuckDb(quick ? [10_000, 50_000] : undefined, quick ? 20_000 : undefined);
console.table(versus.ingest);
console.log('the payments graph: build, reconcile, all flags, Sankey with top-20 folding (linear if µs per flow holds)');
console.table(versus.pipeline);

console.log('reconcile: cost as the graph grows (linear if time x tracks flows x)');
console.table(benchReconcile(quick ? [1_000, 10_000] : undefined));

console.log('flag: every built-in rule, cost as the graph grows (linear if time x tracks flows x)');
console.table(benchFlags(quick ? [1_000, 10_000] : undefined));

// BENCH_INGEST_ROWS=80000000 streams about 2 GB; the default, 10 million rows (about 300 MB), keeps the bench short.
const ingestRows = Number(process.env.BENCH_INGEST_ROWS ?? (quick ? 100_000 : 10_000_000));
console.log(
  `streaming ingest of ${ingestRows} generated rows (never stored), adding up as it reads: heap as rows go by`,
);
console.table(await benchIngestMemory(ingestRows));
