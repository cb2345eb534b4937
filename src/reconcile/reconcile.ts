import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { assertFlowGraph } from '../model/assertFlowGraph.js';
import { assertStage } from '../model/stages.js';
import type { FlowGraph } from '../model/types.js';
import { checkAllocationVsPayments } from './checkAllocationVsPayments.js';
import { checkConservation } from './checkConservation.js';
import { checkDeclaredTotals } from './checkDeclaredTotals.js';
import { checkHierarchy } from './checkHierarchy.js';
import { checkStageOrder } from './checkStageOrder.js';
import { checkTrustBalance } from './checkTrustBalance.js';
import { FlowTotals } from './FlowTotals.js';
import { CHECK_IDS, type CheckId, type CheckResult, type ReconcileOptions, type ReconcileResult } from './types.js';
import { resolveTolerance } from './withinTolerance.js';
import { appendAll } from '../util/appendAll.js';

/**
 * Checks that the money adds up at every step: declared totals, the hierarchy of classifications, conservation at
 * every node, the order of the budget cycle's stages, trusts' balances, and allotments against payments. Every result
 * carries expected, actual and difference as exact decimal strings, and the files and rows behind both sides.
 * The graph is left as it was found. One pass over the flows, then one over the nodes: linear in the graph's size.
 *
 * @example
 * const { checks, summary } = reconcile(graph, { tolerance: { absolute: '7.3' } });
 * summary.mismatched // 0
 */
export function reconcile(graph: FlowGraph, options: ReconcileOptions = {}): ReconcileResult {
  assertFlowGraph(graph);
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const selected = new Set<CheckId>(options.checks ?? CHECK_IDS);
  for (const check of selected) {
    if (!CHECK_IDS.includes(check)) {
      throw new InvalidArgumentError(
        'options.checks',
        `unknown check ${JSON.stringify(check)}; use ${CHECK_IDS.join(', ')}`,
      );
    }
  }
  const tolerance = resolveTolerance(options.tolerance);
  const trustStage = assertStage(options.trustStage ?? 'paid', 'options.trustStage');
  const totals = new FlowTotals(graph);
  const declared = [...graph.getAttribute('declaredTotals'), ...(options.declaredTotals ?? [])];

  const checks: CheckResult[] = [];
  if (selected.has('declared-total')) appendAll(checks, checkDeclaredTotals(graph, declared, tolerance));
  if (selected.has('hierarchy')) appendAll(checks, checkHierarchy(graph, totals, tolerance));
  if (selected.has('conservation')) appendAll(checks, checkConservation(graph, totals, tolerance));
  if (selected.has('stage-order')) appendAll(checks, checkStageOrder(graph, totals, tolerance));
  if (selected.has('trust-balance')) appendAll(checks, checkTrustBalance(graph, trustStage, tolerance));
  if (selected.has('allocation-vs-payments')) appendAll(checks, checkAllocationVsPayments(graph, totals, tolerance));

  const byCheck: ReconcileResult['summary']['byCheck'] = {};
  for (const id of selected) byCheck[id] = { checked: 0, mismatched: 0, notCheckable: 0 };
  let mismatched = 0;
  let notCheckableCount = 0;
  for (const check of checks) {
    const counts = byCheck[check.check]!;
    if (check.status === 'not-checkable') {
      counts.notCheckable++;
      notCheckableCount++;
      continue;
    }
    counts.checked++;
    if (check.status === 'mismatch') {
      counts.mismatched++;
      mismatched++;
    }
  }
  return {
    checks,
    summary: { checked: checks.length - notCheckableCount, mismatched, notCheckable: notCheckableCount, byCheck },
  };
}
