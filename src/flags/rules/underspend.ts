import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import type { Decimal } from '../../money/Decimal.js';
import { isIsoDate } from '../../model/isIsoDate.js';
import type { Stage } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import type { FlowAttributes, FlowGraph } from '../../model/types.js';
import { periodBounds } from '../../reconcile/periodBounds.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { fileByNodeAndCurrency } from '../fileByNodeAndCurrency.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { MoneySum } from '../MoneySum.js';
import { percent } from '../percent.js';
import type { Flag, FlagRule } from '../types.js';
import { stageName } from '../stageName.js';

export interface UnderspendOptions {
  /** The share of its allotment a node must have exercised by the end of a period; less is flagged. */
  share: string;
  /**
   * The day the data stand at (YYYY-MM-DD): a period that ends after it is still running and is not judged. null
   * takes every period in the data as closed, as in a Cuenta Pública.
   */
  asOf: string | null;
}

/** A node's flows in one currency, on the allotment side and the execution side. */
interface Sides {
  allotments: IndexedFlow[];
  executions: IndexedFlow[];
}

/** What is compared: the allotment and the execution of one period (or of all of them, under the period ''). */
interface Group {
  period: string;
  /** The periods the allotment flows state; they decide when the group's time is over. */
  periods: Set<string>;
  allotments: IndexedFlow[];
  executions: IndexedFlow[];
}

/**
 * `underspend`: a node exercised (or paid, where the data have no exercised stage) less than a share (80% by default)
 * of its allotment (modified, or approved where there is no modified figure) by the end of a period. Money approved
 * and not spent (subejercicio) is returned or moved elsewhere late in the year, out of sight.
 *
 * Looked at per node and currency. The allotment is what the node received, or, for a node that receives no approved
 * or modified money, what it passed down; the execution is what it paid out. When every allotment flow states its
 * period, each period is compared on its own: an execution flow belongs to the period it states, or to the allotment
 * period that contains its own period or its date; one that falls in no allotment period is not compared. When a
 * flow cannot be placed (no period, or one cauce cannot place on a calendar), the totals are compared instead, so
 * that no money is left out. A node, or a period, with an allotment but no execution figure at all is not flagged:
 * the data do not say what was spent. A period is judged once it has ended, if `asOf` says when the data stand. The
 * amount at stake is the unspent remainder.
 */
export const underspend: FlagRule<UnderspendOptions> = {
  id: 'underspend',
  title: { en: 'Spent little of its budget', es: 'Subejercicio del presupuesto' },
  severity: 'low',
  defaults: { share: '0.8', asOf: null },
  run({ graph }, options) {
    const threshold = toDecimalArgument(options.share, 'config.underspend.share');
    const asOf = options.asOf;
    if (asOf !== null && (typeof asOf !== 'string' || !isIsoDate(asOf))) {
      throw new InvalidArgumentError('config.underspend.asOf', 'expected a date written YYYY-MM-DD, or null');
    }
    const flags: Flag[] = [];
    for (const [node, byCurrency] of sidesOf(graph)) {
      for (const [currency, sides] of byCurrency) {
        if (sides.allotments.length === 0 || sides.executions.length === 0) continue;
        for (const group of groupsOf(sides)) {
          if (group.executions.length === 0) continue;
          if (asOf !== null) {
            const end = endOf(group.periods);
            if (end !== undefined && end > asOf) continue;
          }
          const hasModified = group.allotments.some(({ flow }) => flow.stage === 'modified');
          const allottedStage: Stage = hasModified ? 'modified' : 'approved';
          const allotments = group.allotments.filter(({ flow }) => flow.stage === allottedStage);
          const executedStage = group.executions[0]!.flow.stage;
          const allotted = sum(allotments);
          const executed = sum(group.executions);
          // A zero or negative allotment leaves no share to measure.
          if (!allotted.greaterThan(0)) continue;
          // Compared without dividing, so the decision is exact: executed / allotted < share.
          if (!executed.lessThan(allotted.times(threshold))) continue;
          const unspent = allotted.minus(executed);
          const share = executed.dividedBy(allotted);
          const who = describeNode(graph, node);
          const [spent, budget, left] = [executed, allotted, unspent].map((value) => money(value, currency));
          const when = group.period === '' ? '' : ` for ${group.period}`;
          const cuando = group.period === '' ? '' : ` para ${group.period}`;
          flags.push(
            makeFlag({
              rule: 'underspend',
              severity: options.severity,
              nodes: [node],
              flows: [...allotments, ...group.executions],
              amount: unspent,
              currency,
              message: {
                en: `${who} ${executedStage === 'paid' ? 'paid' : 'exercised'} ${spent!.en} of its ${allottedStage} budget of ${budget!.en}${when} (${percent(share)}, below ${percent(threshold)}): ${left!.en} unspent.`,
                es: `${who} ${executedStage === 'paid' ? 'pagó' : 'ejerció'} ${spent!.es} de su presupuesto ${stageName(allottedStage as Stage).es} de ${budget!.es}${cuando} (${percent(share)}, menos del ${percent(threshold)}): ${left!.es} sin ejercer.`,
              },
              evidence: {
                allotted: allotted.toFixed(),
                allottedStage,
                executed: executed.toFixed(),
                executedStage,
                unspent: unspent.toFixed(),
                share: share.toFixed(),
                threshold: threshold.toFixed(),
                period: group.period,
                asOf: asOf ?? '',
              },
            }),
          );
        }
      }
    }
    return flags;
  },
};

/**
 * Every node's allotment and execution flows per currency. The allotment side is what a node received at approved
 * and modified, or what it passed down where it received none; the execution side what it paid out at exercised, or
 * at paid where it exercised nothing in that currency. Two passes over the flows, the second keeping only the payments
 * of nodes with an allotment: walking each node's edges would visit every payment twice.
 */
function sidesOf(graph: FlowGraph): Map<string, Map<string, Sides>> {
  const received = new Map<string, Map<string, IndexedFlow[]>>();
  const passedDown = new Map<string, Map<string, IndexedFlow[]>>();
  const receive = fileByNodeAndCurrency(received);
  const passDown = fileByNodeAndCurrency(passedDown);
  graph.forEachEdge((edge, flow, source, target) => {
    if (flow.stage !== 'approved' && flow.stage !== 'modified') return;
    // The graph's own key strings where they are the flow's ends: they compare by identity, and a map finds the
    // very string it holds faster than an equal one.
    const item = { edge, flow };
    receive(flow.to === target ? target : flow.to, item);
    passDown(flow.from === source ? source : flow.from, item);
  });
  const exercised = new Map<string, Map<string, IndexedFlow[]>>();
  const paid = new Map<string, Map<string, IndexedFlow[]>>();
  const exercise = fileByNodeAndCurrency(exercised);
  const pay = fileByNodeAndCurrency(paid);
  let lastPayer: string | undefined;
  let allotted = false;
  graph.forEachEdge((edge, flow, source) => {
    if (flow.stage !== 'exercised' && flow.stage !== 'paid') return;
    const payer = flow.from === source ? source : flow.from;
    if (payer !== lastPayer) {
      lastPayer = payer;
      allotted = received.has(payer) || passedDown.has(payer);
    }
    if (!allotted) return;
    (flow.stage === 'exercised' ? exercise : pay)(payer, { edge, flow });
  });
  const sides = new Map<string, Map<string, Sides>>();
  for (const node of new Set([...received.keys(), ...passedDown.keys()])) {
    const into = received.get(node);
    const out = passedDown.get(node);
    const byCurrency = new Map<string, Sides>();
    for (const currency of new Set([...(into?.keys() ?? []), ...(out?.keys() ?? [])])) {
      byCurrency.set(currency, {
        allotments: into?.get(currency) ?? out!.get(currency)!,
        executions: exercised.get(node)?.get(currency) ?? paid.get(node)?.get(currency) ?? [],
      });
    }
    sides.set(node, byCurrency);
  }
  return sides;
}

/** The groups to compare: one per allotment period when every flow can be placed in one, else one of everything. */
function groupsOf({ allotments, executions }: Sides): Group[] {
  const whole = (): Group[] => [
    {
      period: '',
      periods: new Set(allotments.map(({ flow }) => flow.period ?? '')),
      allotments,
      executions,
    },
  ];
  if (!allotments.every(({ flow }) => flow.period !== undefined)) return whole();
  const groups = new Map<string, Group>();
  for (const item of allotments) {
    const period = item.flow.period!;
    let group = groups.get(period);
    if (!group) groups.set(period, (group = { period, periods: new Set([period]), allotments: [], executions: [] }));
    group.allotments.push(item);
  }
  const spans = [...groups.keys()].map((period) => ({ period, bounds: periodBounds(period) }));
  for (const item of executions) {
    const placed = place(item.flow, groups, spans);
    if (placed === undefined) return whole();
    if (placed !== null) groups.get(placed)!.executions.push(item);
  }
  return [...groups.values()];
}

/**
 * The allotment period a flow belongs to; null when it falls in none of them (money of a period with no allotment),
 * undefined when it cannot be placed at all.
 */
function place(
  flow: FlowAttributes,
  groups: Map<string, Group>,
  spans: Array<{ period: string; bounds: { first: string; last: string } | undefined }>,
): string | null | undefined {
  if (flow.period !== undefined && groups.has(flow.period)) return flow.period;
  let first: string;
  let last: string;
  if (flow.period !== undefined) {
    const bounds = periodBounds(flow.period);
    if (bounds === undefined) return undefined;
    ({ first, last } = bounds);
  } else if (flow.date !== undefined) {
    first = last = flow.date;
  } else {
    return undefined;
  }
  let inside: string | undefined;
  let overlaps = false;
  let unplaceable = false;
  for (const { period, bounds } of spans) {
    if (bounds === undefined) {
      unplaceable = true;
    } else if (bounds.first <= first && last <= bounds.last) {
      // Overlapping allotment periods (a year and its quarters) make the place ambiguous.
      if (inside !== undefined) return undefined;
      inside = period;
    } else if (bounds.first <= last && first <= bounds.last) {
      overlaps = true;
    }
  }
  if (inside !== undefined) return overlaps ? undefined : inside;
  // A flow that straddles allotment periods (a yearly payment against quarterly allotments) cannot be split; one
  // outside every period that can be placed might lie in one that cannot.
  return overlaps || unplaceable ? undefined : null;
}

/** The last day of the latest period; undefined when a period is missing or cannot be placed on a calendar. */
function endOf(periods: Set<string>): string | undefined {
  let end: string | undefined;
  for (const period of periods) {
    const bounds = period === '' ? undefined : periodBounds(period);
    if (bounds === undefined) return undefined;
    if (end === undefined || bounds.last > end) end = bounds.last;
  }
  return end;
}

function sum(flows: IndexedFlow[]): Decimal {
  const total = new MoneySum();
  for (const { flow } of flows) total.add(flow.amount);
  return total.value();
}
