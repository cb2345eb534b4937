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
  private byNodePeriod: Map<string, NodeTotals> | undefined;

  constructor(private readonly graph: FlowGraph) {
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
    this.graph.forEachNode((node) => {
      const totals: NodeTotals = { inflow: new Map(), outflow: new Map() };
      this.graph.forEachInEdge(node, (_edge, flow) => {
        const key = flow.stage + '\u0000' + flow.currency + '\u0000' + periodOf(flow);
        totals.inflow.set(key, addTo(totals.inflow.get(key), flow));
      });
      this.graph.forEachOutEdge(node, (_edge, flow) => {
        const key = flow.stage + '\u0000' + flow.currency + '\u0000' + periodOf(flow);
        totals.outflow.set(key, addTo(totals.outflow.get(key), flow));
      });
      byNode.set(node, totals);
    });
    this.byNodePeriod = byNode;
    return byNode;
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

/** The period a flow belongs to: the one it states, else the year of its date, else '' (no period). */
export function periodOf(flow: FlowAttributes): string {
  return flow.period ?? flow.date?.slice(0, 4) ?? '';
}
