import { assertStage, type Stage } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { MoneySum } from '../MoneySum.js';
import type { Flag, FlagRule } from '../types.js';
import { stageName } from '../stageName.js';

export interface MissingIdentifierOptions {
  /** What a payee without a tax id may receive, per currency, before it is flagged (an exact amount). */
  minimum: string;
  /** The kinds of node that are payees. */
  kinds: string[];
  /** Payment stages in order of preference: per payee and currency, the first at which it received anything. */
  stages: string[];
}

/**
 * `missing-identifier`: a payee (a recipient or an intermediary) that received more than a minimum (500,000 by
 * default, per currency) and that the data name without a tax id. Without an RFC a payee cannot be checked against
 * the SAT 69-B list or a debarment list, nor told apart from another company of the same name.
 *
 * What it received is the sum of its inflows at one stage, the first of `stages` (paid, then exercised) at which it
 * received anything in that currency. The stages are not added together: a budget's stages are cumulative, and the
 * same money paid is also exercised, so adding them would count it twice. The amount at stake is what it received.
 */
export const missingIdentifier: FlagRule<MissingIdentifierOptions> = {
  id: 'missing-identifier',
  title: { en: 'Large payee without a tax id', es: 'Beneficiario sin RFC' },
  severity: 'medium',
  defaults: { minimum: '500000', kinds: ['recipient', 'intermediary'], stages: ['paid', 'exercised'] },
  run({ graph }, options) {
    const minimum = toDecimalArgument(options.minimum, 'config.missing-identifier.minimum');
    const stages = options.stages.map((stage) => assertStage(stage, 'config.missing-identifier.stages'));
    const kinds = new Set(options.kinds);
    const flags: Flag[] = [];
    // One pass over the flows, the payee's attributes given with each: cheaper than walking each node's edges.
    const payees = new Map<string, Map<string, Map<Stage, IndexedFlow[]>>>();
    // Data come grouped by payee often enough: the last payee's entry is kept at hand.
    let lastPayee: string | undefined;
    let received = new Map<string, Map<Stage, IndexedFlow[]>>();
    graph.forEachEdge((edge, flow, _source, target, _sourceAttributes, targetAttributes) => {
      if (!kinds.has(targetAttributes.kind) || targetAttributes.taxId || !stages.includes(flow.stage)) return;
      if (target !== lastPayee) {
        let entry = payees.get(target);
        if (!entry) payees.set(target, (entry = new Map()));
        lastPayee = target;
        received = entry;
      }
      let byStage = received.get(flow.currency);
      if (!byStage) received.set(flow.currency, (byStage = new Map()));
      const list = byStage.get(flow.stage);
      if (list) list.push({ edge, flow });
      else byStage.set(flow.stage, [{ edge, flow }]);
    });
    for (const [node, received] of payees) {
      for (const [currency, byStage] of received) {
        const stage = stages.find((candidate) => byStage.has(candidate))!;
        const flows = byStage.get(stage)!;
        const sum = new MoneySum();
        for (const { flow } of flows) sum.add(flow.amount);
        const total = sum.value();
        if (!total.greaterThan(minimum)) continue;
        const payers = [...new Set(flows.map(({ flow }) => flow.from))];
        const who = describeNode(graph, node);
        const got = money(total, currency);
        const many = flows.length === 1 ? ['flow', 'flujo'] : ['flows', 'flujos'];
        flags.push(
          makeFlag({
            rule: 'missing-identifier',
            severity: options.severity,
            nodes: [node, ...payers],
            flows,
            amount: total,
            currency,
            message: {
              en: `${who} received ${got.en} (${stage}) in ${flows.length} ${many[0]}, and the data give no tax id for it: it cannot be checked against watchlists.`,
              es: `${who} recibió ${got.es} (${stageName(stage as Stage).es}) en ${flows.length} ${many[1]} y los datos no dan su RFC: no se puede cotejar con listas de riesgo.`,
            },
            evidence: {
              received: total.toFixed(),
              stage,
              flows: flows.length,
              payers: payers.length,
              minimum: minimum.toFixed(),
            },
          }),
        );
      }
    }
    return flags;
  },
};
