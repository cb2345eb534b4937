// Times flag with every built-in rule on seeded graphs of 10^4, 10^5 and 10^6 flows, to show how the cost grows.
// Printed, not asserted.
import { flag } from '../../src/index.js';
import { benchGrowth } from './benchGrowth.js';

export function benchFlags(sizes?: number[]): Array<Record<string, string | number>> {
  return benchGrowth(
    'flag',
    (graph) => flag(graph),
    (result) => ({ flags: result.summary.total }),
    sizes,
  );
}
