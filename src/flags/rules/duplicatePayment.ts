import { describeNode } from '../describeNode.js';
import type { FlowTable } from '../FlowTable.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { flowsOfRows, stageMask } from '../paymentRows.js';
import type { Scratch } from '../Scratch.js';
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
    const table = index.table();
    const { payers, start, rows } = table.payments();
    const looked = stageMask(options.stages);
    const repeats = new Repeats(table, rows, start, index.scratch);
    const flags: Flag[] = [];
    for (let p = 0; p < payers.length; p++) {
      const groups = repeats.of(start[p]!, start[p + 1]!, looked);
      if (groups.length === 0) continue;
      const payer = table.nodes[payers[p]!]!;
      // A pair repeated on one date under one reference matches both ways: report it once, by date.
      const reported = new Set<string>();
      for (const { why, members } of groups) {
        const flows = flowsOfRows(table, members);
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

/** Payments that repeat one another (their rows, in date order) and what they share besides the amount. */
interface Repeated {
  why: 'date' | 'reference';
  members: number[];
}

/**
 * Finds a payer's repeated payments. Two payments repeat each other only if they go to the same payee in the same
 * currency for the same amount, so these are found first, as numbers (node, currency, cents) in a hash table of typed
 * arrays: most payments repeat nothing, and for them no key is built and no map looked up. Each set of payments alike
 * is kept as a list in date order, where payments of one date lie side by side; references are then compared only
 * within such a list. A payer with a payment that is not whole cents (whose amount another Decimal may equal, as -0
 * equals 0) is grouped by keys of text, as its amounts print.
 */
class Repeats {
  /** Open addressing: the place in `rows` of the first payment of each set, -1 where free. */
  private readonly slots: Int32Array;
  /** By place in `rows`: how many payments the set that starts there holds (0 where none starts). */
  private readonly sizes: Int32Array;
  /** By place in `rows`: the next payment of its set, -1 after the last; and the last one so far, at a set's start. */
  private readonly next: Int32Array;
  private readonly last: Int32Array;
  private readonly dates: Int32Array;

  constructor(
    private readonly table: FlowTable,
    private readonly rows: Int32Array,
    start: Int32Array,
    scratch: Scratch,
  ) {
    let longest = 0;
    for (let p = 0; p + 1 < start.length; p++) longest = Math.max(longest, start[p + 1]! - start[p]!);
    this.slots = scratch.int32(tableSize(longest));
    this.sizes = scratch.int32(rows.length);
    this.next = scratch.int32(rows.length);
    this.last = scratch.int32(rows.length);
    this.dates = table.dates().codes;
  }

  /** The repeated payments among `rows[first]` up to `rows[end]`, in the order a payer's flags come. */
  of(first: number, end: number, looked: Uint8Array): Repeated[] {
    const { table, rows, slots, sizes, next, last } = this;
    const { to, currency, cents, stage } = table;
    const mask = tableSize(end - first) - 1;
    slots.fill(-1, 0, mask + 1);
    let repeated = false;
    for (let at = first; at < end; at++) {
      sizes[at] = 0;
      const row = rows[at]!;
      if (looked[stage[row]!] === 0) continue;
      const amount = cents[row]!;
      if (amount !== amount) return textGroups(table, rows, first, end, looked);
      const payee = to[row]!;
      const money = currency[row]!;
      let slot = hashOf(payee, money, amount) & mask;
      let found = slots[slot]!;
      while (found >= 0) {
        const other = rows[found]!;
        if (to[other] === payee && currency[other] === money && cents[other] === amount) break;
        slot = (slot + 1) & mask;
        found = slots[slot]!;
      }
      next[at] = -1;
      if (found < 0) {
        slots[slot] = at;
        sizes[at] = 1;
        last[at] = at;
      } else {
        sizes[found]!++;
        next[last[found]!] = at;
        last[found] = at;
        repeated = true;
      }
    }
    if (!repeated) return [];
    const groups: Array<Repeated & { first: number }> = [];
    for (let at = first; at < end; at++) if (sizes[at]! > 1) this.split(at, groups);
    // Flags come in the order of each group's first payment, by date before by reference: the order in which the
    // payments, taken one by one, would first name each group.
    groups.sort((a, b) => a.first - b.first || (a.why === 'date' ? -1 : 1));
    return groups;
  }

  /** The groups of a set of payments alike: its runs of one date, and its payments under one reference. */
  private split(head: number, groups: Array<Repeated & { first: number }>): void {
    const { rows, next, dates } = this;
    const flows = this.table.flows;
    let referenced = 0;
    for (let at = head; at >= 0;) {
      const date = dates[rows[at]!]!;
      const members = [rows[at]!];
      if (flows[rows[at]!]!.reference !== undefined) referenced++;
      let after = next[at]!;
      for (; after >= 0 && dates[rows[after]!] === date; after = next[after]!) {
        members.push(rows[after]!);
        if (flows[rows[after]!]!.reference !== undefined) referenced++;
      }
      if (members.length > 1) groups.push({ why: 'date', members, first: at });
      at = after;
    }
    if (referenced < 2) return;
    const byReference = new Map<string, Repeated & { first: number }>();
    for (let at = head; at >= 0; at = next[at]!) {
      const reference = flows[rows[at]!]!.reference;
      if (reference === undefined) continue;
      const group = byReference.get(reference);
      if (group) group.members.push(rows[at]!);
      else byReference.set(reference, { why: 'reference', members: [rows[at]!], first: at });
    }
    for (const group of byReference.values()) if (group.members.length > 1) groups.push(group);
  }
}

/** Room for `count` entries in open addressing, at most half full: a power of two. */
function tableSize(count: number): number {
  let size = 16;
  while (size < count * 2) size *= 2;
  return size;
}

/** Mixes a payee, a currency and a count of cents (a whole number below 2^53 in size) into 32 bits. */
function hashOf(payee: number, currency: number, cents: number): number {
  const low = cents | 0;
  const high = Math.floor(cents / 4294967296) | 0;
  let hash = Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b) ^ Math.imul(payee, 0xc2b2ae35) ^ currency;
  hash = Math.imul(hash ^ (hash >>> 16), 0x27d4eb2d);
  return hash ^ (hash >>> 15);
}

/**
 * A payer's repeated payments found by keys of text, as the amounts print: for a payer with an amount that is not
 * whole cents. The groups come in the order their first payments come, by date before by reference.
 */
function textGroups(table: FlowTable, rows: Int32Array, first: number, end: number, looked: Uint8Array): Repeated[] {
  const groups = new Map<string, Repeated>();
  for (let at = first; at < end; at++) {
    const row = rows[at]!;
    if (looked[table.stage[row]!] === 0) continue;
    const flow = table.flows[row]!;
    const amount = flow.amount.toFixed();
    const keys: Array<[string, 'date' | 'reference']> = [
      [`d\u0000${flow.to}\u0000${flow.currency}\u0000${amount}\u0000${flow.date}`, 'date'],
    ];
    if (flow.reference !== undefined)
      keys.push([`r\u0000${flow.to}\u0000${flow.currency}\u0000${amount}\u0000${flow.reference}`, 'reference']);
    for (const [key, why] of keys) {
      const group = groups.get(key);
      if (group) group.members.push(row);
      else groups.set(key, { why, members: [row] });
    }
  }
  return [...groups.values()].filter(({ members }) => members.length > 1);
}
