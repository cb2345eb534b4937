import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { centsOf } from '../MoneySum.js';
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
      // Most payments repeat nothing. A first pass counts cheap numbers made from the amount and the date (or the
      // reference); only payments whose number comes up twice can repeat, and only theirs are written as keys. Payments
      // are taken in the same order either way, so their groups are found in the same order.
      const candidates = candidatesOf(payments, options.stages);
      for (let at = 0; at < payments.length; at++) {
        const mark = candidates[at]!;
        if (mark === 0) continue;
        const item = payments[at]!;
        const { flow } = item;
        const amount = flow.amount.toFixed();
        const keys: Array<[string, 'date' | 'reference']> = [];
        if (mark & BY_DATE)
          keys.push([`d\u0000${flow.to}\u0000${flow.currency}\u0000${amount}\u0000${flow.date}`, 'date']);
        if (mark & BY_REFERENCE)
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

const BY_DATE = 1;
const BY_REFERENCE = 2;
/** Numbers are kept within small integers, which a map hashes fastest. */
const RANGE = 2147483647;

/**
 * For each payment, whether it may repeat another by date (`BY_DATE`) or by reference (`BY_REFERENCE`), or 0. Two
 * payments that repeat each other have the same amount and date (or reference), so the same number made from them;
 * payments of the same number may still differ (another payee, a number shared by chance), which the keys then tell
 * apart. Amounts that are not whole cents are always candidates.
 */
function candidatesOf(payments: IndexedFlow[], stages: string[]): Uint8Array {
  const marks = new Uint8Array(payments.length);
  const byDate = new Map<number, number>();
  const byReference = new Map<number, number>();
  const dateNumbers = new Float64Array(payments.length);
  const referenceNumbers = new Float64Array(payments.length);
  for (let at = 0; at < payments.length; at++) {
    const { flow } = payments[at]!;
    if (!stages.includes(flow.stage)) continue;
    const cents = centsOf(flow.amount);
    if (cents === undefined) {
      marks[at] = BY_DATE | (flow.reference === undefined ? 0 : BY_REFERENCE);
      continue;
    }
    const amount = cents % RANGE;
    const date = (amount * 31 + hash(flow.date!)) % RANGE;
    dateNumbers[at] = date;
    byDate.set(date, (byDate.get(date) ?? 0) + 1);
    if (flow.reference !== undefined) {
      const reference = (amount * 31 + hash(flow.reference)) % RANGE;
      referenceNumbers[at] = reference;
      byReference.set(reference, (byReference.get(reference) ?? 0) + 1);
    }
    marks[at] = 4;
  }
  for (let at = 0; at < payments.length; at++) {
    if (marks[at] !== 4) continue;
    const { flow } = payments[at]!;
    let mark = byDate.get(dateNumbers[at]!)! > 1 ? BY_DATE : 0;
    if (flow.reference !== undefined && byReference.get(referenceNumbers[at]!)! > 1) mark |= BY_REFERENCE;
    marks[at] = mark;
  }
  return marks;
}

/** A number made from a text: equal texts give equal numbers. */
function hash(text: string): number {
  let value = 0;
  for (let at = 0; at < text.length; at++) value = (value * 31 + text.charCodeAt(at)) % RANGE;
  return value;
}
