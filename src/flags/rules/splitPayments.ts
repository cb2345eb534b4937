import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { Decimal } from '../../money/Decimal.js';
import { isNodeKind, NODE_KINDS } from '../../model/kinds.js';
import { assertStage } from '../../model/stages.js';
import type { FlowGraph } from '../../model/types.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import type { FlowTable } from '../FlowTable.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { centsOf, SAFE_CENTS } from '../MoneySum.js';
import { firstDigit, flowsOfRows, isPayment, stageMask } from '../paymentRows.js';
import type { Flag, FlagRule } from '../types.js';

export interface SplitPaymentsOptions {
  /** The stages whose dated flows are payments. */
  stages: string[];
  /**
   * The kinds of payee looked at. A payer's own units, programmes and budget lines are how its budget is divided, not
   * sellers: a council's flows to its services carry every line of the file and would look split by construction.
   */
  payeeKinds: string[];
  /** Payments count as one cluster when their dates are at most this many days apart (first to last). */
  windowDays: number;
  /** The fewest payments that make a cluster. */
  minPayments: number;
  /**
   * The ceiling payments may be split to stay under (a direct-award limit), as an exact amount. When it is not set
   * (null), the ceiling of each payment is the round figure just above it (see `margin` and `minRoundFigure`).
   */
  threshold: string | null;
  /** Without a threshold: how far below a round figure a payment may be, as a share of it, to sit "just below" it. */
  margin: string;
  /** Without a threshold: round figures below this are not looked at (payments of 95, 97 and 99 are petty cash). */
  minRoundFigure: string;
}

const RULE = 'split-payments';
const DAY_MS = 86_400_000;

/**
 * `split-payments`: three or more payments from one payer to one payee, in one currency, within 30 days of each other,
 * each below a ceiling and together above it: a purchase split to stay under a limit. The ceiling is `threshold` when
 * the user sets one (each payment strictly below it, the cluster's total strictly above it).
 *
 * Without a threshold, the ceiling is a round figure: a number with one significant digit (10,000, 50,000, 300,000,
 * 1,000,000; not 1,500,000, since with a 5% margin every amount above 2,000,000 would sit just below some multiple of
 * 100,000). A payment counts when it lies in the band [R × (1 − margin), R) of the round figure R just above it (for
 * 96,000 that is 100,000; for 285,000, 300,000), and only payments below the same round figure cluster together.
 *
 * Per payer, payee, currency and ceiling, a window slides over the payments in date order; every window that holds
 * `minPayments` or more whose total exceeds the ceiling qualifies, and qualifying windows that share a payment merge
 * into one cluster, so each payment is reported once (a merged cluster may span more than `windowDays`; its dates say
 * so). The amount at stake is the cluster's total. Refunds and reversals (zero or negative amounts) are not payments,
 * and only payees of `payeeKinds` are looked at (recipients, intermediaries and trusts: not the payer's own units).
 */
export const splitPayments: FlagRule<SplitPaymentsOptions> = {
  id: RULE,
  title: { en: 'Payments split below a ceiling', es: 'Pagos fraccionados bajo un tope' },
  severity: 'medium',
  defaults: {
    stages: ['paid'],
    payeeKinds: ['recipient', 'intermediary', 'trust'],
    windowDays: 30,
    minPayments: 3,
    threshold: null,
    margin: '0.05',
    minRoundFigure: '10000',
  },
  run({ graph, index }, options) {
    const stages = options.stages.map((stage) => assertStage(stage, `config.${RULE}.stages`));
    for (const kind of options.payeeKinds) {
      if (!isNodeKind(kind))
        throw new InvalidArgumentError(
          `config.${RULE}.payeeKinds`,
          `unknown kind ${JSON.stringify(kind)}; use ${NODE_KINDS.join(', ')}`,
        );
    }
    const payeeKinds = new Set(options.payeeKinds);
    if (!Number.isInteger(options.windowDays) || options.windowDays < 0)
      throw new InvalidArgumentError(`config.${RULE}.windowDays`, 'must be a whole number of days, 0 or more');
    if (!Number.isInteger(options.minPayments) || options.minPayments < 2)
      throw new InvalidArgumentError(`config.${RULE}.minPayments`, 'must be a whole number of 2 or more');
    const threshold =
      options.threshold === null ? undefined : toDecimalArgument(options.threshold, `config.${RULE}.threshold`);
    if (threshold && !threshold.greaterThan(0))
      throw new InvalidArgumentError(`config.${RULE}.threshold`, 'must be above zero');
    const margin = toDecimalArgument(options.margin, `config.${RULE}.margin`);
    if (!margin.greaterThan(0) || !margin.lessThan(1))
      throw new InvalidArgumentError(`config.${RULE}.margin`, 'must be a share above 0 and below 1, like "0.05"');
    const minRound = toDecimalArgument(options.minRoundFigure, `config.${RULE}.minRoundFigure`);
    const keep = new Decimal(1).minus(margin);

    const table = index.table();
    const { payers, start, rows } = table.payments();
    const looked = stageMask(stages);
    const eligible = index.scratch.uint8(table.nodes.length);
    for (let node = 0; node < eligible.length; node++)
      if (payeeKinds.has(table.nodeAttributes[node]!.kind)) eligible[node] = 1;
    const dateCodes = table.dates().codes;
    const dayOf = Float64Array.from(table.dates().names, dayNumber);
    const bands = new Bands(threshold, keep, minRound);
    const { to, currency: currencyColumn, stage: stageColumn } = table;

    // A payer's groups (payee, currency and ceiling) are numbered as they come; each payee keeps a list of its own, a
    // few at most, searched in place: no key is built and no map looked up per payment. `owner` says which payer last
    // listed a payee's groups. Every array is sized for the longest list of payments and reused payer after payer.
    const { scratch } = index;
    const owner = scratch.int32(table.nodes.length, -1);
    const firstGroup = scratch.int32(table.nodes.length);
    const lastGroup = scratch.int32(table.nodes.length);
    const groupBands: Band[] = [];
    const groupCurrency = scratch.int32(rows.length);
    const nextGroup = scratch.int32(rows.length);
    const groupStart = scratch.int32(rows.length + 1);
    /** The group of each payment (by its place in `rows`), -1 for one that sits below no ceiling. */
    const groupAt = scratch.int32(rows.length);
    /** A payer's payments grouped, each group's in date order. */
    const members = scratch.int32(rows.length);
    const payees: number[] = [];

    const flags: Flag[] = [];
    for (let p = 0; p < payers.length; p++) {
      const first = start[p]!;
      const end = start[p + 1]!;
      payees.length = 0;
      groupBands.length = 0;
      for (let at = first; at < end; at++) {
        groupAt[at] = -1;
        const row = rows[at]!;
        const payee = to[row]!;
        // Refunds and zero amounts are not payments.
        if (looked[stageColumn[row]!] === 0 || eligible[payee] === 0 || !isPayment(table, row)) continue;
        const band = bands.of(table, row);
        if (!band) continue;
        const c = currencyColumn[row]!;
        if (owner[payee] !== p) {
          owner[payee] = p;
          firstGroup[payee] = -1;
          lastGroup[payee] = -1;
          payees.push(payee);
        }
        let group = firstGroup[payee]!;
        while (group >= 0 && (groupBands[group] !== band || groupCurrency[group] !== c)) group = nextGroup[group]!;
        if (group < 0) {
          group = groupBands.length;
          groupBands.push(band);
          groupCurrency[group] = c;
          nextGroup[group] = -1;
          groupStart[group + 1] = 0;
          if (lastGroup[payee]! >= 0) nextGroup[lastGroup[payee]!] = group;
          else firstGroup[payee] = group;
          lastGroup[payee] = group;
        }
        groupAt[at] = group;
        groupStart[group + 1]!++;
      }
      const groups = groupBands.length;
      let clustered = false;
      for (let group = 0; group < groups; group++) if (groupStart[group + 1]! >= options.minPayments) clustered = true;
      if (!clustered) continue;
      // The payments by group, each group's in date order: a counting sort, which keeps the order.
      groupStart[0] = first;
      for (let group = 0; group < groups; group++) groupStart[group + 1]! += groupStart[group]!;
      const next = groupStart.slice(0, groups);
      for (let at = first; at < end; at++) if (groupAt[at]! >= 0) members[next[groupAt[at]!]!++] = rows[at]!;
      for (const payee of payees) {
        for (let group = firstGroup[payee]!; group >= 0; group = nextGroup[group]!) {
          const from = groupStart[group]!;
          const until = groupStart[group + 1]!;
          if (until - from < options.minPayments) continue;
          const band = groupBands[group]!;
          const found = clusters(table, members, from, until, band, dateCodes, dayOf, options);
          for (let at = 0; at < found.length; at += 2) {
            const flows = flowsOfRows(table, members, found[at]!, found[at + 1]!);
            flags.push(
              splitFlag(graph, table.nodes[payers[p]!]!, flows, band.ceiling, threshold !== undefined, options),
            );
          }
        }
      }
    }
    return flags;
  },
};

/**
 * A ceiling and the lowest amount that sits just below it, with both as whole cents where they are (see `centsOf`);
 * one object per ceiling, so groups compare them by identity. `outside` marks a round figure below `minRoundFigure`.
 */
interface Band {
  ceiling: Decimal;
  low: Decimal;
  ceilingCents: number | undefined;
  lowCents: number | undefined;
  outside: boolean;
}

/**
 * The band of the ceiling a payment may have been kept under, or undefined when it sits below none. Round figures and
 * their bands are built once per leading digit and exponent, not once per payment; a payment of whole cents finds its
 * band in an array, by digits read from its cents, and is compared in cents where the band's amounts are whole cents.
 */
class Bands {
  private readonly threshold: Band | undefined;
  private readonly byDigits = new Map<number, Band>();
  /** The bands of amounts from 0.01 to below 10^13, by their exponent (from -2) and leading digit. */
  private readonly byCentsDigits: Array<Band | undefined> = [];

  constructor(
    threshold: Decimal | undefined,
    private readonly keep: Decimal,
    private readonly minRound: Decimal,
  ) {
    if (threshold) this.threshold = band(threshold, threshold, false);
  }

  of(table: FlowTable, row: number): Band | undefined {
    const cents = table.cents[row]!;
    const threshold = this.threshold;
    if (threshold) {
      if (cents === cents && threshold.ceilingCents !== undefined)
        return cents < threshold.ceilingCents ? threshold : undefined;
      return table.flows[row]!.amount.lessThan(threshold.ceiling) ? threshold : undefined;
    }
    let found: Band;
    if (cents === cents) {
      let lead = cents;
      let exponent = -2;
      for (; lead >= 10; exponent++) lead = Math.floor(lead / 10);
      const at = (exponent + 2) * 10 + lead;
      found = this.byCentsDigits[at] ??= this.round(exponent, lead);
      if (found.outside) return undefined;
      if (found.lowCents !== undefined) return cents < found.lowCents ? undefined : found;
    } else {
      const amount = table.flows[row]!.amount;
      found = this.round(amount.e, firstDigit(amount));
      if (found.outside) return undefined;
    }
    return table.flows[row]!.amount.lessThan(found.low) ? undefined : found;
  }

  private round(exponent: number, lead: number): Band {
    let found = this.byDigits.get(exponent * 10 + lead);
    if (!found) {
      const ceiling = new Decimal(`${lead + 1}e${exponent}`);
      found = band(ceiling, ceiling.times(this.keep), ceiling.lessThan(this.minRound));
      this.byDigits.set(exponent * 10 + lead, found);
    }
    return found;
  }
}

function band(ceiling: Decimal, low: Decimal, outside: boolean): Band {
  return { ceiling, low, ceilingCents: centsOf(ceiling), lowCents: centsOf(low), outside };
}

/**
 * The clusters of a group's payments (`members[from]` up to `members[until]`, in date order), as [start, end) pairs of
 * places in `members`, laid one after the other: the window starting at each payment reaches every later payment within
 * `windowDays` of it; windows with enough payments whose total is above the ceiling qualify, and qualifying windows
 * that overlap merge. Two pointers and a running sum: linear in the payments. The sum is a count of cents where every
 * amount and the ceiling are whole cents (exact: the amounts are below the ceiling, and so their sum below 2^53 as
 * checked); otherwise it is a Decimal, as the amounts are.
 */
function clusters(
  table: FlowTable,
  members: Int32Array,
  from: number,
  until: number,
  { ceiling, ceilingCents }: Band,
  dateCodes: Int32Array,
  dayOf: Float64Array,
  { windowDays, minPayments }: SplitPaymentsOptions,
): number[] {
  let inCents = ceilingCents !== undefined && (until - from) * ceilingCents < SAFE_CENTS;
  for (let at = from; inCents && at < until; at++)
    if (table.cents[members[at]!] !== table.cents[members[at]!]) inCents = false;
  const found: number[] = [];
  let right = from;
  let cents = 0;
  let sum = new Decimal(0);
  let current = -1;
  for (let left = from; left < until; left++) {
    const day = dayOf[dateCodes[members[left]!]!]!;
    while (right < until && dayOf[dateCodes[members[right]!]!]! - day <= windowDays) {
      if (inCents) cents += table.cents[members[right]!]!;
      else sum = sum.plus(table.flows[members[right]!]!.amount);
      right++;
    }
    if (right - left >= minPayments && (inCents ? cents > ceilingCents! : sum.greaterThan(ceiling))) {
      if (current >= 0 && left < found[current + 1]!) found[current + 1] = right;
      else {
        current = found.length;
        found.push(left, right);
      }
    }
    if (inCents) cents -= table.cents[members[left]!]!;
    else sum = sum.minus(table.flows[members[left]!]!.amount);
  }
  return found;
}

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function splitFlag(
  graph: FlowGraph,
  payer: string,
  flows: IndexedFlow[],
  ceiling: Decimal,
  fromThreshold: boolean,
  options: SplitPaymentsOptions & { severity: Flag['severity'] },
): Flag {
  const { to: payee, currency } = flows[0]!.flow;
  let total = new Decimal(0);
  let largest = new Decimal(0);
  for (const { flow } of flows) {
    total = total.plus(flow.amount);
    if (flow.amount.greaterThan(largest)) largest = flow.amount;
  }
  const first = flows[0]!.flow.date!;
  const last = flows[flows.length - 1]!.flow.date!;
  const from = describeNode(graph, payer);
  const to = describeNode(graph, payee);
  const [sum, limit] = [total, ceiling].map((value) => money(value, currency));
  const below = fromThreshold
    ? { en: `each below ${limit!.en}`, es: `cada uno por debajo de ${limit!.es}` }
    : { en: `each just below ${limit!.en}`, es: `cada uno apenas por debajo de ${limit!.es}` };
  return makeFlag({
    rule: RULE,
    severity: options.severity,
    nodes: [payer, payee],
    flows,
    amount: total,
    currency,
    message: {
      en: `${from} paid ${to} ${sum!.en} in ${flows.length} payments from ${first} to ${last}, ${below.en} and together above it.`,
      es: `${from} pagó a ${to} ${sum!.es} en ${flows.length} pagos del ${first} al ${last}, ${below.es} y juntos por encima.`,
    },
    evidence: {
      payments: flows.length,
      total: total.toFixed(),
      largestPayment: largest.toFixed(),
      ceiling: ceiling.toFixed(),
      ceilingFrom: fromThreshold ? 'threshold' : 'round-figure',
      firstDate: first,
      lastDate: last,
      windowDays: options.windowDays,
      minPayments: options.minPayments,
      threshold: fromThreshold ? ceiling.toFixed() : '',
      margin: fromThreshold ? '' : options.margin,
    },
  });
}
