import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { Decimal } from '../../money/Decimal.js';
import { isNodeKind, NODE_KINDS } from '../../model/kinds.js';
import { assertStage } from '../../model/stages.js';
import type { FlowGraph } from '../../model/types.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
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

    // The band of the ceiling a payment may have been kept under, or undefined when it sits below none. Round figures
    // and their bands are built once per leading digit and exponent, not once per payment.
    const thresholdBand = threshold && { ceiling: threshold, low: threshold };
    const bands = new Map<number, Band>();
    const ceilingOf = (amount: Decimal): Band | undefined => {
      if (thresholdBand) return amount.lessThan(thresholdBand.ceiling) ? thresholdBand : undefined;
      const lead = firstDigit(amount);
      let band = bands.get(amount.e * 10 + lead);
      if (!band) {
        const ceiling = new Decimal(`${lead + 1}e${amount.e}`);
        band = { ceiling, low: ceiling.times(keep) };
        bands.set(amount.e * 10 + lead, band);
      }
      return band.ceiling.lessThan(minRound) || amount.lessThan(band.low) ? undefined : band;
    };

    const eligible = new Map<string, boolean>();
    const flags: Flag[] = [];
    for (const [payer, payments] of index.paymentsByPayer()) {
      // By payee, then a short list searched in place (one group per currency and ceiling): no key built per payment.
      const byPayee = new Map<string, Group[]>();
      for (const item of payments) {
        const { flow } = item;
        // Refunds and zero amounts are not payments; the sign is read without building a Decimal to compare with.
        if (!stages.includes(flow.stage) || flow.amount.isNegative() || flow.amount.isZero()) continue;
        let isEligible = eligible.get(flow.to);
        if (isEligible === undefined) {
          isEligible = payeeKinds.has(graph.getNodeAttribute(flow.to, 'kind'));
          eligible.set(flow.to, isEligible);
        }
        if (!isEligible) continue;
        const found = ceilingOf(flow.amount);
        if (!found) continue;
        let groups = byPayee.get(flow.to);
        if (!groups) byPayee.set(flow.to, (groups = []));
        const group = groups.find((one) => one.band === found && one.currency === flow.currency);
        if (group) group.flows.push(item);
        else groups.push({ band: found, currency: flow.currency, flows: [item] });
      }
      for (const groups of byPayee.values()) {
        for (const { band, flows } of groups) {
          if (flows.length < options.minPayments) continue;
          for (const [start, end] of clusters(flows, band.ceiling, options.windowDays, options.minPayments)) {
            flags.push(
              splitFlag(graph, payer, flows.slice(start, end), band.ceiling, threshold !== undefined, options),
            );
          }
        }
      }
    }
    return flags;
  },
};

/** A ceiling and the lowest amount that sits just below it; one object per ceiling, so groups compare them by identity. */
interface Band {
  ceiling: Decimal;
  low: Decimal;
}

interface Group {
  band: Band;
  currency: string;
  flows: IndexedFlow[];
}

/**
 * The clusters of a date-ordered list of payments, as [start, end) ranges: the window starting at each payment reaches
 * every later payment within `windowDays` of it; windows with enough payments whose total is above the ceiling
 * qualify, and qualifying windows that overlap merge. Two pointers and a running sum: linear in the payments.
 */
function clusters(flows: IndexedFlow[], ceiling: Decimal, windowDays: number, minPayments: number) {
  const days = flows.map(({ flow }) => dayNumber(flow.date!));
  const found: Array<[number, number]> = [];
  let right = 0;
  let sum = new Decimal(0);
  let current: [number, number] | undefined;
  for (let left = 0; left < flows.length; left++) {
    while (right < flows.length && days[right]! - days[left]! <= windowDays) {
      sum = sum.plus(flows[right]!.flow.amount);
      right++;
    }
    if (right - left >= minPayments && sum.greaterThan(ceiling)) {
      if (current && left < current[1]) current[1] = right;
      else {
        if (current) found.push(current);
        current = [left, right];
      }
    }
    sum = sum.minus(flows[left]!.flow.amount);
  }
  if (current) found.push(current);
  return found;
}

/**
 * The first significant digit of a positive amount: the leading digit of its first base 10^7 word, which decimal.js
 * keeps without leading zeros, the digit its exact decimal text starts with ("0.0456" gives 4). No text is built.
 */
function firstDigit(amount: Decimal): number {
  let word = amount.d[0]!;
  if (!(word > 0)) throw new RangeError(`no significant digit in ${amount.toFixed()}`);
  while (word >= 10) word = Math.floor(word / 10);
  return word;
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
