// Times reconcile on seeded graphs of 10^4, 10^5 and 10^6 flows, to show how the cost grows. Printed, not asserted.
import { reconcile } from '../../src/index.js';
import { benchGrowth } from './benchGrowth.js';

export function benchReconcile(sizes?: number[]): Array<Record<string, string | number>> {
  return benchGrowth(
    'reconcile',
    (graph) => reconcile(graph),
    (result) => ({ checks: result.checks.length }),
    sizes,
  );
}
