import type { FlowNodeAttributes } from '../model/types.js';
import type { FlowTotals } from './FlowTotals.js';
import type { Entry } from './Sum.js';
import type { CheckSubject } from './types.js';

/**
 * Visits every slot (stage, currency, period) in which a node both received and paid, node by node in the graph's
 * order and slot by slot, with the subject a check on it reports: what `hierarchy` and `conservation` compare.
 */
export function forEachPassedOn(
  totals: FlowTotals,
  visit: (
    attributes: FlowNodeAttributes,
    received: Entry,
    paid: Entry,
    subject: CheckSubject,
    currency: string,
  ) => void,
): void {
  totals.forEachNodeSums((node, attributes, { inflow, outflow }) => {
    // Only the slots a node both received and paid in are compared: they are among those it received in, in order.
    for (let slot = 0; slot < inflow.length; slot++) {
      const received = inflow[slot];
      const paid = outflow[slot];
      if (received === undefined || paid === undefined) continue;
      const period = totals.periodOfSlot(slot);
      const subject: CheckSubject = { nodes: [node], stage: totals.stageOf(slot) };
      if (period) subject.period = period;
      visit(attributes, received, paid, subject, totals.currencyOf(slot));
    }
  });
}
