import { Decimal } from '../../money/Decimal.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import type { FlowGraph } from '../../model/types.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { fileByNodeAndCurrency } from '../fileByNodeAndCurrency.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { MoneySum } from '../MoneySum.js';
import { percent } from '../percent.js';
import type { Flag, FlagRule, Severity } from '../types.js';

export interface BudgetShiftOptions {
  /** The share of the approved amount by which the modified one may differ, either way, before it is flagged. */
  share: string;
}

/** A node's approved and modified flows on one side, in one currency and period. */
interface Group {
  period: string;
  approved: IndexedFlow[];
  modified: IndexedFlow[];
}

/**
 * `budget-shift`: a node's modified budget differs from its approved budget by more than a share of it (10% by
 * default), cut or increased. In Mexico the modified budget (modificado) is what the approved one (aprobado) became
 * after the year's transfers between programmes; large ones move money away from what Congress voted.
 *
 * Looked at per node and currency: what the node received at each stage, or, for a node that receives no approved or
 * modified money (the top of the data), what it passed down. When every approved and modified flow of the node in
 * that currency states its period, each period is compared on its own; otherwise the totals are, since a flow without
 * a period cannot be placed and leaving it out would hide money. A node with only one of the two stages is not
 * looked at. The amount at stake is the difference; an approved amount of zero makes any modified amount a shift, and
 * its share is written `Infinity`.
 */
export const budgetShift: FlagRule<BudgetShiftOptions> = {
  id: 'budget-shift',
  title: { en: 'Budget changed during the year', es: 'Presupuesto modificado durante el año' },
  severity: 'low',
  defaults: { share: '0.1' },
  run({ graph }, options) {
    const threshold = toDecimalArgument(options.share, 'config.budget-shift.share');
    const flags: Flag[] = [];
    // One pass over the flows: walking each node's edges would visit every payment twice for a few allotments.
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
    for (const node of new Set([...received.keys(), ...passedDown.keys()])) {
      const into = received.get(node);
      const out = passedDown.get(node);
      for (const currency of new Set([...(into?.keys() ?? []), ...(out?.keys() ?? [])])) {
        const side = into?.get(currency) ?? out!.get(currency)!;
        for (const group of byPeriod(side)) {
          if (group.approved.length === 0 || group.modified.length === 0) continue;
          const approved = sum(group.approved);
          const modified = sum(group.modified);
          const change = modified.minus(approved);
          // Compared without dividing, so the decision is exact and an approved amount of zero needs no special case.
          if (!change.abs().greaterThan(approved.abs().times(threshold))) continue;
          flags.push(shiftFlag(graph, node, currency, group, approved, modified, threshold, options.severity));
        }
      }
    }
    return flags;
  },
};

function shiftFlag(
  graph: FlowGraph,
  node: string,
  currency: string,
  group: Group,
  approved: Decimal,
  modified: Decimal,
  threshold: Decimal,
  severity: Severity,
): Flag {
  const change = modified.minus(approved);
  const share = approved.isZero() ? new Decimal(Infinity) : change.abs().dividedBy(approved.abs());
  const cut = change.isNegative();
  const who = describeNode(graph, node);
  const [was, now, moved] = [approved, modified, change.abs()].map((value) => money(value, currency));
  const when = group.period === '' ? '' : ` for ${group.period}`;
  const cuando = group.period === '' ? '' : ` para ${group.period}`;
  const size = share.isFinite() ? ` (${percent(share)})` : '';
  return makeFlag({
    rule: 'budget-shift',
    severity,
    nodes: [node],
    flows: [...group.approved, ...group.modified],
    amount: change.abs(),
    currency,
    message: {
      en: `${who}'s budget${when} was ${cut ? 'cut' : 'increased'} from ${was!.en} approved to ${now!.en} modified: ${moved!.en} ${cut ? 'less' : 'more'}${size}.`,
      es: `El presupuesto de ${who}${cuando} ${cut ? 'se redujo' : 'se amplió'} de ${was!.es} aprobado a ${now!.es} modificado: ${moved!.es} ${cut ? 'menos' : 'más'}${size}.`,
    },
    evidence: {
      approved: approved.toFixed(),
      modified: modified.toFixed(),
      change: change.toFixed(),
      direction: cut ? 'cut' : 'increase',
      share: share.toFixed(),
      threshold: threshold.toFixed(),
      period: group.period,
    },
  });
}

/** The flows by period when every one states a period; else one group of them all, under the period ''. */
function byPeriod(flows: IndexedFlow[]): Group[] {
  const split = flows.every(({ flow }) => flow.period !== undefined);
  const groups = new Map<string, Group>();
  for (const item of flows) {
    const period = split ? item.flow.period! : '';
    let group = groups.get(period);
    if (!group) groups.set(period, (group = { period, approved: [], modified: [] }));
    group[item.flow.stage as 'approved' | 'modified'].push(item);
  }
  return [...groups.values()];
}

function sum(flows: IndexedFlow[]): Decimal {
  const total = new MoneySum();
  for (const { flow } of flows) total.add(flow.amount);
  return total.value();
}
