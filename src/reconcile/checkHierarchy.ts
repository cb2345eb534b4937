import type { Decimal } from '../money/Decimal.js';
import type { FlowGraph } from '../model/types.js';
import { CLASSIFICATION_KINDS } from './CLASSIFICATION_KINDS.js';
import { rowsOf } from './Sum.js';
import { compare } from './compare.js';
import type { FlowTotals } from './FlowTotals.js';
import type { CheckResult, CheckSubject } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

const passedDown = (difference: Decimal, subject: CheckSubject) =>
  `${subject.nodes[0]} passed down ${difference.isNegative() ? 'less' : 'more'} than it received, by ` +
  `${difference.abs().toFixed()}`;

/**
 * `hierarchy`: for every agency, unit, programme and budget line that has both a parent and children at a stage,
 * its amount (what its parent passed to it) equals the sum of its children's (what it passed down). Nodes at the top
 * or the bottom of the data have one level only and are not checked.
 */
export function checkHierarchy(graph: FlowGraph, totals: FlowTotals, tolerance: ResolvedTolerance): CheckResult[] {
  const results: CheckResult[] = [];
  totals.forEachNodeSums((node, attributes, sums) => {
    if (!CLASSIFICATION_KINDS.has(attributes.kind)) return;
    // Only the slots a node both received and paid in are compared: they are among those it received in, in order.
    const { inflow, outflow } = sums;
    for (let slot = 0; slot < inflow.length; slot++) {
      const received = inflow[slot];
      const paid = outflow[slot];
      if (received === undefined || paid === undefined) continue;
      const period = totals.periodOfSlot(slot);
      const subject: CheckSubject = { nodes: [node], stage: totals.stageOf(slot) };
      if (period) subject.period = period;
      results.push(
        compare({
          check: 'hierarchy',
          subject,
          expected: received,
          actual: paid,
          currency: totals.currencyOf(slot),
          tolerance,
          explain: passedDown,
          expectedFrom: rowsOf(received),
          actualFrom: rowsOf(paid),
        }),
      );
    }
  });
  return results;
}
