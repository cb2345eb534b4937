import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { Decimal } from '../../money/Decimal.js';
import { assertStage } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { centsOf } from '../MoneySum.js';
import type { FlowTable } from '../FlowTable.js';
import { isPayment, keptFlowsAndTotal, PayerCurrencies, stageMask } from '../paymentRows.js';
import { percent } from '../percent.js';
import type { Flag, FlagRule } from '../types.js';

export interface RoundAmountOptions {
  /** The stages whose dated flows are payments. */
  stages: string[];
  /** A payment is round when it is an exact multiple of this amount. */
  multiple: string;
  /** A payer is flagged when round payments are more than this share of its payments (by count). */
  share: string;
  /** Payers with fewer payments than this (in a currency) are not looked at: two round payments of five say little. */
  minPayments: number;
}

const RULE = 'round-amount';

/**
 * `round-amount`: a payer whose payments are unusually often exact multiples of 100,000. Invoices for real goods and
 * services rarely come out round; agreed lump sums, advances and invented figures do. "Unusual" means: among the
 * payer's payments in one currency (at least `minPayments` of them), the round ones are more than `share` (25%) by
 * count. The decision is exact: round payments > share × payments, compared as decimals. One flag per payer and
 * currency; the amount at stake is the round payments' total. Refunds and reversals (zero or negative amounts) are not
 * payments: zero is a multiple of everything.
 */
export const roundAmount: FlagRule<RoundAmountOptions> = {
  id: RULE,
  title: { en: 'Many round-figure payments', es: 'Muchos pagos en cifras redondas' },
  severity: 'low',
  defaults: { stages: ['paid'], multiple: '100000', share: '0.25', minPayments: 10 },
  run({ graph, index }, options) {
    const stages = options.stages.map((stage) => assertStage(stage, `config.${RULE}.stages`));
    const multiple = toDecimalArgument(options.multiple, `config.${RULE}.multiple`);
    if (!multiple.greaterThan(0)) throw new InvalidArgumentError(`config.${RULE}.multiple`, 'must be above zero');
    const share = toDecimalArgument(options.share, `config.${RULE}.share`);
    if (share.isNegative() || share.greaterThan(1))
      throw new InvalidArgumentError(`config.${RULE}.share`, 'must be a share from 0 to 1, like "0.25"');
    if (!Number.isInteger(options.minPayments) || options.minPayments < 1)
      throw new InvalidArgumentError(`config.${RULE}.minPayments`, 'must be a whole number of 1 or more');

    // A division per payment costs more than the rest of the rule: most amounts are ruled out by comparing first.
    const test: RoundTest = { multiple, wholeMultiple: multiple.isInteger(), multipleCents: centsOf(multiple) };
    const table = index.table();
    const { payers, start, rows } = table.payments();
    const looked = stageMask(stages);
    const stageColumn = table.stage;
    const currencyColumn = table.currency;
    // Payments and round payments per currency of the payer at hand.
    const counts = new Int32Array(table.currencies.length);
    const rounds = new Int32Array(table.currencies.length);
    const currencies = new PayerCurrencies(table.currencies.length);

    const flags: Flag[] = [];
    for (let p = 0; p < payers.length; p++) {
      const first = start[p]!;
      const end = start[p + 1]!;
      currencies.begin(p);
      for (let at = first; at < end; at++) {
        const row = rows[at]!;
        if (looked[stageColumn[row]!] === 0 || !isPayment(table, row)) continue;
        const c = currencyColumn[row]!;
        if (currencies.first(c)) {
          counts[c] = 0;
          rounds[c] = 0;
        }
        counts[c]!++;
        if (isRound(table, row, test)) rounds[c]!++;
      }
      for (const c of currencies.list) {
        const payments = counts[c]!;
        if (payments < options.minPayments) continue;
        if (!new Decimal(rounds[c]!).greaterThan(share.times(payments))) continue;
        // The round payments, as counted, in the same order.
        const { flows: round, total: roundTotal } = keptFlowsAndTotal(
          table,
          rows,
          first,
          end,
          (row) =>
            currencyColumn[row] === c &&
            looked[stageColumn[row]!] === 1 &&
            isPayment(table, row) &&
            isRound(table, row, test),
        );
        const payer = table.nodes[payers[p]!]!;
        const currency = table.currencies[c]!;
        const observed = new Decimal(round.length).dividedBy(payments);
        const who = describeNode(graph, payer);
        const [total, each] = [roundTotal, multiple].map((value) => money(value, currency));
        flags.push(
          makeFlag({
            rule: RULE,
            severity: options.severity,
            nodes: [payer],
            flows: round,
            amount: roundTotal,
            currency,
            message: {
              en: `${round.length} of the ${payments} payments by ${who} (${percent(observed)}) are exact multiples of ${each!.en}, for ${total!.en} in all.`,
              es: `${round.length} de los ${payments} pagos de ${who} (${percent(observed)}) son múltiplos exactos de ${each!.es}, por ${total!.es} en total.`,
            },
            evidence: {
              roundPayments: round.length,
              payments: payments,
              roundShare: observed.toFixed(),
              share: share.toFixed(),
              multiple: multiple.toFixed(),
              minPayments: options.minPayments,
            },
          }),
        );
      }
    }
    return flags;
  },
};

interface RoundTest {
  multiple: Decimal;
  wholeMultiple: boolean;
  /** The multiple as whole cents, where it is (see `centsOf`). */
  multipleCents: number | undefined;
}

/**
 * Whether a payment is an exact multiple of the multiple. Where the amount and the multiple are both whole cents, the
 * test is one of whole numbers, exact in a float.
 */
function isRound(table: FlowTable, row: number, { multiple, wholeMultiple, multipleCents }: RoundTest): boolean {
  const cents = table.cents[row]!;
  if (cents === cents && multipleCents !== undefined) return cents >= multipleCents && cents % multipleCents === 0;
  const amount = table.flows[row]!.amount;
  return !amount.lessThan(multiple) && (!wholeMultiple || amount.isInteger()) && amount.modulo(multiple).isZero();
}
