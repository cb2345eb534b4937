import { Decimal } from '../../money/Decimal.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { MoneySum } from '../MoneySum.js';
import type { Stage } from '../../model/stages.js';
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
  run({ graph }, options) {
    const tolerance = new Decimal(options.tolerance);
    const { sums, currencies } = sumsOf(graph);
    const flags: Flag[] = [];
    graph.forEachNode((node) => {
      const mine = sums.get(node);
      if (!mine) return;
      const receives = graph.inDegree(node) > 0;
      for (const c of currencyOrder(graph, node, mine, currencies)) {
        const currency = currencies[c]!;
        const allotment = receives
          ? firstOf(mine, c, RECEIVED_MODIFIED, 'modified', RECEIVED_APPROVED, 'approved')
          : firstOf(mine, c, PASSED_MODIFIED, 'modified', PASSED_APPROVED, 'approved');
        const payments = firstOf(mine, c, PAID, 'paid', EXERCISED, 'exercised');
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
    });
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
 * The sums of every node that allots or pays, slot by slot (currency x `SLOTS`), in one pass over the flows, with
 * the currencies numbered in the order the flows first name them. A slot is empty until a flow is added to it, so an
 * empty one means "no flows at that stage", not zero. Only these six sums are made: the rule needs no provenance
 * behind them and no sum at any other stage.
 */
function sumsOf(graph: FlowGraph): { sums: Map<string, Array<MoneySum | undefined>>; currencies: string[] } {
  const sums = new Map<string, Array<MoneySum | undefined>>();
  const currencies: string[] = [];
  const numbers = new Map<string, number>();
  let lastCurrency: string | undefined;
  let lastNumber = 0;
  // Flows come grouped by payer in most data: the last node's slots are kept at hand, one for each end, so that a
  // run of flows from one node looks it up once.
  let lastFrom: string | undefined;
  let fromSlots: Array<MoneySum | undefined> = [];
  let lastTo: string | undefined;
  let toSlots: Array<MoneySum | undefined> = [];
  const slotsOf = (node: string) => {
    let mine = sums.get(node);
    if (!mine) sums.set(node, (mine = []));
    return mine;
  };
  const add = (slots: Array<MoneySum | undefined>, slot: number, amount: Decimal) => {
    let sum = slots[slot];
    if (sum === undefined) slots[slot] = sum = new MoneySum(true);
    sum.add(amount);
  };
  graph.forEachEdge((_edge, flow, source, target) => {
    // The graph's own key strings where they are the flow's ends: they compare by identity, and a map finds the very
    // string it holds faster than an equal one.
    const from = flow.from === source ? source : flow.from;
    const to = flow.to === target ? target : flow.to;
    if (from !== lastFrom) {
      lastFrom = from;
      fromSlots = slotsOf(from);
    }
    // Most flows share their currency with the one before: compared first, it spares a look-up per flow.
    if (flow.currency !== lastCurrency) {
      let number = numbers.get(flow.currency);
      if (number === undefined) {
        number = currencies.length;
        numbers.set(flow.currency, number);
        currencies.push(flow.currency);
      }
      lastCurrency = flow.currency;
      lastNumber = number;
    }
    const base = lastNumber * SLOTS;
    switch (flow.stage) {
      case 'modified':
      case 'approved':
        if (to !== lastTo) {
          lastTo = to;
          toSlots = slotsOf(to);
        }
        add(toSlots, base + (flow.stage === 'modified' ? RECEIVED_MODIFIED : RECEIVED_APPROVED), flow.amount);
        add(fromSlots, base + (flow.stage === 'modified' ? PASSED_MODIFIED : PASSED_APPROVED), flow.amount);
        break;
      case 'paid':
        add(fromSlots, base + PAID, flow.amount);
        break;
      case 'exercised':
        add(fromSlots, base + EXERCISED, flow.amount);
        break;
    }
  });
  return { sums, currencies };
}

/** The first of two slots that holds a sum, with its stage. */
function firstOf(
  sums: Array<MoneySum | undefined>,
  currency: number,
  slot: number,
  stage: Stage,
  otherSlot: number,
  otherStage: Stage,
): { stage: Stage; amount: Decimal } | undefined {
  const first = sums[currency * SLOTS + slot];
  if (first !== undefined) return { stage, amount: first.value() };
  const other = sums[currency * SLOTS + otherSlot];
  return other === undefined ? undefined : { stage: otherStage, amount: other.value() };
}

/**
 * The currencies a node may be flagged in (it paid out in them), in the order its flags come: those it received
 * anything in first, then the rest, each in the order the flows first name them.
 */
function currencyOrder(
  graph: FlowGraph,
  node: string,
  sums: Array<MoneySum | undefined>,
  currencies: string[],
): number[] {
  const paying: number[] = [];
  for (let c = 0; c < currencies.length; c++) {
    if (sums[c * SLOTS + PAID] !== undefined || sums[c * SLOTS + EXERCISED] !== undefined) paying.push(c);
  }
  if (paying.length < 2) return paying;
  const received = new Set<string>();
  graph.forEachInEdge(node, (_edge, flow) => {
    received.add(flow.currency);
  });
  const has = (c: number) => received.has(currencies[c]!);
  return [...paying.filter(has), ...paying.filter((c) => !has(c))];
}
