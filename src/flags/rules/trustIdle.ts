import { Decimal } from '../../money/Decimal.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import type { Balance, FlowAttributes, FlowGraph } from '../../model/types.js';
import { periodBounds } from '../../reconcile/periodBounds.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { percent } from '../percent.js';
import type { Flag, FlagRule } from '../types.js';

export interface TrustIdleOptions {
  /** The share of what a trust had available in a period that it must spend; less is flagged. */
  share: string;
  /** A closing balance at or below this is not flagged: small funds sitting still are no story. */
  minimumBalance: string;
}

/**
 * `trust-idle`: a trust (a fideicomiso, a fund) that spent less than a share (10% by default) of what it had available
 * in a period while closing it with more than a minimum balance (1,000,000 by default; Mexican federal trusts hold
 * billions, and a small one sitting still is no story). Money parked in trusts leaves the budget's controls: it is
 * spent without the year's deadlines, or not at all.
 *
 * Looked at for every node that reports balances, whatever its kind (a trust that both receives and pays is inferred
 * an intermediary when no input names its kind), once per report (node, period and currency). What it had available
 * is the opening balance plus the income and the yield the report states: yield (rendimientos) can be spent like
 * income. What it spent is the report's expenses; where the report states none, the flows out of the trust in the
 * period (by their period, else their date), paid or else exercised. A report without expenses for a trust that pays
 * nothing in the whole graph, or whose period cannot be placed on a calendar, is not judged: the data do not say
 * what it spent. The amount at stake is the closing balance.
 */
export const trustIdle: FlagRule<TrustIdleOptions> = {
  id: 'trust-idle',
  title: { en: 'Trust sitting on its money', es: 'Fideicomiso con recursos ociosos' },
  severity: 'medium',
  defaults: { share: '0.1', minimumBalance: '1000000' },
  run({ graph }, options) {
    const threshold = toDecimalArgument(options.share, 'config.trust-idle.share');
    const minimum = toDecimalArgument(options.minimumBalance, 'config.trust-idle.minimumBalance');
    const flags: Flag[] = [];
    graph.forEachNode((node, attributes) => {
      for (const balance of attributes.balances) {
        if (!balance.closing.greaterThan(minimum)) continue;
        const available = balance.opening.plus(balance.income ?? 0).plus(balance.yield ?? 0);
        if (!available.greaterThan(0)) continue;
        const spending = spendingOf(graph, node, balance);
        if (!spending) continue;
        // Compared without dividing, so the decision is exact: expenses / available < share.
        if (!spending.expenses.lessThan(available.times(threshold))) continue;
        const share = spending.expenses.dividedBy(available);
        const who = describeNode(graph, node);
        const currency = balance.currency;
        const [spent, had, held] = [spending.expenses, available, balance.closing].map((value) =>
          money(value, currency),
        );
        flags.push(
          makeFlag({
            rule: 'trust-idle',
            severity: options.severity,
            nodes: [node],
            flows: spending.flows,
            amount: balance.closing,
            currency,
            message: {
              en: `${who} spent ${spent!.en} in ${balance.period}, ${percent(share)} of the ${had!.en} it had available, and closed the period holding ${held!.en}.`,
              es: `${who} gastó ${spent!.es} en ${balance.period}, el ${percent(share)} de los ${had!.es} que tenía disponibles, y cerró el periodo con ${held!.es}.`,
            },
            evidence: {
              period: balance.period,
              opening: balance.opening.toFixed(),
              income: (balance.income ?? new Decimal(0)).toFixed(),
              yield: (balance.yield ?? new Decimal(0)).toFixed(),
              available: available.toFixed(),
              expenses: spending.expenses.toFixed(),
              expensesFrom: spending.from,
              share: share.toFixed(),
              threshold: threshold.toFixed(),
              closing: balance.closing.toFixed(),
              minimumBalance: minimum.toFixed(),
            },
            provenance: [balance.provenance],
          }),
        );
      }
    });
    return flags;
  },
};

/** What a trust spent in a report's period: the report's own figure, or its flows out in that period. */
function spendingOf(
  graph: FlowGraph,
  node: string,
  balance: Balance,
): { expenses: Decimal; from: 'report' | 'flows'; flows: IndexedFlow[] } | undefined {
  if (balance.expenses !== undefined) return { expenses: balance.expenses, from: 'report', flows: [] };
  if (graph.outDegree(node) === 0) return undefined;
  const bounds = periodBounds(balance.period);
  const paid: IndexedFlow[] = [];
  const exercised: IndexedFlow[] = [];
  let placeable = true;
  graph.forEachOutEdge(node, (edge, flow: FlowAttributes) => {
    if (flow.currency !== balance.currency || (flow.stage !== 'paid' && flow.stage !== 'exercised')) return;
    let inside: boolean;
    if (flow.period !== undefined) inside = flow.period === balance.period;
    else if (flow.date !== undefined && bounds !== undefined)
      inside = flow.date >= bounds.first && flow.date <= bounds.last;
    else {
      // A dated flow against a period off the calendar, or a flow with neither date nor period: it may belong here.
      placeable = false;
      return;
    }
    if (inside) (flow.stage === 'paid' ? paid : exercised).push({ edge, flow });
  });
  if (!placeable) return undefined;
  const flows = paid.length > 0 ? paid : exercised;
  let expenses = new Decimal(0);
  for (const { flow } of flows) expenses = expenses.plus(flow.amount);
  return { expenses, from: 'flows', flows };
}
