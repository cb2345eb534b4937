import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { isPayment, stageMask } from '../paymentRows.js';
import { Decimal } from '../../money/Decimal.js';
import { assertStage } from '../../model/stages.js';
import type { FlowGraph } from '../../model/types.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { GroupSums } from '../GroupSums.js';
import { percent } from '../percent.js';
import { compareFar } from '../floatShare.js';
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

    const table = index.table();
    const { stage: stageOf, currency: currencyOf } = table;
    const { codes: dateOf, names: dates } = table.dates();
    // A date's month and fiscal year, worked out once per date rather than once per payment.
    const monthOf = new Int32Array(dates.length);
    const fiscalYearOf = new Int32Array(dates.length);
    dates.forEach((date, code) => {
      const year = Number(date.slice(0, 4));
      const month = Number(date.slice(5, 7));
      monthOf[code] = month;
      fiscalYearOf[code] = month <= endMonth ? year : year + 1;
    });
    const read = stageMask(stages);
    const { payers, start, rows } = table.payments();

    // Groups (a payer's fiscal year in one currency) are numbered as their first payment comes, so a payer's are
    // consecutive. Its payments come in date order, so each fiscal year's come in one run: within the run a group is
    // found by its currency alone.
    const groupAt = index.scratch.int32(rows.length, -1);
    const groupOfCurrency = new Int32Array(table.currencies.length).fill(-1);
    // Each group's months with payments (one bit each) and the span of `rows` its payments lie in.
    const groups: { currency: number; fiscalYear: number; months: number; from: number; to: number }[] = [];
    const payerGroups = index.scratch.int32(payers.length + 1);
    for (let p = 0; p < payers.length; p++) {
      let fiscalYear = Number.NaN;
      let runFirst = groups.length;
      for (let at = start[p]!; at < start[p + 1]!; at++) {
        const row = rows[at]!;
        if (read[stageOf[row]!] === 0) continue;
        // Refunds and zero amounts are not payments.
        if (!isPayment(table, row)) continue;
        const date = dateOf[row]!;
        if (fiscalYearOf[date] !== fiscalYear) {
          fiscalYear = fiscalYearOf[date]!;
          runFirst = groups.length;
        }
        let group = groupOfCurrency[currencyOf[row]!]!;
        if (group < runFirst) {
          group = groupOfCurrency[currencyOf[row]!] = groups.length;
          groups.push({ currency: currencyOf[row]!, fiscalYear, months: 0, from: at, to: at });
        }
        groupAt[at] = group;
        const counted = groups[group]!;
        counted.months |= 1 << (monthOf[date]! - 1);
        counted.to = at + 1;
      }
      payerGroups[p + 1] = groups.length;
    }
    const totals = new GroupSums(groups.length, table, index.scratch);
    const lastMonths = new GroupSums(groups.length, table, index.scratch);
    for (let at = 0; at < rows.length; at++) {
      const group = groupAt[at]!;
      if (group < 0) continue;
      totals.add(group, rows[at]!);
      if (monthOf[dateOf[rows[at]!]!] === endMonth) lastMonths.add(group, rows[at]!);
    }

    const near = share.toNumber();
    const flags: Flag[] = [];
    for (let p = 0; p < payers.length; p++) {
      // A payer's flags come by currency (in the order its payments first name them), then by fiscal year.
      const order: number[] = [];
      for (let group = payerGroups[p]!; group < payerGroups[p + 1]!; group++) order.push(group);
      if (order.some((group) => groups[group]!.currency !== groups[order[0]!]!.currency)) {
        const rank = new Map<number, number>();
        for (const group of order) if (!rank.has(groups[group]!.currency)) rank.set(groups[group]!.currency, group);
        order.sort((a, b) => rank.get(groups[a]!.currency)! - rank.get(groups[b]!.currency)! || a - b);
      }
      for (const group of order) {
        if (totals.counts[group]! < options.minPayments) continue;
        // In floats where the two sides are far apart, else exactly.
        const far = compareFar(lastMonths.centsOf(group), near * totals.centsOf(group));
        const spike = far !== 0 ? far > 0 : lastMonths.value(group).greaterThan(share.times(totals.value(group)));
        if (!spike) continue;
        const { currency, fiscalYear, months, from, to } = groups[group]!;
        const flows: IndexedFlow[] = [];
        for (let at = from; at < to; at++) {
          const row = rows[at]!;
          if (groupAt[at] === group && monthOf[dateOf[row]!] === endMonth) flows.push(table.indexed(row));
        }
        const counted: YearGroup = {
          fiscalYear,
          currency: table.currencies[currency]!,
          payments: totals.counts[group]!,
          total: totals.value(group),
          months,
          last: { flows, total: lastMonths.value(group) },
        };
        flags.push(spikeFlag(graph, table.nodes[payers[p]!]!, counted, share, endMonth, options));
      }
    }
    return flags;
  },
};

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
