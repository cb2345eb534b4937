import type { Decimal } from '../money/Decimal.js';
import { mergeProvenance } from '../reconcile/mergeProvenance.js';
import type { Provenance } from '../model/types.js';
import type { IndexedFlow } from './FlowIndex.js';
import type { Bilingual, Flag, Severity } from './types.js';

export interface FlagInput {
  rule: string;
  severity: Severity;
  nodes: string[];
  flows: IndexedFlow[];
  amount: Decimal;
  currency: string;
  message: Bilingual;
  evidence: Flag['evidence'];
  /** Provenance beyond the flows' own (a watchlist row, a balance report). */
  provenance?: Provenance[];
}

/** Builds a flag, gathering the provenance of its flows per file. */
export function makeFlag(input: FlagInput): Flag {
  const provenance: Provenance[] = [];
  for (const { flow } of input.flows) mergeProvenance(provenance, flow.provenance);
  if (input.provenance) mergeProvenance(provenance, input.provenance);
  return {
    rule: input.rule,
    severity: input.severity,
    nodes: input.nodes,
    flows: input.flows.map(({ edge }) => edge),
    amount: input.amount.toFixed(),
    currency: input.currency,
    message: input.message,
    evidence: input.evidence,
    provenance,
  };
}
