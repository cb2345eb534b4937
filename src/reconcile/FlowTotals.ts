import { Decimal } from '../money/Decimal.js';
import type { Stage } from '../model/stages.js';
import type { FlowGraph, Provenance } from '../model/types.js';
import { mergeProvenance } from './mergeProvenance.js';

/** The total of some flows, with the rows behind it. */
export interface Total {
  amount: Decimal;
  flows: number;
  provenance: Map<string, Provenance>;
}

export const keyOf = (...parts: Array<string | undefined>) => parts.map((part) => part ?? '').join('\u0000');

/**
 * Every sum the checks need, in one pass over the flows: what each node received and paid, per stage and currency,
 * and per period too. Linear in the number of flows.
 */
export class FlowTotals {
  /** node, stage, currency -> received */
  readonly inflow = new Map<string, Total>();
  /** node, stage, currency -> paid out */
  readonly outflow = new Map<string, Total>();
  /** node, stage, currency, period -> paid out (flows without a period under '') */
  readonly outflowByPeriod = new Map<string, Total>();
  /** The stages and currencies each node has flows at, in or out. */
  readonly nodeStages = new Map<string, Set<string>>();

  constructor(graph: FlowGraph) {
    graph.forEachEdge((_edge, flow) => {
      add(this.inflow, keyOf(flow.to, flow.stage, flow.currency), flow.amount, flow.provenance);
      add(this.outflow, keyOf(flow.from, flow.stage, flow.currency), flow.amount, flow.provenance);
      add(this.outflowByPeriod, keyOf(flow.from, flow.stage, flow.currency, flow.period), flow.amount, flow.provenance);
      for (const node of [flow.from, flow.to]) {
        let stages = this.nodeStages.get(node);
        if (!stages) this.nodeStages.set(node, (stages = new Set()));
        stages.add(keyOf(flow.stage, flow.currency));
      }
    });
  }

  received(node: string, stage: Stage, currency: string): Total | undefined {
    return this.inflow.get(keyOf(node, stage, currency));
  }

  paid(node: string, stage: Stage, currency: string, period?: string): Total | undefined {
    return period === undefined
      ? this.outflow.get(keyOf(node, stage, currency))
      : this.outflowByPeriod.get(keyOf(node, stage, currency, period));
  }
}

function add(map: Map<string, Total>, key: string, amount: Decimal, provenance: Provenance[]): void {
  let total = map.get(key);
  if (!total) map.set(key, (total = { amount: new Decimal(0), flows: 0, provenance: new Map() }));
  total.amount = total.amount.plus(amount);
  total.flows++;
  mergeProvenance(total.provenance, provenance);
}
