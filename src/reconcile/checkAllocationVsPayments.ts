import type { Decimal } from '../money/Decimal.js';
import type { Stage } from '../model/stages.js';
import { CLASSIFICATION_KINDS } from './CLASSIFICATION_KINDS.js';
import type { FlowGraph } from '../model/types.js';
import { compare, notCheckable } from './compare.js';
import { type FlowTotals, forEachSlot, SLOTS_PER_GROUP, STAGE_SLOT } from './FlowTotals.js';
import { rowsOf, Sum } from './Sum.js';
import type { CheckResult, CheckSubject } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

const APPROVED = STAGE_SLOT.approved;
const MODIFIED = STAGE_SLOT.modified;
const EXERCISED = STAGE_SLOT.exercised;
const PAID = STAGE_SLOT.paid;

const paidOut = (difference: Decimal, subject: CheckSubject) =>
  difference.isNegative()
    ? `${subject.nodes[0]} paid out ${difference.abs().toFixed()} less than its ${subject.against} allotment`
    : `${subject.nodes[0]} paid out ${difference.toFixed()} more than its ${subject.against} allotment`;

/**
 * `allocation-vs-payments`: what a programme or an agency was allotted (modified, or approved where there is no
 * modified figure) against what it paid out to recipients, intermediaries and trusts (paid, or exercised where there
 * is no paid stage); passing money down to its own programmes or units is not paying it out. The remainder is
 * reported as an amount, never hidden: a programme that paid out less than its allotment leaves money unexplained
 * by the data, one that paid more spent money it was not given.
 */
export function checkAllocationVsPayments(
  graph: FlowGraph,
  totals: FlowTotals,
  tolerance: ResolvedTolerance,
): CheckResult[] {
  const results: CheckResult[] = [];
  const groups: number[] = [];
  totals.forEachNodeSums((node, attributes, sums) => {
    if (attributes.kind !== 'programme' && attributes.kind !== 'agency') return;
    const receives = graph.inDegree(node) > 0;
    // Groups (a currency and period: a slot without its stage) in the order the node's slots are first met.
    groups.length = 0;
    forEachSlot(sums, (slot) => {
      const group = Math.floor(slot / SLOTS_PER_GROUP);
      if (groups.indexOf(group) < 0) groups.push(group);
    });
    const side = receives ? sums.inflow : sums.outflow;
    let payments: Sum[] | undefined;
    for (const group of groups) {
      const base = group * SLOTS_PER_GROUP;
      const modified = side[base + MODIFIED];
      const allottedSum = modified ?? side[base + APPROVED];
      if (allottedSum === undefined) continue;
      const allottedStage: Stage = modified ? 'modified' : 'approved';
      // What the node paid out to anything that is not a classification, per slot; walked again in the node's own
      // order where the order of its rows shows (see NodeSums).
      payments ??= sums.paymentsInNodeOrder ? paymentsOut(graph, totals, node) : (sums.payments ?? []);
      const paidSum = payments[base + PAID] ?? payments[base + EXERCISED];
      const currency = totals.currencyOf(base);
      const period = totals.periodOfSlot(base);
      if (paidSum === undefined) {
        const subject: CheckSubject = { nodes: [node], stage: allottedStage };
        if (period) subject.period = period;
        results.push(
          notCheckable(
            'allocation-vs-payments',
            subject,
            currency,
            `${node} has an allotment but the data have no payments (paid or exercised) from it to recipients`,
          ),
        );
        continue;
      }
      const paidStage: Stage = payments[base + PAID] ? 'paid' : 'exercised';
      const subject: CheckSubject = { nodes: [node], stage: paidStage, against: allottedStage };
      if (period) subject.period = period;
      results.push(
        compare({
          check: 'allocation-vs-payments',
          subject,
          expected: allottedSum,
          actual: paidSum,
          currency,
          tolerance,
          explain: paidOut,
          expectedFrom: rowsOf(allottedSum),
          actualFrom: rowsOf(paidSum),
        }),
      );
    }
  });
  return results;
}

/**
 * The flows from a node to anything that is not a classification (a programme, a unit...), summed per slot (stage,
 * currency and period), in the order the node's flows are walked.
 */
function paymentsOut(graph: FlowGraph, totals: FlowTotals, node: string): Sum[] {
  const sums: Sum[] = [];
  graph.forEachOutEdge(node, (_edge, flow, _source, _target, _sourceAttributes, target) => {
    if (CLASSIFICATION_KINDS.has(target.kind)) return;
    const stage = flow.stage;
    if (stage !== 'paid' && stage !== 'exercised') return;
    (sums[totals.periodSlotOfFlow(flow)] ??= new Sum()).add(flow);
  });
  return sums;
}
