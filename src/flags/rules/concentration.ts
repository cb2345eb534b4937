import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { Decimal } from '../../money/Decimal.js';
import { assertStage, type Stage } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { MoneySum } from '../MoneySum.js';
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

    const flags: Flag[] = [];
    for (const [payer, payments] of index.paymentsByPayer()) {
      if (payments.length < options.minPayments) continue;
      const byCurrency = new Map<string, Map<Stage, IndexedFlow[]>>();
      for (const item of payments) {
        if (!stages.includes(item.flow.stage)) continue;
        let byStage = byCurrency.get(item.flow.currency);
        if (!byStage) byCurrency.set(item.flow.currency, (byStage = new Map()));
        const list = byStage.get(item.flow.stage);
        if (list) list.push(item);
        else byStage.set(item.flow.stage, [item]);
      }
      for (const [currency, byStage] of byCurrency) {
        const stage = stages.find((candidate) => byStage.has(candidate))!;
        const chosen = byStage.get(stage)!;
        if (chosen.length < options.minPayments) continue;
        const sums = new Map<string, { sum: MoneySum; flows: IndexedFlow[] }>();
        for (const item of chosen) {
          const entry = sums.get(item.flow.to);
          if (entry) {
            entry.sum.add(item.flow.amount);
            entry.flows.push(item);
          } else {
            const sum = new MoneySum(true);
            sum.add(item.flow.amount);
            sums.set(item.flow.to, { sum, flows: [item] });
          }
        }
        const byRecipient = new Map<string, { amount: Decimal; flows: IndexedFlow[] }>();
        for (const [recipient, { sum, flows }] of sums) byRecipient.set(recipient, { amount: sum.value(), flows });
        let total = new Decimal(0);
        let squares = new Decimal(0);
        let top: [string, { amount: Decimal; flows: IndexedFlow[] }] | undefined;
        let recipients = 0;
        for (const [recipient, entry] of byRecipient) {
          if (!entry.amount.greaterThan(0)) continue;
          recipients++;
          total = total.plus(entry.amount);
          squares = squares.plus(entry.amount.times(entry.amount));
          // Ties go to the smaller id, so the same data always name the same recipient.
          if (
            !top ||
            entry.amount.greaterThan(top[1].amount) ||
            (entry.amount.equals(top[1].amount) && recipient < top[0])
          )
            top = [recipient, entry];
        }
        if (!top) continue;
        const [recipient, { amount, flows }] = top;
        // Both tests compare products, not quotients, so the decisions are exact: amount / total > share, and
        // 10,000 * squares / total^2 > hhi.
        const tier = tiers.find(([, share]) => amount.greaterThan(total.times(share)));
        const hhiExceeded = squares.times(10000).greaterThan(total.times(total).times(hhiThreshold));
        if (!tier && !hhiExceeded) continue;
        const rank = (severity: Severity) => SEVERITIES.indexOf(severity);
        let severity: Severity = tier ? tier[0] : options.severity;
        if (hhiExceeded && rank(options.severity) > rank(severity)) severity = options.severity;
        const share = amount.dividedBy(total);
        const hhi = squares.times(10000).dividedBy(total.times(total));
        const from = describeNode(graph, payer);
        const to = describeNode(graph, recipient);
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
              en: `${to} received ${got!.en} of the ${all!.en} that ${from} paid (${stage}) to ${recipients} recipients: ${percent(share)}; concentration index ${hhiText} of 10,000.`,
              es: `${to} recibió ${got!.es} de los ${all!.es} que pagó ${from} (${stageName(stage).es}) a ${recipients} beneficiarios: ${percent(share)}; índice de concentración ${hhiText} de 10,000.`,
            },
            evidence: {
              topRecipient: recipient,
              topAmount: amount.toFixed(),
              total: total.toFixed(),
              share: share.toFixed(),
              hhi: hhi.toFixed(),
              recipients,
              payments: chosen.length,
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
