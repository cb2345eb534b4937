import { Decimal } from '../../money/Decimal.js';
import { firstStage } from '../../reconcile/FlowTotals.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import type { Flag, FlagRule } from '../types.js';

export interface OverspendOptions {
  /** How much over its allotment a node may pay before it is flagged (an exact amount). */
  tolerance: string;
}

/**
 * `overspend`: a node paid out (stage paid, or exercised where nothing is paid) more than it was allotted (modified,
 * or approved where nothing is modified). A node's allotment is what it received at that stage, or, for a node at the
 * top of the data, what it passed down.
 */
export const overspend: FlagRule<OverspendOptions> = {
  id: 'overspend',
  title: { en: 'Paid out more than allotted', es: 'Pagó más de lo asignado' },
  severity: 'high',
  defaults: { tolerance: '0' },
  run({ graph, index }, options) {
    const tolerance = new Decimal(options.tolerance);
    const totals = index.totals();
    const flags: Flag[] = [];
    graph.forEachNode((node) => {
      const receives = graph.inDegree(node) > 0;
      const currencies = new Set([...totals.stagesOf(node)].map((key) => key.split('\u0000')[1]!));
      for (const currency of currencies) {
        const allotment = firstStage(['modified', 'approved'], (stage) =>
          receives ? totals.received(node, stage, currency) : totals.paid(node, stage, currency),
        );
        const payments = firstStage(['paid', 'exercised'], (stage) => totals.paid(node, stage, currency));
        if (!allotment || !payments) continue;
        const over = payments.total.amount.minus(allotment.total.amount);
        if (!over.greaterThan(tolerance)) continue;
        const flows: IndexedFlow[] = [];
        graph.forEachOutEdge(node, (edge, flow) => {
          if (flow.stage === payments.stage && flow.currency === currency) flows.push({ edge, flow });
        });
        const who = describeNode(graph, node);
        const [paid, allotted, excess] = [payments.total.amount, allotment.total.amount, over].map((value) =>
          money(value, currency),
        );
        flags.push(
          makeFlag({
            rule: 'overspend',
            severity: options.severity,
            nodes: [node],
            flows,
            amount: over,
            currency,
            message: {
              en: `${who} paid out ${paid!.en} (${payments.stage}) against an allotment of ${allotted!.en} (${allotment.stage}): ${excess!.en} more.`,
              es: `${who} pagó ${paid!.es} (${payments.stage}) con una asignación de ${allotted!.es} (${allotment.stage}): ${excess!.es} de más.`,
            },
            evidence: {
              paid: payments.total.amount.toFixed(),
              paidStage: payments.stage,
              allotted: allotment.total.amount.toFixed(),
              allottedStage: allotment.stage,
              excess: over.toFixed(),
              tolerance: tolerance.toFixed(),
            },
          }),
        );
      }
    });
    return flags;
  },
};
