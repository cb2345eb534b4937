import { Decimal } from '../../money/Decimal.js';
import { assertStage } from '../../model/stages.js';
import { stagePlaces } from '../paymentRows.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { GroupSums } from '../GroupSums.js';
import { SAFE_CENTS } from '../MoneySum.js';
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
  run({ graph, index }, options) {
    const minimum = toDecimalArgument(options.minimum, 'config.missing-identifier.minimum');
    const stages = options.stages.map((stage) => assertStage(stage, 'config.missing-identifier.stages'));
    const kinds = new Set(options.kinds);
    const table = index.table();
    const { to, stage: stageOf } = table;
    const currencies = table.currencies;
    const pairs = table.pairs();
    const { toPair } = pairs;
    // Each stage's place in `stages`, -1 for the stages the rule does not read.
    const slotOf = stagePlaces(stages);
    const slots = stages.length;
    // Payees are numbered as their first flow comes, which is the order their flags come in; -2 marks a node that is
    // not one the rule looks at.
    const payeeOf = index.scratch.int32(table.nodes.length);
    table.nodeAttributes.forEach((attributes, node) => {
      payeeOf[node] = kinds.has(attributes.kind) && !attributes.taxId ? -1 : -2;
    });
    const payees: number[] = [];
    // Sums per (payee, currency) pair and stage; and each pair's first flow, which orders a payee's flags.
    const sums = new GroupSums(pairs.count * slots, table, index.scratch);
    const firstRow = index.scratch.int32(pairs.count, -1);
    for (let row = 0; row < table.size; row++) {
      const slot = slotOf[stageOf[row]!]!;
      let payee = payeeOf[to[row]!]!;
      if (slot < 0 || payee === -2) continue;
      if (payee === -1) {
        payee = payeeOf[to[row]!] = payees.length;
        payees.push(to[row]!);
      }
      const pair = toPair[row]!;
      if (firstRow[pair] === -1) firstRow[pair] = row;
      sums.add(pair * slots + slot, row);
    }

    // A sum of cents is over the minimum exactly when it is over the minimum's cents rounded down, a whole number.
    const floorCents = minimum.times(100).floor().toNumber();
    const inCents = Math.abs(floorCents) < SAFE_CENTS;
    // Per payee and currency, the stage read is the first of `stages` with flows; the groups over the minimum, in the
    // order their flags come.
    const over: number[] = [];
    for (const payee of payees) {
      const received: number[] = [];
      for (let at = pairs.start[payee]!; at < pairs.start[payee + 1]!; at++) {
        if (firstRow[pairs.byNode[at]!] !== -1) received.push(pairs.byNode[at]!);
      }
      if (received.length > 1) received.sort((a, b) => firstRow[a]! - firstRow[b]!);
      for (const pair of received) {
        let group = pair * slots;
        while (!sums.has(group)) group++;
        const cents = sums.centsOf(group);
        if (inCents && cents === cents ? cents > floorCents : sums.value(group).greaterThan(minimum)) over.push(group);
      }
    }
    if (over.length === 0) return [];

    // The flows of those groups only, gathered in one more pass, in the graph's order.
    const flagOf = index.scratch.int32(sums.counts.length, -1);
    over.forEach((group, at) => (flagOf[group] = at));
    const rowsOf = over.map((): number[] => []);
    for (let row = 0; row < table.size; row++) {
      const slot = slotOf[stageOf[row]!]!;
      const payee = payeeOf[to[row]!]!;
      if (slot < 0 || payee < 0) continue;
      const at = flagOf[toPair[row]! * slots + slot]!;
      if (at >= 0) rowsOf[at]!.push(row);
    }
    // A flag's payers, told apart by node number: a node is marked with the last flag that named it.
    const namedBy = index.scratch.int32(table.nodes.length, -1);
    const flags: Flag[] = [];
    for (const [at, group] of over.entries()) {
      const pair = Math.floor(group / slots);
      const node = table.nodes[pairs.node[pair]!]!;
      const currency = currencies[pairs.currency[pair]!]!;
      const stage = stages[group % slots]!;
      const flows: IndexedFlow[] = [];
      const payers: string[] = [];
      for (const row of rowsOf[at]!) {
        flows.push(table.indexed(row));
        const payer = table.from[row]!;
        if (namedBy[payer] === at) continue;
        namedBy[payer] = at;
        payers.push(table.nodes[payer]!);
      }
      const total = sums.value(group);
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
            es: `${who} recibió ${got.es} (${stageName(stage).es}) en ${flows.length} ${many[1]} y los datos no dan su RFC: no se puede cotejar con listas de riesgo.`,
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
    return flags;
  },
};
