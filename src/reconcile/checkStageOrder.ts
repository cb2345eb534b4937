import type { Decimal } from '../money/Decimal.js';
import type { Stage } from '../model/stages.js';
import type { FlowGraph } from '../model/types.js';
import { type Entry, rowsOf } from './Sum.js';
import { compare } from './compare.js';
import { type FlowTotals, SLOTS_PER_GROUP, STAGE_SLOT } from './FlowTotals.js';
import type { CheckResult, CheckSubject } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

// The budget cycle's cumulative moments, modified on: each can be at most the one before it. Approved is left out:
// a budget may be modified up or down.
const FIRST_CUMULATIVE = STAGE_SLOT.modified;

/** Less at a later stage is the normal course of a budget, not a mismatch. */
const normal = () => undefined;

const exceeds = (difference: Decimal, subject: CheckSubject) =>
  `${subject.nodes[0]}: ${subject.stage} exceeds ${subject.against} by ${difference.toFixed()}`;

/**
 * `stage-order`: for every node (a budget line, and rolled up, its programme, unit and agency), paid <= exercised <=
 * accrued <= committed <= modified, per currency and period. A node's amount at a stage is what it received at that
 * stage, or where it received nothing at that stage, what it paid out at it. Stages the data do not have are passed
 * over: paid is then compared with the nearest earlier stage present.
 */
export function checkStageOrder(graph: FlowGraph, totals: FlowTotals, tolerance: ResolvedTolerance): CheckResult[] {
  const results: CheckResult[] = [];
  // Groups (a currency and period: a slot without its stage) in the order they are first met, reused node to node.
  const groups: number[] = [];
  totals.forEachNodeSums((node, _attributes, sums) => {
    const { inflow, outflow } = sums;
    // The groups a node has a cumulative stage in: first those it received in, then those it only paid in, each in
    // slot order; within a group, stages in the budget cycle's order.
    groups.length = 0;
    let last = -1;
    for (let slot = 0; slot < inflow.length; slot++) {
      if (inflow[slot] === undefined || slot % SLOTS_PER_GROUP < FIRST_CUMULATIVE) continue;
      const group = Math.floor(slot / SLOTS_PER_GROUP);
      if (group !== last) groups.push((last = group));
    }
    for (let slot = 0; slot < outflow.length; slot++) {
      if (outflow[slot] === undefined || inflow[slot] !== undefined || slot % SLOTS_PER_GROUP < FIRST_CUMULATIVE)
        continue;
      const group = Math.floor(slot / SLOTS_PER_GROUP);
      if (group === last || groups.indexOf(group) >= 0) continue;
      groups.push((last = group));
    }
    for (let at = 0; at < groups.length; at++) {
      const group = groups[at]!;
      let ceiling: Entry | undefined;
      let earlier: Stage | undefined;
      for (let stage = FIRST_CUMULATIVE; stage < SLOTS_PER_GROUP; stage++) {
        const slot = group * SLOTS_PER_GROUP + stage;
        const amount = inflow[slot] ?? outflow[slot];
        if (amount === undefined) continue;
        const later = totals.stageOf(slot);
        if (ceiling !== undefined) {
          const against = earlier!;
          const period = totals.periodOfSlot(slot);
          const subject: CheckSubject = { nodes: [node], stage: later, against };
          if (period) subject.period = period;
          results.push(
            compare({
              check: 'stage-order',
              subject,
              expected: ceiling,
              actual: amount,
              currency: totals.currencyOf(slot),
              tolerance,
              explain: exceeds,
              whenLess: normal,
              expectedFrom: rowsOf(ceiling),
              actualFrom: rowsOf(amount),
            }),
          );
        }
        ceiling = amount;
        earlier = later;
      }
    }
  });
  return results;
}
