import { STAGES, type Stage } from '../model/stages.js';
import type { FlowGraph } from '../model/types.js';
import { compare } from './compare.js';
import type { FlowTotals, Total } from './FlowTotals.js';
import type { CheckResult } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

// The budget cycle's cumulative moments: each can be at most the one before it. Approved is left out: a budget may
// be modified up or down.
const CUMULATIVE: readonly Stage[] = STAGES.filter((stage) => stage !== 'approved');

/**
 * `stage-order`: for every node (a budget line, and rolled up, its programme, unit and agency), paid <= exercised <=
 * accrued <= committed <= modified, per currency and period. A node's amount at a stage is what it received at that
 * stage, or where it received nothing at that stage, what it paid out at it. Stages the data do not have are passed over: paid is then compared with the nearest
 * earlier stage present.
 */
export function checkStageOrder(graph: FlowGraph, totals: FlowTotals, tolerance: ResolvedTolerance): CheckResult[] {
  const results: CheckResult[] = [];
  graph.forEachNode((node) => {
    // Per currency and period; a node's amount at a stage is what it received at that stage, or, where it received
    // nothing at that stage, what it paid out at it.
    const byCurrency = new Map<string, Array<[Stage, Total]>>();
    const seen = new Set<string>();
    for (const [stage, currency, period] of totals.periodsOf(node)) {
      if (!CUMULATIVE.includes(stage) || seen.has(stage + '\u0000' + currency + '\u0000' + period)) continue;
      seen.add(stage + '\u0000' + currency + '\u0000' + period);
      const total = totals.receivedIn(node, stage, currency, period) ?? totals.paidIn(node, stage, currency, period);
      if (!total) continue;
      const group = currency + '\u0000' + period;
      const list = byCurrency.get(group) ?? [];
      list.push([stage, total]);
      byCurrency.set(group, list);
    }
    for (const [group, list] of byCurrency) {
      const [currency, period] = group.split('\u0000') as [string, string];
      list.sort(([a], [b]) => CUMULATIVE.indexOf(a) - CUMULATIVE.indexOf(b));
      for (let at = 1; at < list.length; at++) {
        const [earlier, ceiling] = list[at - 1]!;
        const [later, amount] = list[at]!;
        const result = compare({
          check: 'stage-order',
          subject: { nodes: [node], stage: later, against: earlier, ...(period ? { period } : {}) },
          expected: ceiling.amount,
          actual: amount.amount,
          currency,
          tolerance,
          explain: (difference) => `${node}: ${later} exceeds ${earlier} by ${difference.toFixed()}`,
          expectedFrom: ceiling.provenance,
          actualFrom: amount.provenance,
        });
        // Less at a later stage is the normal course of a budget, not a mismatch.
        if (result.status === 'mismatch' && amount.amount.lessThan(ceiling.amount)) {
          result.status = 'ok';
          delete result.reason;
        }
        results.push(result);
      }
    }
  });
  return results;
}
