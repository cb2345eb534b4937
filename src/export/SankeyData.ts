import type { NodeKind } from '../model/kinds.js';
import type { Stage } from '../model/stages.js';

/**
 * The kinds of node a Sankey has beyond the graph's own: folded small nodes (`cauce:other:<column>`), and the two sides
 * of an imbalance (`cauce:retained`, `cauce:unexplained`).
 */
export type SankeyNodeKind = NodeKind | 'other' | 'retained' | 'unexplained';

export interface SankeyNode {
  /** A string id: give d3-sankey `.nodeId((node) => node.id)`. */
  id: string;
  name: string;
  /** The name with a people-readable amount, in the language asked for. */
  label: string;
  kind: SankeyNodeKind;
  /** The larger of what the node receives and what it pays, as a number for charts and exactly beside it. */
  value: number;
  amount: string;
}

export interface SankeyLink {
  source: string;
  target: string;
  /** A float for the chart library; `amount` is the exact figure. */
  value: number;
  amount: string;
  /** How many of the graph's flows this link adds up. */
  flows: number;
  kind: 'flow' | 'retained' | 'unexplained';
}

/** What the export changed on purpose so that a chart can draw the data, and what it left out. */
export interface SankeyNote {
  code:
    | 'cycle-broken'
    | 'zero-dropped'
    | 'negative-dropped'
    | 'lone-node-dropped'
    | 'folded'
    | 'retained'
    | 'unexplained'
    | 'other-currency-left-out';
  message: string;
  nodes: string[];
  amount?: string;
}

/** Sankey-ready data for one stage and currency: nodes and links with exact amounts, and the notes on what changed. */
export interface SankeyData {
  stage: Stage;
  currency: string;
  /** The money entering the chart (links out of nodes that receive nothing), exactly. */
  total: string;
  nodes: SankeyNode[];
  links: SankeyLink[];
  notes: SankeyNote[];
}
