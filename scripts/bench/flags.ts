// Times flag with every built-in rule on seeded graphs of 10^4, 10^5 and 10^6 flows, to show how the cost grows.
// Printed, not asserted.
import { flag } from '../../src/index.js';
import { generateBudgetGraph } from './generateBudgetGraph.js';

export function benchFlags(sizes = [10_000, 100_000, 1_000_000]): Array<Record<string, string | number>> {
  const rows: Array<Record<string, string | number>> = [];
  let first: { flows: number; ms: number } | undefined;
  for (const size of sizes) {
    const graph = generateBudgetGraph(size);
    flag(graph); // warm-up: the first run pays for compiling the code
    const start = performance.now();
    const result = flag(graph);
    const ms = performance.now() - start;
    first ??= { flows: graph.size, ms };
    rows.push({
      flows: graph.size,
      'flag ms': Math.round(ms),
      'µs per flow': Number(((ms * 1000) / graph.size).toFixed(2)),
      'growth vs smallest (flows x)': Number((graph.size / first.flows).toFixed(1)),
      'growth vs smallest (time x)': Number((ms / first.ms).toFixed(1)),
      flags: result.summary.total,
    });
  }
  return rows;
}
