import { Decimal } from '../money/Decimal.js';
import type { Stage } from '../model/stages.js';
import type { Balance, FlowAttributes, FlowGraph, Provenance } from '../model/types.js';
import { compare, notCheckable } from './compare.js';
import { mergeProvenance } from './mergeProvenance.js';
import { periodBounds } from './periodBounds.js';
import type { CheckResult } from './types.js';
import type { ResolvedTolerance } from './withinTolerance.js';

/**
 * `trust-balance`: for every node that reports balances (a fideicomiso's quarterly report), per period:
 * opening + income + yield - expenses = closing; each period opens with the last one's closing; and the declared
 * income and expenses agree with the flows into and out of the trust in that period, where the data have both.
 */
export function checkTrustBalance(graph: FlowGraph, stage: Stage, tolerance: ResolvedTolerance): CheckResult[] {
  const results: CheckResult[] = [];
  graph.forEachNode((node, attributes) => {
    if (attributes.balances.length === 0) return;
    const byCurrency = new Map<string, Balance[]>();
    for (const balance of attributes.balances) {
      const list = byCurrency.get(balance.currency) ?? [];
      list.push(balance);
      byCurrency.set(balance.currency, list);
    }
    for (const [currency, balances] of byCurrency) {
      balances.sort((a, b) =>
        (periodBounds(a.period)?.first ?? a.period).localeCompare(periodBounds(b.period)?.first ?? b.period),
      );
      balances.forEach((balance, at) => {
        const subject = { nodes: [node], period: balance.period };
        const expected = balance.opening
          .plus(balance.income ?? 0)
          .plus(balance.yield ?? 0)
          .minus(balance.expenses ?? 0);
        results.push(
          compare({
            check: 'trust-balance',
            subject: { ...subject, group: 'identity' },
            expected,
            actual: balance.closing,
            currency,
            tolerance,
            explain: (difference) =>
              `${node} ${balance.period}: opening + income + yield - expenses is ${expected.toFixed()}, the reported ` +
              `closing balance differs by ${difference.toFixed()}`,
            expectedFrom: [balance.provenance],
            actualFrom: [balance.provenance],
          }),
        );
        // Roll forward between consecutive reports of the same length: a yearly report beside quarterly ones is a
        // summary of them, not the quarter before.
        const span = spanOf(balance.period);
        const previous = balances
          .slice(0, at)
          .reverse()
          .find((earlier) => spanOf(earlier.period) === span);
        if (previous) {
          results.push(
            compare({
              check: 'trust-balance',
              subject: { ...subject, group: 'roll-forward' },
              expected: previous.closing,
              actual: balance.opening,
              currency,
              tolerance,
              explain: (difference) =>
                `${node} opens ${balance.period} with a balance that differs by ${difference.toFixed()} from its ` +
                `closing balance of ${previous.period}`,
              expectedFrom: [previous.provenance],
              actualFrom: [balance.provenance],
            }),
          );
        }
        for (const side of ['income', 'expenses'] as const) {
          const declared = balance[side];
          if (declared === undefined) continue;
          const flows = flowsInPeriod(graph, node, side === 'income' ? 'in' : 'out', balance.period, stage, currency);
          if (flows === undefined) {
            results.push(
              notCheckable(
                'trust-balance',
                { ...subject, group: side },
                currency,
                `the period ${JSON.stringify(balance.period)} is not one cauce can place on a calendar`,
              ),
            );
            continue;
          }
          // No flow in the period: if the trust has flows at that stage in other periods, the data say it received
          // (or spent) nothing in this one, which the report contradicts; if it has none at all, there is nothing
          // to compare.
          if (flows.count === 0 && !flows.anyAtStage) continue;
          results.push(
            compare({
              check: 'trust-balance',
              subject: { ...subject, group: side, stage },
              expected: declared,
              actual: flows.amount,
              currency,
              tolerance,
              explain: (difference) =>
                `${node} ${balance.period}: the ${stage} flows ${side === 'income' ? 'into' : 'out of'} the trust add ` +
                `up to ${flows.amount.toFixed()}, the report says ${side} ${declared.toFixed()} (difference ` +
                `${difference.toFixed()})`,
              expectedFrom: [balance.provenance],
              actualFrom: flows.provenance,
            }),
          );
        }
      });
    }
  });
  return results;
}

/** The flows into or out of a node within a period: by their period when they state one, else by their date. */
function flowsInPeriod(
  graph: FlowGraph,
  node: string,
  side: 'in' | 'out',
  period: string,
  stage: Stage,
  currency: string,
) {
  const bounds = periodBounds(period);
  let amount = new Decimal(0);
  let count = 0;
  let anyAtStage = false;
  const provenance: Provenance[] = [];
  let placeable = true;
  const visit = (_edge: string, flow: FlowAttributes) => {
    if (flow.stage !== stage || flow.currency !== currency) return;
    anyAtStage = true;
    // A flow's own period counts when it equals the report's or falls inside it (2016-02 inside 2016-Q1).
    const own = flow.period === undefined ? undefined : periodBounds(flow.period);
    const inside =
      flow.period !== undefined
        ? flow.period === period ||
          (own !== undefined && bounds !== undefined && own.first >= bounds.first && own.last <= bounds.last)
        : flow.date !== undefined && bounds !== undefined && flow.date >= bounds.first && flow.date <= bounds.last;
    if (flow.period === undefined && flow.date !== undefined && bounds === undefined) placeable = false;
    if (!inside) return;
    amount = amount.plus(flow.amount);
    count++;
    mergeProvenance(provenance, flow.provenance);
  };
  if (side === 'in') graph.forEachInEdge(node, visit);
  else graph.forEachOutEdge(node, visit);
  return placeable ? { amount, count, provenance, anyAtStage } : undefined;
}

/** How long a period is, in days (a year, a quarter, a month); undefined when it cannot be placed. */
function spanOf(period: string): number | undefined {
  const bounds = periodBounds(period);
  if (!bounds) return undefined;
  return Math.round((Date.parse(bounds.last) - Date.parse(bounds.first)) / 86_400_000 / 28);
}
