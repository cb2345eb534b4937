import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import type { Flag, FlagRule } from '../types.js';

export interface DuplicatePaymentOptions {
  /** The stages whose flows are payments. */
  stages: string[];
}

/**
 * `duplicate-payment`: the same payer paying the same payee the same amount on the same date more than once, or the
 * same amount under the same reference (an invoice paid twice). Instalments of one contract differ in amount or date
 * and are not flagged. The amount at stake is what was paid beyond the first payment.
 */
export const duplicatePayment: FlagRule<DuplicatePaymentOptions> = {
  id: 'duplicate-payment',
  title: { en: 'Paid twice', es: 'Pago duplicado' },
  severity: 'medium',
  defaults: { stages: ['paid', 'exercised'] },
  run({ graph, index }, options) {
    const flags: Flag[] = [];
    for (const [payer, payments] of index.paymentsByPayer()) {
      const groups = new Map<string, { why: 'date' | 'reference'; flows: IndexedFlow[] }>();
      for (const item of payments) {
        const { flow } = item;
        if (!options.stages.includes(flow.stage)) continue;
        const amount = flow.amount.toFixed();
        const keys: Array<[string, 'date' | 'reference']> = [
          [`d\u0000${flow.to}\u0000${flow.currency}\u0000${amount}\u0000${flow.date}`, 'date'],
        ];
        if (flow.reference !== undefined)
          keys.push([`r\u0000${flow.to}\u0000${flow.currency}\u0000${amount}\u0000${flow.reference}`, 'reference']);
        for (const [key, why] of keys) {
          const group = groups.get(key);
          if (group) group.flows.push(item);
          else groups.set(key, { why, flows: [item] });
        }
      }
      // A pair repeated on one date under one reference matches both ways: report it once, by date.
      const reported = new Set<string>();
      for (const { why, flows } of groups.values()) {
        if (flows.length < 2) continue;
        const signature = flows
          .map(({ edge }) => edge)
          .sort()
          .join('|');
        if (reported.has(signature)) continue;
        reported.add(signature);
        const { flow } = flows[0]!;
        const extra = flow.amount.times(flows.length - 1);
        const each = money(flow.amount, flow.currency);
        const payee = describeNode(graph, flow.to);
        const from = describeNode(graph, payer);
        const same = why === 'date' ? `on ${flow.date}` : `under reference ${flow.reference}`;
        const mismo = why === 'date' ? `el ${flow.date}` : `con la referencia ${flow.reference}`;
        flags.push(
          makeFlag({
            rule: 'duplicate-payment',
            severity: options.severity,
            nodes: [payer, flow.to],
            flows,
            amount: extra,
            currency: flow.currency,
            message: {
              en: `${from} paid ${payee} ${each.en} ${flows.length} times ${same}.`,
              es: `${from} pagó a ${payee} ${each.es} ${flows.length} veces ${mismo}.`,
            },
            evidence: {
              payments: flows.length,
              amountEach: flow.amount.toFixed(),
              sameBy: why,
              date: why === 'date' ? (flow.date ?? '') : '',
              reference: flow.reference ?? '',
            },
          }),
        );
      }
    }
    return flags;
  },
};
