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

interface NodeTotals {
  inflow: Map<string, Total>;
  outflow: Map<string, Total>;
}

/** A node's totals per stage and currency, in slots numbered stage x currency: no string key per flow. */
interface NodeSlots {
  inflow: Array<Total | undefined>;
  outflow: Array<Total | undefined>;
}

const STAGE_SLOT: Record<Stage, number> = { approved: 0, modified: 1, committed: 2, accrued: 3, exercised: 4, paid: 5 };
const SLOT_STAGE: Stage[] = ['approved', 'modified', 'committed', 'accrued', 'exercised', 'paid'];

/**
 * Every sum the checks share, in one pass over the flows: what each node received and paid, per stage and currency.
 * Linear in the number of flows; kept per node, so that a node's sums are found with one look-up.
 */
export class FlowTotals {
  private readonly byNode = new Map<string, NodeSlots>();
  private readonly currencies = new Map<string, number>();
  private readonly currencyNames: string[] = [];
  private byNodePeriod: Map<string, NodeTotals> | undefined;

  constructor(private readonly graph: FlowGraph) {
    // One pass over the edges: graphology walks all its edges far faster than it walks each node's edges, and a slot
    // number per stage and currency costs less than a string key per flow.
    graph.forEachEdge((_edge, flow) => {
      const slot = this.slotOf(flow.stage, flow.currency, true)!;
      const into = this.slotsOf(flow.to).inflow;
      into[slot] = addTo(into[slot], flow);
      const outOf = this.slotsOf(flow.from).outflow;
      outOf[slot] = addTo(outOf[slot], flow);
    });
  }

  received(node: string, stage: Stage, currency: string): Total | undefined {
    const slot = this.slotOf(stage, currency, false);
    return slot === undefined ? undefined : this.byNode.get(node)?.inflow[slot];
  }

  paid(node: string, stage: Stage, currency: string): Total | undefined {
    const slot = this.slotOf(stage, currency, false);
    return slot === undefined ? undefined : this.byNode.get(node)?.outflow[slot];
  }

  /** The stages and currencies a node has flows at, in or out, as `stage\0currency` keys. */
  stagesOf(node: string): Set<string> {
    const slots = this.byNode.get(node);
    const keys = new Set<string>();
    if (!slots) return keys;
    for (const side of [slots.inflow, slots.outflow]) {
      side.forEach((total, slot) => {
        if (total) keys.add(SLOT_STAGE[slot % 6]! + '\u0000' + this.currencyNames[Math.floor(slot / 6)]!);
      });
    }
    return keys;
  }

  private slotOf(stage: Stage, currency: string, create: boolean): number | undefined {
    let index = this.currencies.get(currency);
    if (index === undefined) {
      if (!create) return undefined;
      index = this.currencyNames.length;
      this.currencies.set(currency, index);
      this.currencyNames.push(currency);
    }
    return index * 6 + STAGE_SLOT[stage];
  }

  private slotsOf(node: string): NodeSlots {
    let slots = this.byNode.get(node);
    if (!slots) this.byNode.set(node, (slots = { inflow: [], outflow: [] }));
    return slots;
  }

  private totalsOf(map: Map<string, NodeTotals>, node: string): NodeTotals {
    let totals = map.get(node);
    if (!totals) map.set(node, (totals = { inflow: new Map(), outflow: new Map() }));
    return totals;
  }

  /**
   * What a node received or paid per stage, currency and period (see `periodOf`), built on first use. Checks compare
   * like with like: a 2016 allotment with 2016 payments, not with the sum of every year.
   */
  receivedIn(node: string, stage: Stage, currency: string, period: string): Total | undefined {
    return this.periods()
      .get(node)
      ?.inflow.get(stage + '\u0000' + currency + '\u0000' + period);
  }

  paidIn(node: string, stage: Stage, currency: string, period: string): Total | undefined {
    return this.periods()
      .get(node)
      ?.outflow.get(stage + '\u0000' + currency + '\u0000' + period);
  }

  /** The stages, currencies and periods a node has flows at, as `[stage, currency, period]`. */
  periodsOf(node: string): Array<[Stage, string, string]> {
    const totals = this.periods().get(node);
    const keys = new Set(totals ? [...totals.inflow.keys(), ...totals.outflow.keys()] : []);
    return [...keys].map((key) => key.split('\u0000') as [Stage, string, string]);
  }

  private periods(): Map<string, NodeTotals> {
    if (this.byNodePeriod) return this.byNodePeriod;
    const byNode = new Map<string, NodeTotals>();
    this.graph.forEachEdge((_edge, flow) => {
      const key = flow.stage + '\u0000' + flow.currency + '\u0000' + periodOf(flow);
      const into = this.totalsOf(byNode, flow.to).inflow;
      into.set(key, addTo(into.get(key), flow));
      const outOf = this.totalsOf(byNode, flow.from).outflow;
      outOf.set(key, addTo(outOf.get(key), flow));
    });
    this.byNodePeriod = byNode;
    return byNode;
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
