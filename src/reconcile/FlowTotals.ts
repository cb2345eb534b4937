import { Decimal } from '../money/Decimal.js';
import type { Stage } from '../model/stages.js';
import type { FlowAttributes, FlowGraph, Provenance } from '../model/types.js';
import { mergeProvenance } from './mergeProvenance.js';

/** The total of some flows, with the rows behind it. */
export interface Total {
  amount: Decimal;
  flows: number;
  provenance: Provenance[];
}

/** Adds one flow to a total, creating the total on first use. */
export function addTo(total: Total | undefined, flow: FlowAttributes): Total {
  if (!total) return { amount: flow.amount, flows: 1, provenance: flow.provenance.map((item) => ({ ...item })) };
  total.amount = total.amount.plus(flow.amount);
  total.flows++;
  mergeProvenance(total.provenance, flow.provenance);
  return total;
}

/** A node's totals in numbered slots: no string key per flow. */
interface NodeSlots {
  inflow: Array<Total | undefined>;
  outflow: Array<Total | undefined>;
  /** The same per period too (see `periodOf`). */
  inflowByPeriod: Array<Total | undefined>;
  outflowByPeriod: Array<Total | undefined>;
}

const STAGE_SLOT: Record<Stage, number> = { approved: 0, modified: 1, committed: 2, accrued: 3, exercised: 4, paid: 5 };
const SLOT_STAGE: Stage[] = ['approved', 'modified', 'committed', 'accrued', 'exercised', 'paid'];

/**
 * Every sum the checks share, in one pass over the flows: what each node received and paid, per stage and currency,
 * and per stage, currency and period. Linear in the number of flows; kept per node in slots numbered by stage,
 * currency and period, so that a node's sums are found with one look-up and no string is built per flow.
 */
export class FlowTotals {
  private readonly byNode = new Map<string, NodeSlots>();
  private readonly currencies = new Interner();
  private readonly periods = new Interner();

  private readonly currencyCount: number;
  private periodsDone = false;

  constructor(private readonly graph: FlowGraph) {
    // Currencies first (a cheap pass), so that period slots can be numbered by their count.
    graph.forEachEdge((_edge, flow) => {
      this.currencies.index(flow.currency);
    });
    this.currencyCount = Math.max(1, this.currencies.size);
    // Then one pass over the edges: graphology walks all its edges far faster than it walks each node's edges.
    graph.forEachEdge((_edge, flow) => {
      const slot = this.currencies.index(flow.currency) * 6 + STAGE_SLOT[flow.stage];
      const into = this.slotsOf(flow.to);
      into.inflow[slot] = addTo(into.inflow[slot], flow);
      const outOf = this.slotsOf(flow.from);
      outOf.outflow[slot] = addTo(outOf.outflow[slot], flow);
    });
  }

  /** The sums per period, made on first use: flags need none of them, reconciliation all. */
  private byPeriod(): void {
    if (this.periodsDone) return;
    this.periodsDone = true;
    this.graph.forEachEdge((_edge, flow) => {
      const currency = this.currencies.index(flow.currency);
      const slot = (this.periods.index(periodOf(flow)) * this.width() + currency) * 6 + STAGE_SLOT[flow.stage];
      const into = this.slotsOf(flow.to);
      into.inflowByPeriod[slot] = addTo(into.inflowByPeriod[slot], flow);
      const outOf = this.slotsOf(flow.from);
      outOf.outflowByPeriod[slot] = addTo(outOf.outflowByPeriod[slot], flow);
    });
  }

  received(node: string, stage: Stage, currency: string): Total | undefined {
    const slot = this.slotOf(stage, currency);
    return slot === undefined ? undefined : this.byNode.get(node)?.inflow[slot];
  }

  paid(node: string, stage: Stage, currency: string): Total | undefined {
    const slot = this.slotOf(stage, currency);
    return slot === undefined ? undefined : this.byNode.get(node)?.outflow[slot];
  }

  /**
   * What a node received or paid per stage, currency and period (see `periodOf`). Checks compare like with like: a
   * 2016 allotment with 2016 payments, not with the sum of every year.
   */
  receivedIn(node: string, stage: Stage, currency: string, period: string): Total | undefined {
    this.byPeriod();
    const slot = this.periodSlotOf(stage, currency, period);
    return slot === undefined ? undefined : this.byNode.get(node)?.inflowByPeriod[slot];
  }

  paidIn(node: string, stage: Stage, currency: string, period: string): Total | undefined {
    this.byPeriod();
    const slot = this.periodSlotOf(stage, currency, period);
    return slot === undefined ? undefined : this.byNode.get(node)?.outflowByPeriod[slot];
  }

  /** The stages and currencies a node has flows at, in or out, as `stage\0currency` keys. */
  stagesOf(node: string): Set<string> {
    const slots = this.byNode.get(node);
    const keys = new Set<string>();
    if (!slots) return keys;
    for (const side of [slots.inflow, slots.outflow]) {
      side.forEach((total, slot) => {
        if (total) keys.add(SLOT_STAGE[slot % 6]! + '\u0000' + this.currencies.name(Math.floor(slot / 6)));
      });
    }
    return keys;
  }

  /** The stages, currencies and periods a node has flows at, as `[stage, currency, period]`. */
  periodsOf(node: string): Array<[Stage, string, string]> {
    this.byPeriod();
    const slots = this.byNode.get(node);
    if (!slots) return [];
    const found = new Set<number>();
    for (const side of [slots.inflowByPeriod, slots.outflowByPeriod]) {
      side.forEach((total, slot) => {
        if (total) found.add(slot);
      });
    }
    return [...found].map((slot) => {
      const stage = SLOT_STAGE[slot % 6]!;
      const rest = Math.floor(slot / 6);
      return [stage, this.currencies.name(rest % this.width()), this.periods.name(Math.floor(rest / this.width()))];
    });
  }

  /** Period slots are numbered period x currency x stage; the count of currencies is known before the pass. */
  private width(): number {
    return this.currencyCount;
  }

  private slotOf(stage: Stage, currency: string): number | undefined {
    const index = this.currencies.find(currency);
    return index === undefined ? undefined : index * 6 + STAGE_SLOT[stage];
  }

  private periodSlotOf(stage: Stage, currency: string, period: string): number | undefined {
    const currencyIndex = this.currencies.find(currency);
    const periodIndex = this.periods.find(period);
    if (currencyIndex === undefined || periodIndex === undefined) return undefined;
    return (periodIndex * this.width() + currencyIndex) * 6 + STAGE_SLOT[stage];
  }

  private slotsOf(node: string): NodeSlots {
    let slots = this.byNode.get(node);
    if (!slots) this.byNode.set(node, (slots = { inflow: [], outflow: [], inflowByPeriod: [], outflowByPeriod: [] }));
    return slots;
  }
}

/** Numbers the distinct strings it is shown, in order. */
class Interner {
  private readonly indexes = new Map<string, number>();
  private readonly names: string[] = [];

  index(value: string): number {
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.names.length;
      this.indexes.set(value, index);
      this.names.push(value);
    }
    return index;
  }

  get size(): number {
    return this.names.length;
  }

  find(value: string): number | undefined {
    return this.indexes.get(value);
  }

  name(index: number): string {
    return this.names[index]!;
  }
}

/** The first of some stages at which `find` gives a total: the stage to use when the data lack the preferred one. */
export function firstStage(
  stages: Stage[],
  find: (stage: Stage) => Total | undefined,
): { stage: Stage; total: Total } | undefined {
  for (const stage of stages) {
    const total = find(stage);
    if (total) return { stage, total };
  }
  return undefined;
}

/** The period a flow belongs to: the one it states, else the year of its date, else '' (no period). */
export function periodOf(flow: FlowAttributes): string {
  return flow.period ?? flow.date?.slice(0, 4) ?? '';
}
