import { Decimal } from '../../money/Decimal.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { GroupSums } from '../GroupSums.js';
import type { FlowTable } from '../FlowTable.js';
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
    const sums = sumsOf(table);
    const currencies = table.currencies;
    const width = currencies.length * SLOTS;
    const receives = new Uint8Array(table.nodes.length);
    for (let row = 0; row < table.size; row++) receives[table.to[row]!] = 1;
    const flags: Flag[] = [];
    for (let number = 0; number < table.nodes.length; number++) {
      const base = number * width;
      const node = table.nodes[number]!;
      for (const c of currencyOrder(graph, node, sums, base, currencies)) {
        const currency = currencies[c]!;
        const at = base + c * SLOTS;
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

// The sums the rule compares, in numbered slots per currency: what a node received and passed down at modified and
// approved, and what it paid out at paid and exercised.
const RECEIVED_MODIFIED = 0;
const RECEIVED_APPROVED = 1;
const PASSED_MODIFIED = 2;
const PASSED_APPROVED = 3;
const PAID = 4;
const EXERCISED = 5;
const SLOTS = 6;

/**
 * The sums of every node, slot by slot (node x currency x `SLOTS`), in one pass over the flows. A slot given no flow
 * means "no flows at that stage", not zero. Only these six sums are made: the rule needs no provenance behind them and
 * no sum at any other stage.
 */
function sumsOf(table: FlowTable): GroupSums {
  const width = table.currencies.length * SLOTS;
  const sums = new GroupSums(table.nodes.length * width, table, true);
  const { from, to, stage, currency } = table;
  for (let row = 0; row < table.size; row++) {
    const base = currency[row]! * SLOTS;
    switch (stage[row]) {
      case MODIFIED_STAGE:
        sums.add(to[row]! * width + base + RECEIVED_MODIFIED, row);
        sums.add(from[row]! * width + base + PASSED_MODIFIED, row);
        break;
      case APPROVED_STAGE:
        sums.add(to[row]! * width + base + RECEIVED_APPROVED, row);
        sums.add(from[row]! * width + base + PASSED_APPROVED, row);
        break;
      case PAID_STAGE:
        sums.add(from[row]! * width + base + PAID, row);
        break;
      case EXERCISED_STAGE:
        sums.add(from[row]! * width + base + EXERCISED, row);
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
 * The currencies a node may be flagged in (it paid out in them), in the order its flags come: those it received
 * anything in first, then the rest, each in the order the flows first name them.
 */
function currencyOrder(graph: FlowGraph, node: string, sums: GroupSums, base: number, currencies: string[]): number[] {
  const paying: number[] = [];
  for (let c = 0; c < currencies.length; c++) {
    if (sums.has(base + c * SLOTS + PAID) || sums.has(base + c * SLOTS + EXERCISED)) paying.push(c);
  }
  if (paying.length < 2) return paying;
  const received = new Set<string>();
  graph.forEachInEdge(node, (_edge, flow) => {
    received.add(flow.currency);
  });
  const has = (c: number) => received.has(currencies[c]!);
  return [...paying.filter(has), ...paying.filter((c) => !has(c))];
}
