// How the cost of one operation grows with the graph: seeded graphs of each size, one warm-up run, one timed run.
import type { FlowGraph } from '../../src/index.js';
import { generateBudgetGraph } from './generateBudgetGraph.js';

export function benchGrowth<Result>(
  name: string,
  run: (graph: FlowGraph) => Result,
  count: (result: Result) => Record<string, number>,
  sizes = [10_000, 100_000, 1_000_000],
): Array<Record<string, string | number>> {
  const rows: Array<Record<string, string | number>> = [];
  let first: { flows: number; ms: number } | undefined;
  for (const size of sizes) {
    const graph = generateBudgetGraph(size);
    run(graph); // warm-up: the first run pays for compiling the code
    const start = performance.now();
    const result = run(graph);
    const ms = performance.now() - start;
    first ??= { flows: graph.size, ms };
    rows.push({
      flows: graph.size,
      [`${name} ms`]: Math.round(ms),
      'µs per flow': Number(((ms * 1000) / graph.size).toFixed(2)),
      'growth vs smallest (flows x)': Number((graph.size / first.flows).toFixed(1)),
      'growth vs smallest (time x)': Number((ms / first.ms).toFixed(1)),
      ...count(result),
    });
  }
  return rows;
}
