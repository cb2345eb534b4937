// npm run bench: the project's benchmarks. Results are printed, never asserted; ratios matter, not absolute times.
import { benchFlags } from './flags.js';
import { benchIngestMemory } from './ingestMemory.js';
import { benchReconcile } from './reconcile.js';

console.log('reconcile: cost as the graph grows (linear if time x tracks flows x)');
console.table(benchReconcile());

console.log('flag: every built-in rule, cost as the graph grows (linear if time x tracks flows x)');
console.table(benchFlags());

// BENCH_INGEST_ROWS=80000000 streams about 2 GB; the default, 10 million rows (about 300 MB), keeps the bench short.
const ingestRows = Number(process.env.BENCH_INGEST_ROWS ?? 10_000_000);
console.log(
  `streaming ingest of ${ingestRows} generated rows (never stored), adding up as it reads: heap as rows go by`,
);
console.table(await benchIngestMemory(ingestRows));
