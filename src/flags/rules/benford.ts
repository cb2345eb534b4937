import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import type { Decimal } from '../../money/Decimal.js';
import { assertStage } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { centsOf } from '../MoneySum.js';
import type { FlowTable } from '../FlowTable.js';
import { firstDigit, firstDigitOfCents, keptFlowsAndTotal, PayerCurrencies, stageMask } from '../paymentRows.js';
import type { Flag, FlagRule } from '../types.js';

export interface BenfordOptions {
  /** The stages whose dated flows are payments. */
  stages: string[];
  /** The mean absolute deviation from Benford's proportions above which a payer is flagged. */
  mad: string;
  /** Payers with fewer tested payments than this (in a currency) are not looked at: small samples stray by chance. */
  minPayments: number;
  /** Payments whose absolute amount is below this are left out of the test (a 3.50 fee says nothing of invoices). */
  minAmount: string;
}

const RULE = 'benford';

/** Benford's proportion of each first digit 1..9: log10(1 + 1/d). */
const EXPECTED = Array.from({ length: 9 }, (_, at) => Math.log10(1 + 1 / (at + 1)));

/**
 * `benford`: the first digits of a payer's payment amounts depart from Benford's law, as invented or tampered figures
 * tend to. Per payer and currency, over the payments whose absolute amount is at least `minAmount` (refunds count by
 * their size), and only when there are `minPayments` (300) of them: the mean absolute deviation (MAD) between the
 * observed and expected proportions of the digits 1 to 9 above `mad` (0.015, Nigrini's bound for nonconformity).
 *
 * A first digit is read from the amount's exact decimal text, never from a float. The MAD itself is statistics over
 * proportions, not money: it is computed in floating point, and compared with the threshold in floating point. The
 * amount at stake is the payer's net total over the tested payments; the evidence gives each digit's count, observed
 * and expected proportion (six decimals), the MAD as computed, the threshold and the number of payments tested.
 */
export const benford: FlagRule<BenfordOptions> = {
  id: RULE,
  title: { en: "First digits stray from Benford's law", es: 'Primeros dígitos fuera de la ley de Benford' },
  severity: 'low',
  defaults: { stages: ['paid'], mad: '0.015', minPayments: 300, minAmount: '10' },
  run({ graph, index }, options) {
    const stages = options.stages.map((stage) => assertStage(stage, `config.${RULE}.stages`));
    const threshold = toDecimalArgument(options.mad, `config.${RULE}.mad`);
    if (threshold.isNegative()) throw new InvalidArgumentError(`config.${RULE}.mad`, 'must be 0 or more');
    const minAmount = toDecimalArgument(options.minAmount, `config.${RULE}.minAmount`);
    if (!minAmount.greaterThan(0)) throw new InvalidArgumentError(`config.${RULE}.minAmount`, 'must be above zero');
    if (!Number.isInteger(options.minPayments) || options.minPayments < 1)
      throw new InvalidArgumentError(`config.${RULE}.minPayments`, 'must be a whole number of 1 or more');
    const limit = threshold.toNumber();
    const minCents = centsOf(minAmount);

    const table = index.table();
    const { payers, start, rows } = table.payments();
    const tested = stageMask(stages);
    const stageColumn = table.stage;
    const currencyColumn = table.currency;
    // Digit counts and payments tested per currency of the payer at hand.
    const digits = new Int32Array(table.currencies.length * 9);
    const sizes = new Int32Array(table.currencies.length);
    const currencies = new PayerCurrencies(table.currencies.length);

    const flags: Flag[] = [];
    for (let p = 0; p < payers.length; p++) {
      const first = start[p]!;
      const end = start[p + 1]!;
      currencies.begin(p);
      for (let at = first; at < end; at++) {
        const row = rows[at]!;
        if (tested[stageColumn[row]!] === 0) continue;
        const digit = digitOf(table, row, minCents, minAmount);
        if (digit === 0) continue;
        const c = currencyColumn[row]!;
        if (currencies.first(c)) {
          digits.fill(0, c * 9, c * 9 + 9);
          sizes[c] = 0;
        }
        digits[c * 9 + digit - 1]!++;
        sizes[c]!++;
      }
      for (const c of currencies.list) {
        const n = sizes[c]!;
        if (n < options.minPayments) continue;
        const counts = Array.from(digits.subarray(c * 9, c * 9 + 9));
        const observed = counts.map((count) => count / n);
        const mad = observed.reduce((sum, share, at) => sum + Math.abs(share - EXPECTED[at]!), 0) / 9;
        if (!(mad > limit)) continue;
        // The same payments as counted, in the same order.
        const { flows, total } = keptFlowsAndTotal(
          table,
          rows,
          first,
          end,
          (row) =>
            currencyColumn[row] === c &&
            tested[stageColumn[row]!] === 1 &&
            digitOf(table, row, minCents, minAmount) !== 0,
        );
        const payer = table.nodes[payers[p]!]!;
        const currency = table.currencies[c]!;
        const who = describeNode(graph, payer);
        const sum = money(total, currency);
        const madText = mad.toFixed(4);
        flags.push(
          makeFlag({
            rule: RULE,
            severity: options.severity,
            nodes: [payer],
            flows,
            amount: total,
            currency,
            message: {
              en: `The first digits of ${n} payments by ${who} (${sum.en}) stray from Benford's law: mean absolute deviation ${madText}, above ${threshold.toFixed()}.`,
              es: `Los primeros dígitos de ${n} pagos de ${who} (${sum.es}) se apartan de la ley de Benford: desviación media absoluta ${madText}, mayor que ${threshold.toFixed()}.`,
            },
            evidence: {
              payments: n,
              madObserved: mad,
              mad: threshold.toFixed(),
              digitCounts: counts.map(String),
              observed: observed.map((share) => share.toFixed(6)),
              expected: EXPECTED.map((share) => share.toFixed(6)),
              minPayments: options.minPayments,
              minAmount: minAmount.toFixed(),
            },
          }),
        );
      }
    }
    return flags;
  },
};

/**
 * The first digit of a payment the test takes (its size at least `minAmount`), or 0 for one it leaves out. Read from
 * cents where both amounts are whole cents: no Decimal is built, or compared, for the size of each payment.
 */
function digitOf(table: FlowTable, row: number, minCents: number | undefined, minAmount: Decimal): number {
  const cents = table.cents[row]!;
  if (cents === cents && minCents !== undefined) return Math.abs(cents) < minCents ? 0 : firstDigitOfCents(cents);
  const amount = table.flows[row]!.amount;
  if (amount.abs().lessThan(minAmount)) return 0;
  // minAmount is above zero, so the amount is not zero, and has a first digit.
  return cents === cents ? firstDigitOfCents(cents) : firstDigit(amount);
}
