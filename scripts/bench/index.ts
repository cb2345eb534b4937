// npm run bench: the project's benchmarks. Results are printed, never asserted; ratios matter, not absolute times.
import { benchFlags } from './flags.js';
import { benchReconcile } from './reconcile.js';

console.log('reconcile: cost as the graph grows (linear if time x tracks flows x)');
console.table(benchReconcile());

console.log('flag: every built-in rule, cost as the graph grows (linear if time x tracks flows x)');
console.table(benchFlags());
