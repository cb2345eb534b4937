import { Decimal } from '../money/Decimal.js';
import { STAGES, type Stage } from './stages.js';
import type { FlowAttributes } from './types.js';

/** An exact total of flows at one stage in one currency. Amounts in two currencies are never added together. */
export interface StageTotal {
  stage: Stage;
  currency: string;
  amount: Decimal;
  /** How many flows were added. */
  flows: number;
}

export interface StageFilter {
  stage?: Stage;
  currency?: string;
}

/** Groups flows by (stage, currency) and adds each group exactly; results come in stage order, then currency. */
export function totalByStage(flows: Iterable<FlowAttributes>, filter: StageFilter = {}): StageTotal[] {
  const groups = new Map<string, StageTotal>();
  for (const flow of flows) {
    if (filter.stage !== undefined && flow.stage !== filter.stage) continue;
    if (filter.currency !== undefined && flow.currency !== filter.currency) continue;
    const key = `${flow.stage}\u0000${flow.currency}`;
    const group = groups.get(key);
    if (group) {
      group.amount = group.amount.plus(flow.amount);
      group.flows++;
    } else {
      groups.set(key, { stage: flow.stage, currency: flow.currency, amount: new Decimal(flow.amount), flows: 1 });
    }
  }
  return [...groups.values()].sort(
    (a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || a.currency.localeCompare(b.currency),
  );
}
