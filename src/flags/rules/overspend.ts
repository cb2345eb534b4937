import { Decimal } from '../../money/Decimal.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { GroupSums } from '../GroupSums.js';
import type { FlowTable, NodeCurrencyPairs } from '../FlowTable.js';
import type { Scratch } from '../Scratch.js';
import { STAGES, type Stage } from '../../model/stages.js';
import type { FlowGraph } from '../../model/types.js';
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
    const table = index.table();
    const pairs = table.pairs();
    const sums = sumsOf(table, pairs, index.scratch);
    const currencies = table.currencies;
    const receives = index.scratch.uint8(table.nodes.length);
    for (let row = 0; row < table.size; row++) receives[table.to[row]!] = 1;
    const flags: Flag[] = [];
    for (let number = 0; number < table.nodes.length; number++) {
      const node = table.nodes[number]!;
      for (const pair of pairOrder(graph, node, sums, pairs, number, currencies)) {
        const currency = currencies[pairs.currency[pair]!]!;
        const at = pair * SLOTS;
        const allotment =
          receives[number] === 1
            ? firstOf(sums, at, RECEIVED_MODIFIED, 'modified', RECEIVED_APPROVED, 'approved')
            : firstOf(sums, at, PASSED_MODIFIED, 'modified', PASSED_APPROVED, 'approved');
        const payments = firstOf(sums, at, PAID, 'paid', EXERCISED, 'exercised');
        if (!allotment || !payments) continue;
        const over = payments.amount.minus(allotment.amount);
        if (!over.greaterThan(tolerance)) continue;
        const flows: IndexedFlow[] = [];
        graph.forEachOutEdge(node, (edge, flow) => {
          if (flow.stage === payments.stage && flow.currency === currency) flows.push({ edge, flow });
        });
        const who = describeNode(graph, node);
        const [paid, allotted, excess] = [payments.amount, allotment.amount, over].map((value) =>
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
              paid: payments.amount.toFixed(),
              paidStage: payments.stage,
              allotted: allotment.amount.toFixed(),
              allottedStage: allotment.stage,
              excess: over.toFixed(),
              tolerance: tolerance.toFixed(),
            },
          }),
        );
      }
    }
    return flags;
  },
};

// The sums the rule compares, in numbered slots per (node, currency) pair: what a node received and passed down at
// modified and approved, and what it paid out at paid and exercised.
const RECEIVED_MODIFIED = 0;
const RECEIVED_APPROVED = 1;
const PASSED_MODIFIED = 2;
const PASSED_APPROVED = 3;
const PAID = 4;
const EXERCISED = 5;
const SLOTS = 6;

/**
 * The sums of every node and currency, slot by slot (pair x `SLOTS`), in one pass over the flows. A slot given no flow
 * means "no flows at that stage", not zero. Only these six sums are made: the rule needs no provenance behind them and
 * no sum at any other stage.
 */
function sumsOf(table: FlowTable, pairs: NodeCurrencyPairs, scratch: Scratch): GroupSums {
  const sums = new GroupSums(pairs.count * SLOTS, table, scratch, true);
  const { fromPair, toPair } = pairs;
  const { stage } = table;
  for (let row = 0; row < table.size; row++) {
    switch (stage[row]) {
      case MODIFIED_STAGE:
        sums.add(toPair[row]! * SLOTS + RECEIVED_MODIFIED, row);
        sums.add(fromPair[row]! * SLOTS + PASSED_MODIFIED, row);
        break;
      case APPROVED_STAGE:
        sums.add(toPair[row]! * SLOTS + RECEIVED_APPROVED, row);
        sums.add(fromPair[row]! * SLOTS + PASSED_APPROVED, row);
        break;
      case PAID_STAGE:
        sums.add(fromPair[row]! * SLOTS + PAID, row);
        break;
      case EXERCISED_STAGE:
        sums.add(fromPair[row]! * SLOTS + EXERCISED, row);
        break;
    }
  }
  return sums;
}

const APPROVED_STAGE = STAGES.indexOf('approved');
const MODIFIED_STAGE = STAGES.indexOf('modified');
const EXERCISED_STAGE = STAGES.indexOf('exercised');
const PAID_STAGE = STAGES.indexOf('paid');

/** The first of two slots that holds a sum, with its stage. */
function firstOf(
  sums: GroupSums,
  at: number,
  slot: number,
  stage: Stage,
  otherSlot: number,
  otherStage: Stage,
): { stage: Stage; amount: Decimal } | undefined {
  if (sums.has(at + slot)) return { stage, amount: sums.value(at + slot) };
  return sums.has(at + otherSlot) ? { stage: otherStage, amount: sums.value(at + otherSlot) } : undefined;
}

/**
 * The node's pairs it may be flagged in (it paid out in their currency), in the order its flags come: the currencies
 * it received anything in first, then the rest, each in the order the flows first name them.
 */
function pairOrder(
  graph: FlowGraph,
  node: string,
  sums: GroupSums,
  pairs: NodeCurrencyPairs,
  number: number,
  currencies: readonly string[],
): number[] {
  const paying: number[] = [];
  for (let at = pairs.start[number]!; at < pairs.start[number + 1]!; at++) {
    const pair = pairs.byNode[at]!;
    if (sums.has(pair * SLOTS + PAID) || sums.has(pair * SLOTS + EXERCISED)) paying.push(pair);
  }
  if (paying.length < 2) return paying;
  const received = new Set<string>();
  graph.forEachInEdge(node, (_edge, flow) => {
    received.add(flow.currency);
  });
  const has = (pair: number) => received.has(currencies[pairs.currency[pair]!]!);
  return [...paying.filter(has), ...paying.filter((pair) => !has(pair))];
}
