import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { Decimal } from '../../money/Decimal.js';
import { assertStage } from '../../model/stages.js';
import type { FlowGraph } from '../../model/types.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { MoneySum } from '../MoneySum.js';
import { percent } from '../percent.js';
import type { Flag, FlagRule } from '../types.js';

export interface YearEndSpikeOptions {
  /** The stages whose dated flows are payments. */
  stages: string[];
  /** A payer is flagged when its last month's payments are more than this share of its year's (by amount). */
  share: string;
  /** The last month of the fiscal year, '01' to '12': '12' for a calendar year, '03' for the UK (April to March). */
  fiscalYearEnd: string;
  /** Payer-years with fewer payments than this are not looked at. */
  minPayments: number;
}

const RULE = 'year-end-spike';

/**
 * `year-end-spike`: a payer that paid more than a quarter of its year's payments (by amount) in the last month of the
 * fiscal year, as budgets are rushed out before they lapse. Per payer, fiscal year and currency, for years with at
 * least `minPayments` payments. The fiscal year ends with the month `fiscalYearEnd` and is named by the calendar year
 * it ends in: with '03', April 2020 to March 2021 is fiscal year 2021 and its last month is 2021-03. The decision is
 * exact: last month > share × year, compared as decimals. The amount at stake is the last month's payments. Refunds
 * and reversals (zero or negative amounts) are not payments. A year the data cover only in part can show a spike that
 * is not there, so the evidence says in how many of its months there were payments.
 */
export const yearEndSpike: FlagRule<YearEndSpikeOptions> = {
  id: RULE,
  title: { en: 'Spending rushed at year end', es: 'Gasto apresurado al cierre del año' },
  severity: 'low',
  defaults: { stages: ['paid'], share: '0.25', fiscalYearEnd: '12', minPayments: 10 },
  run({ graph, index }, options) {
    const stages = options.stages.map((stage) => assertStage(stage, `config.${RULE}.stages`));
    const share = toDecimalArgument(options.share, `config.${RULE}.share`);
    if (share.isNegative() || share.greaterThan(1))
      throw new InvalidArgumentError(`config.${RULE}.share`, 'must be a share from 0 to 1, like "0.25"');
    if (!/^(0?[1-9]|1[0-2])$/.test(options.fiscalYearEnd))
      throw new InvalidArgumentError(`config.${RULE}.fiscalYearEnd`, "must be a month from '01' to '12'");
    const endMonth = Number(options.fiscalYearEnd);
    if (!Number.isInteger(options.minPayments) || options.minPayments < 1)
      throw new InvalidArgumentError(`config.${RULE}.minPayments`, 'must be a whole number of 1 or more');

    const flags: Flag[] = [];
    for (const [payer, payments] of index.paymentsByPayer()) {
      // By currency, then by fiscal year: no key string is built per payment.
      const years = new Map<string, Map<number, YearCount>>();
      for (const item of payments) {
        const { flow } = item;
        // Refunds and zero amounts are not payments; the sign is read without building a Decimal to compare with.
        if (!stages.includes(flow.stage) || flow.amount.isNegative() || flow.amount.isZero()) continue;
        const date = flow.date!;
        const year = Number(date.slice(0, 4));
        const month = Number(date.slice(5, 7));
        const fiscalYear = month <= endMonth ? year : year + 1;
        let ofCurrency = years.get(flow.currency);
        if (!ofCurrency) years.set(flow.currency, (ofCurrency = new Map()));
        let group = ofCurrency.get(fiscalYear);
        if (!group) {
          const last = { flows: [], total: new MoneySum() };
          group = { fiscalYear, currency: flow.currency, payments: 0, total: new MoneySum(), months: 0, last };
          ofCurrency.set(fiscalYear, group);
        }
        group.payments++;
        group.total.add(flow.amount);
        group.months |= 1 << (month - 1);
        if (month === endMonth) {
          group.last.flows.push(item);
          group.last.total.add(flow.amount);
        }
      }
      for (const counted of [...years.values()].flatMap((ofCurrency) => [...ofCurrency.values()])) {
        if (counted.payments < options.minPayments) continue;
        const group: YearGroup = {
          ...counted,
          total: counted.total.value(),
          last: { flows: counted.last.flows, total: counted.last.total.value() },
        };
        if (!group.last.total.greaterThan(share.times(group.total))) continue;
        flags.push(spikeFlag(graph, payer, group, share, endMonth, options));
      }
    }
    return flags;
  },
};

/** A payer's year as it is counted: its sums still running. */
interface YearCount extends Omit<YearGroup, 'total' | 'last'> {
  total: MoneySum;
  last: { flows: IndexedFlow[]; total: MoneySum };
}

interface YearGroup {
  fiscalYear: number;
  currency: string;
  payments: number;
  total: Decimal;
  /** The months with payments, one bit each (January is bit 0). */
  months: number;
  /** The payments of the fiscal year's last month. */
  last: { flows: IndexedFlow[]; total: Decimal };
}

function spikeFlag(
  graph: FlowGraph,
  payer: string,
  group: YearGroup,
  share: Decimal,
  endMonth: number,
  options: YearEndSpikeOptions & { severity: Flag['severity'] },
): Flag {
  const { last } = group;
  const pad = (month: number) => String(month).padStart(2, '0');
  const firstMonth = endMonth === 12 ? `${group.fiscalYear}-01` : `${group.fiscalYear - 1}-${pad(endMonth + 1)}`;
  const lastMonth = `${group.fiscalYear}-${pad(endMonth)}`;
  const observed = last.total.dividedBy(group.total);
  const who = describeNode(graph, payer);
  const [spent, year] = [last.total, group.total].map((value) => money(value, group.currency));
  const span = { en: `${firstMonth} to ${lastMonth}`, es: `${firstMonth} a ${lastMonth}` };
  return makeFlag({
    rule: RULE,
    severity: options.severity,
    nodes: [payer],
    flows: last.flows,
    amount: last.total,
    currency: group.currency,
    message: {
      en: `${who} paid ${spent!.en} of its ${year!.en} for the fiscal year ${span.en} (${percent(observed)}) in its last month, ${lastMonth}.`,
      es: `${who} pagó ${spent!.es} de sus ${year!.es} del año fiscal ${span.es} (${percent(observed)}) en su último mes, ${lastMonth}.`,
    },
    evidence: {
      fiscalYear: String(group.fiscalYear),
      firstMonth,
      lastMonth,
      lastMonthTotal: last.total.toFixed(),
      lastMonthPayments: last.flows.length,
      yearTotal: group.total.toFixed(),
      payments: group.payments,
      monthsWithPayments: bitCount(group.months),
      lastMonthShare: observed.toFixed(),
      share: share.toFixed(),
      fiscalYearEnd: pad(endMonth),
      minPayments: options.minPayments,
    },
  });
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}
