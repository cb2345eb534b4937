import type { Decimal } from '../money/Decimal.js';
import type { FlowGraph } from '../model/types.js';
import { CLASSIFICATION_KINDS } from './CLASSIFICATION_KINDS.js';
import { rowsOf } from './Sum.js';
import { compare } from './compare.js';
import type { FlowTotals } from './FlowTotals.js';
import { forEachPassedOn } from './forEachPassedOn.js';
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
  forEachPassedOn(totals, (attributes, received, paid, subject, currency) => {
    if (!CLASSIFICATION_KINDS.has(attributes.kind)) return;
    results.push(
      compare({
        check: 'hierarchy',
        subject,
        expected: received,
        actual: paid,
        currency,
        tolerance,
        explain: passedDown,
        expectedFrom: rowsOf(received),
        actualFrom: rowsOf(paid),
      }),
    );
  });
  return results;
}
