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

/**
 * Every sum the checks share, in one pass over the flows: what each node received and paid, per stage and currency.
 * Linear in the number of flows; kept per node, so that a node's sums are found with one look-up.
 */
export class FlowTotals {
  private readonly byNode = new Map<string, NodeTotals>();

  constructor(graph: FlowGraph) {
    graph.forEachNode((node) => {
      const totals: NodeTotals = { inflow: new Map(), outflow: new Map() };
      graph.forEachInEdge(node, (_edge, flow) => {
        const key = flow.stage + '\u0000' + flow.currency;
        totals.inflow.set(key, addTo(totals.inflow.get(key), flow));
      });
      graph.forEachOutEdge(node, (_edge, flow) => {
        const key = flow.stage + '\u0000' + flow.currency;
        totals.outflow.set(key, addTo(totals.outflow.get(key), flow));
      });
      this.byNode.set(node, totals);
    });
  }

  received(node: string, stage: Stage, currency: string): Total | undefined {
    return this.byNode.get(node)?.inflow.get(stage + '\u0000' + currency);
  }

  paid(node: string, stage: Stage, currency: string): Total | undefined {
    return this.byNode.get(node)?.outflow.get(stage + '\u0000' + currency);
  }

  /** The stages and currencies a node has flows at, in or out, as `stage\0currency` keys. */
  stagesOf(node: string): Set<string> {
    const totals = this.byNode.get(node);
    return new Set(totals ? [...totals.inflow.keys(), ...totals.outflow.keys()] : []);
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
