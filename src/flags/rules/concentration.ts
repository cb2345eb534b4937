import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { Decimal } from '../../money/Decimal.js';
import { assertStage, STAGES } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import type { FlowTable } from '../FlowTable.js';
import { GroupSums } from '../GroupSums.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { SAFE_CENTS } from '../MoneySum.js';
import { PayerCurrencies, stagePlaces } from '../paymentRows.js';
import { percent } from '../percent.js';
import { stageName } from '../stageName.js';
import { SEVERITIES, type Flag, type FlagRule, type Severity } from '../types.js';

export interface ConcentrationOptions {
  /** A recipient getting more than this share of a payer's payments gives a low flag. */
  lowShare: string;
  /** ... more than this share, a medium flag. */
  mediumShare: string;
  /** ... more than this share, a high flag. */
  highShare: string;
  /** The Herfindahl-Hirschman index (0 to 10,000) above which a payer's spending counts as concentrated. */
  hhi: string;
  /** Payers with fewer payments than this are not looked at: a handful of payments is always concentrated. */
  minPayments: number;
  /** Payment stages in order of preference: per payer and currency, the first at which it made payments. */
  stages: string[];
}

/**
 * `concentration`: one recipient getting more than a share of a payer's payments (above 20% low, 30% medium, 50%
 * high), or the payer's spending concentrated as a whole: a Herfindahl-Hirschman index (the sum of the recipients'
 * squared percentage shares, 0 to 10,000) above 2,500, which gives a medium flag (the rule's `severity`) unless the
 * top share gives a higher one. One flag per payer and currency, naming the top recipient; its amount is at stake.
 *
 * Only payments count: dated flows (an undated flow is an allotment or a yearly total, whose count says nothing), at
 * the first of `stages` (paid, then exercised) at which the payer has any, and only payers with at least `minPayments`
 * of them. Each recipient's amount is net of refunds; recipients whose payments net to zero or less take no share.
 */
export const concentration: FlagRule<ConcentrationOptions> = {
  id: 'concentration',
  title: { en: 'Payments concentrated on few recipients', es: 'Pagos concentrados en pocos beneficiarios' },
  severity: 'medium',
  defaults: {
    lowShare: '0.2',
    mediumShare: '0.3',
    highShare: '0.5',
    hhi: '2500',
    minPayments: 10,
    stages: ['paid', 'exercised'],
  },
  run({ graph, index }, options) {
    const tiers: Array<[Severity, Decimal]> = [
      ['high', toDecimalArgument(options.highShare, 'config.concentration.highShare')],
      ['medium', toDecimalArgument(options.mediumShare, 'config.concentration.mediumShare')],
      ['low', toDecimalArgument(options.lowShare, 'config.concentration.lowShare')],
    ];
    const hhiThreshold = toDecimalArgument(options.hhi, 'config.concentration.hhi');
    const stages = options.stages.map((stage) => assertStage(stage, 'config.concentration.stages'));
    if (!Number.isInteger(options.minPayments) || options.minPayments < 1)
      throw new InvalidArgumentError('config.concentration.minPayments', 'must be a whole number of 1 or more');
    const tierFloats = tiers.map(([, share]) => share.toNumber());
    const hhiFloat = hhiThreshold.toNumber();

    const table = index.table();
    const { payers, start, rows } = table.payments();
    const { to, stage: stageColumn, currency: currencyColumn } = table;
    // A stage's place among `stages`, or -1 for a stage the rule leaves out.
    const preference = stagePlaces(stages);
    const width = stages.length;
    // Payments per currency and stage of the payer at hand.
    const counts = new Int32Array(table.currencies.length * width);
    const currencies = new PayerCurrencies(table.currencies.length);
    // Each recipient's sum of a payer's payments in a currency is numbered by where its first payment sits in `rows`:
    // numbers no other payer or currency takes, so the sums need no resetting. `numbered` says which of these passes
    // (payer and currency) last numbered a node.
    const sums = new GroupSums(rows.length, table, index.scratch, true);
    const sumOf = index.scratch.int32(table.nodes.length);
    const numbered = index.scratch.int32(table.nodes.length, -1);
    let pass = 0;
    const recipients: number[] = [];

    const flags: Flag[] = [];
    for (let p = 0; p < payers.length; p++) {
      const first = start[p]!;
      const end = start[p + 1]!;
      if (end - first < options.minPayments) continue;
      currencies.begin(p);
      for (let at = first; at < end; at++) {
        const row = rows[at]!;
        const place = preference[stageColumn[row]!]!;
        if (place < 0) continue;
        const c = currencyColumn[row]!;
        if (currencies.first(c)) {
          counts.fill(0, c * width, c * width + width);
        }
        counts[c * width + place]!++;
      }
      for (const c of currencies.list) {
        let place = 0;
        while (counts[c * width + place] === 0) place++;
        const payments = counts[c * width + place]!;
        if (payments < options.minPayments) continue;
        const stage = stages[place]!;
        const stageNumber = STAGES.indexOf(stage);
        pass++;
        recipients.length = 0;
        for (let at = first; at < end; at++) {
          const row = rows[at]!;
          if (currencyColumn[row] !== c || stageColumn[row] !== stageNumber) continue;
          const recipient = to[row]!;
          if (numbered[recipient] !== pass) {
            numbered[recipient] = pass;
            sumOf[recipient] = at;
            recipients.push(recipient);
          }
          sums.add(sumOf[recipient]!, row);
        }
        if (surelyQuiet(recipients, sumOf, sums, tierFloats, hhiFloat)) continue;
        const found = concentrationOf(table, recipients, sumOf, sums);
        if (!found) continue;
        const { recipient: topNumber, amount, total, squares, count: recipientCount } = found;
        // Both tests compare products, not quotients, so the decisions are exact: amount / total > share, and
        // 10,000 * squares / total^2 > hhi.
        const tier = tiers.find(([, share]) => amount.greaterThan(total.times(share)));
        const hhiExceeded = squares.times(10000).greaterThan(total.times(total).times(hhiThreshold));
        if (!tier && !hhiExceeded) continue;
        const rank = (severity: Severity) => SEVERITIES.indexOf(severity);
        let severity: Severity = tier ? tier[0] : options.severity;
        if (hhiExceeded && rank(options.severity) > rank(severity)) severity = options.severity;
        const payer = table.nodes[payers[p]!]!;
        const recipient = table.nodes[topNumber]!;
        const currency = table.currencies[c]!;
        const flows: IndexedFlow[] = [];
        for (let at = sumOf[topNumber]!; at < end; at++) {
          const row = rows[at]!;
          if (to[row] === topNumber && currencyColumn[row] === c && stageColumn[row] === stageNumber)
            flows.push(table.indexed(row));
        }
        const share = amount.dividedBy(total);
        const hhi = squares.times(10000).dividedBy(total.times(total));
        const from = describeNode(graph, payer);
        const toName = describeNode(graph, recipient);
        const [got, all] = [amount, total].map((value) => money(value, currency));
        const hhiText = hhi.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed();
        flags.push(
          makeFlag({
            rule: 'concentration',
            severity,
            nodes: [payer, recipient],
            flows,
            amount,
            currency,
            message: {
              en: `${toName} received ${got!.en} of the ${all!.en} that ${from} paid (${stage}) to ${recipientCount} recipients: ${percent(share)}; concentration index ${hhiText} of 10,000.`,
              es: `${toName} recibió ${got!.es} de los ${all!.es} que pagó ${from} (${stageName(stage).es}) a ${recipientCount} beneficiarios: ${percent(share)}; índice de concentración ${hhiText} de 10,000.`,
            },
            evidence: {
              topRecipient: recipient,
              topAmount: amount.toFixed(),
              total: total.toFixed(),
              share: share.toFixed(),
              hhi: hhi.toFixed(),
              recipients: recipientCount,
              payments,
              stage,
              shareTier: tier ? tier[0] : '',
              hhiExceeded,
              lowShare: tiers[2]![1].toFixed(),
              mediumShare: tiers[1]![1].toFixed(),
              highShare: tiers[0]![1].toFixed(),
              hhiThreshold: hhiThreshold.toFixed(),
              minPayments: options.minPayments,
            },
          }),
        );
      }
    }
    return flags;
  },
};

/**
 * Whether a payer's payments in a currency surely trip neither test, decided in floats: the sums are exact counts of
 * cents, the squares and products near enough (within a relative 10^-6, whatever the number of recipients) that a
 * margin that wide leaves no doubt. Most payers are decided here, without a Decimal; one near a threshold, or whose
 * sums are not all cents, is left to the exact tests.
 */
function surelyQuiet(
  recipients: number[],
  sumOf: Int32Array,
  sums: GroupSums,
  tierFloats: number[],
  hhiFloat: number,
): boolean {
  let total = 0;
  let squares = 0;
  let top = 0;
  for (const recipient of recipients) {
    const cents = sums.centsOf(sumOf[recipient]!);
    if (cents !== cents) return false;
    if (cents <= 0) continue;
    total += cents;
    squares += cents * cents;
    if (cents > top) top = cents;
  }
  // No recipient takes a share: quiet, as the exact path finds too.
  if (top === 0) return true;
  if (!(total < SAFE_CENTS)) return false;
  for (const share of tierFloats) if (!clearlyBelow(top, total * share)) return false;
  return clearlyBelow(squares * 10000, total * total * hhiFloat);
}

/** a < b, with a margin of a relative 10^-6 (false where either is not finite). */
function clearlyBelow(a: number, b: number): boolean {
  return b - a > 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * The sums behind the exact tests, as Decimals: the total and the sum of squares over the recipients whose payments
 * net above zero, in the order they were first paid, and the top recipient (ties go to the smaller id, so the same
 * data always name the same recipient). Undefined when no recipient nets above zero.
 */
function concentrationOf(table: FlowTable, recipients: number[], sumOf: Int32Array, sums: GroupSums) {
  let total = new Decimal(0);
  let squares = new Decimal(0);
  let top: { recipient: number; amount: Decimal } | undefined;
  let count = 0;
  for (const recipient of recipients) {
    const amount = sums.value(sumOf[recipient]!);
    if (!amount.greaterThan(0)) continue;
    count++;
    total = total.plus(amount);
    squares = squares.plus(amount.times(amount));
    if (
      !top ||
      amount.greaterThan(top.amount) ||
      (amount.equals(top.amount) && table.nodes[recipient]! < table.nodes[top.recipient]!)
    )
      top = { recipient, amount };
  }
  return top && { ...top, total, squares, count };
}
