import type { Decimal } from '../../money/Decimal.js';
import { assertStage, type Stage } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import type { FlowAttributes } from '../../model/types.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { MoneySum } from '../MoneySum.js';
import { percent } from '../percent.js';
import { stageName } from '../stageName.js';
import type { Flag, FlagRule } from '../types.js';

export interface PassThroughOptions {
  /** The share of what a body received that it may pass on to third parties; passing on more is flagged. */
  share: string;
  /** How many distinct third parties the money must go to: one subcontractor is ordinary, a spread is not. */
  minThirdParties: number;
  /** The kinds of node that are paid to deliver, and so should not pass the money on. */
  kinds: string[];
  /** Payment stages in order of preference: per group, the first at which the body both received and paid out. */
  stages: string[];
}

/** A body's flows in one currency and period, by stage. */
interface Group {
  currency: string;
  period: string;
  inflows: Map<Stage, IndexedFlow[]>;
  outflows: Map<Stage, IndexedFlow[]>;
}

/**
 * `pass-through`: a body paid to deliver (an intermediary or a recipient) that passed more than a share of what it
 * received (49% by default) on to two or more third parties in the same period. Mexican rules require a public body
 * hired through an agreement between agencies to execute at least 51% itself; "La Estafa Maestra" was ministries paying
 * public universities that passed the money to companies, many of them shells, keeping 10-15%.
 *
 * Looked at per body, currency and period: a flow's period is its `period`, else the calendar year of its date; flows
 * with neither form one undated group of their own. In each group the stage is the first of `stages` (paid, then
 * exercised) at which the body both received and paid out. Third parties are the payees other than the body's own
 * payers in that group: money sent back to a payer is a refund, not a pass-through, and is reported apart as returned.
 * Agencies, units, programmes, budget lines, trusts and sources exist to pass money on and are not looked at. The
 * amount at stake is what was passed on.
 */
export const passThrough: FlagRule<PassThroughOptions> = {
  id: 'pass-through',
  title: { en: 'Passed most of the money on', es: 'Traspasó la mayor parte del dinero' },
  severity: 'medium',
  defaults: { share: '0.49', minThirdParties: 2, kinds: ['intermediary', 'recipient'], stages: ['paid', 'exercised'] },
  run({ graph }, options) {
    const threshold = toDecimalArgument(options.share, 'config.pass-through.share');
    const stages = options.stages.map((stage) => assertStage(stage, 'config.pass-through.stages'));
    const kinds = new Set(options.kinds);
    const flags: Flag[] = [];
    graph.forEachNode((node, attributes) => {
      // A body that pays nothing out passes nothing on: most recipients are skipped before their inflows are walked.
      if (!kinds.has(attributes.kind) || graph.outDegree(node) === 0) return;
      // Currency, then period: a key built per flow would allocate a string for each flow.
      const groups = new Map<string, Map<string, Group>>();
      const place = (edge: string, flow: FlowAttributes, side: 'inflows' | 'outflows') => {
        const stage = flow.stage;
        if (!stages.includes(stage)) return;
        const period = flow.period ?? (flow.date === undefined ? '' : flow.date.slice(0, 4));
        let byPeriod = groups.get(flow.currency);
        if (!byPeriod) groups.set(flow.currency, (byPeriod = new Map()));
        let group = byPeriod.get(period);
        if (!group)
          byPeriod.set(period, (group = { currency: flow.currency, period, inflows: new Map(), outflows: new Map() }));
        const list = group[side].get(stage);
        if (list) list.push({ edge, flow });
        else group[side].set(stage, [{ edge, flow }]);
      };
      graph.forEachInEdge(node, (edge, flow) => place(edge, flow, 'inflows'));
      graph.forEachOutEdge(node, (edge, flow) => place(edge, flow, 'outflows'));

      for (const { currency, period, inflows, outflows } of [...groups.values()].flatMap((byPeriod) => [
        ...byPeriod.values(),
      ])) {
        const stage = stages.find((candidate) => inflows.has(candidate) && outflows.has(candidate));
        if (stage === undefined) continue;
        const incoming = inflows.get(stage)!;
        const payers = new Set(incoming.map(({ flow }) => flow.from));
        const received = sum(incoming);
        // Nothing received means no share to measure: a body seen only paying out is another rule's business.
        if (!received.greaterThan(0)) continue;
        const onward: IndexedFlow[] = [];
        const back: IndexedFlow[] = [];
        for (const item of outflows.get(stage)!) (payers.has(item.flow.to) ? back : onward).push(item);
        const thirdParties = [...new Set(onward.map(({ flow }) => flow.to))];
        if (thirdParties.length < options.minThirdParties) continue;
        const passedOn = sum(onward);
        // Compared without dividing, so the decision is exact: passedOn / received > share.
        if (!passedOn.greaterThan(received.times(threshold))) continue;
        const returned = sum(back);
        const kept = received.minus(passedOn).minus(returned);
        const share = passedOn.dividedBy(received);
        const who = describeNode(graph, node);
        const [got, passed, left] = [received, passedOn, kept].map((value) => money(value, currency));
        const when = period === '' ? '' : ` in ${period}`;
        const cuando = period === '' ? '' : ` en ${period}`;
        flags.push(
          makeFlag({
            rule: 'pass-through',
            severity: options.severity,
            nodes: [node, ...payers, ...thirdParties],
            flows: [...incoming, ...onward],
            amount: passedOn,
            currency,
            message: {
              en: `${who} received ${got!.en}${when} (${stage}) and passed ${passed!.en} of it on to ${thirdParties.length} third parties: ${percent(share)}, more than the ${percent(threshold)} allowed; it kept ${left!.en}.`,
              es: `${who} recibió ${got!.es}${cuando} (${stageName(stage).es}) y traspasó ${passed!.es} a ${thirdParties.length} terceros: ${percent(share)}, más del ${percent(threshold)} permitido; se quedó con ${left!.es}.`,
            },
            evidence: {
              received: received.toFixed(),
              passedOn: passedOn.toFixed(),
              returnedToPayers: returned.toFixed(),
              kept: kept.toFixed(),
              share: share.toFixed(),
              thirdParties: thirdParties.length,
              stage,
              period,
              threshold: threshold.toFixed(),
              minThirdParties: options.minThirdParties,
            },
          }),
        );
      }
    });
    return flags;
  },
};

function sum(flows: IndexedFlow[]): Decimal {
  const total = new MoneySum();
  for (const { flow } of flows) total.add(flow.amount);
  return total.value();
}
