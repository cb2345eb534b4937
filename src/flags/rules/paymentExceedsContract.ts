import { Decimal } from '../../money/Decimal.js';
import { assertStage, type Stage } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import type { FlowAttributes } from '../../model/types.js';
import type { IndexedFlow } from '../FlowIndex.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import type { Flag, FlagRule } from '../types.js';

export interface PaymentExceedsContractOptions {
  /** How much the payments may exceed the contract's value before they are flagged (an exact amount). */
  tolerance: string;
  /** Payment stages in order of preference: per contract and currency, the first at which anything was paid. */
  stages: string[];
}

/** Where a contract's value was read. */
type ValueSource = 'contractValueWithTax' | 'contractValue' | 'committed';

/**
 * `payment-exceeds-contract`: the payments made under one contract reference add up to more than the contract's
 * value. A contract is a ceiling; paying beyond it needs an amendment, and an unexplained excess is money paid without
 * one.
 *
 * Payments are the flows under the reference at one stage, the first of `stages` (paid, then exercised) with any, per
 * currency. The contract's value is read from the flows' attributes, as the OCDS reader writes them: the value with
 * tax (`contractValueWithTax`) where the contract states one, since Mexican payments include VAT, else
 * `contractValue`, in `contractCurrency` (or the flow's currency when none is named); if the flows state different
 * values, the largest is taken, so that only what exceeds every stated value is flagged. Where no flow states a value,
 * the committed flows under the same reference (the award or the contract itself) are added up. A reference with no
 * value in the payments' currency is not looked at. The default tolerance, half a cent, lets payments rounded to the
 * cent meet a value stated in fractions of one (Jalisco publishes 657640.946). The amount at stake is the excess.
 */
export const paymentExceedsContract: FlagRule<PaymentExceedsContractOptions> = {
  id: 'payment-exceeds-contract',
  title: { en: 'Paid more than the contract', es: 'Pagos mayores al contrato' },
  severity: 'high',
  defaults: { tolerance: '0.005', stages: ['paid', 'exercised'] },
  run({ index }, options) {
    const tolerance = toDecimalArgument(options.tolerance, 'config.payment-exceeds-contract.tolerance');
    const stages = options.stages.map((stage) => assertStage(stage, 'config.payment-exceeds-contract.stages'));
    const flags: Flag[] = [];
    // Every payment of a contract repeats its value as text: each text is read once.
    const parsed = new Map<string, Decimal | null>();
    for (const [reference, flows] of index.flowsByReference()) {
      const payments = new Map<string, Map<Stage, IndexedFlow[]>>();
      for (const item of flows) {
        if (!stages.includes(item.flow.stage)) continue;
        let byStage = payments.get(item.flow.currency);
        if (!byStage) payments.set(item.flow.currency, (byStage = new Map()));
        const list = byStage.get(item.flow.stage);
        if (list) list.push(item);
        else byStage.set(item.flow.stage, [item]);
      }
      for (const [currency, byStage] of payments) {
        const contract = contractValue(flows, currency, parsed);
        if (!contract) continue;
        const stage = stages.find((candidate) => byStage.has(candidate))!;
        const paid = byStage.get(stage)!;
        let total = new Decimal(0);
        for (const { flow } of paid) total = total.plus(flow.amount);
        const excess = total.minus(contract.value);
        if (!excess.greaterThan(tolerance)) continue;
        const nodes = [...new Set(paid.flatMap(({ flow }) => [flow.from, flow.to]))];
        const many = paid.length === 1 ? ['payment', 'pago'] : ['payments', 'pagos'];
        const [sum, ceiling, over] = [total, contract.value, excess].map((value) => money(value, currency));
        flags.push(
          makeFlag({
            rule: 'payment-exceeds-contract',
            severity: options.severity,
            nodes,
            flows: [...paid, ...contract.flows],
            amount: excess,
            currency,
            message: {
              en: `${paid.length} ${many[0]} under contract ${reference} ${paid.length === 1 ? 'comes' : 'add up'} to ${sum!.en} against a contract value of ${ceiling!.en}: ${over!.en} more.`,
              es: `${paid.length} ${many[1]} del contrato ${reference} ${paid.length === 1 ? 'suma' : 'suman'} ${sum!.es} frente a un valor del contrato de ${ceiling!.es}: ${over!.es} de más.`,
            },
            evidence: {
              reference,
              paid: total.toFixed(),
              paidStage: stage,
              payments: paid.length,
              contractValue: contract.value.toFixed(),
              contractValueFrom: contract.from,
              excess: excess.toFixed(),
              tolerance: tolerance.toFixed(),
            },
          }),
        );
      }
    }
    return flags;
  },
};

/**
 * The contract's value in a currency: the largest stated in the flows' attributes, else the committed flows' sum.
 * `flows` lists the committed flows when they gave the value (the attributes ride on the payments already).
 */
function contractValue(
  flows: IndexedFlow[],
  currency: string,
  parsed: Map<string, Decimal | null>,
): { value: Decimal; from: ValueSource; flows: IndexedFlow[] } | undefined {
  let stated: { value: Decimal; from: ValueSource } | undefined;
  let committed: Decimal | undefined;
  const commitments: IndexedFlow[] = [];
  for (const item of flows) {
    const value = statedValue(item.flow, currency, parsed);
    if (value && (!stated || (value.value !== stated.value && value.value.greaterThan(stated.value)))) stated = value;
    if (item.flow.stage === 'committed' && item.flow.currency === currency) {
      committed = (committed ?? new Decimal(0)).plus(item.flow.amount);
      commitments.push(item);
    }
  }
  if (stated) return { ...stated, flows: [] };
  return committed ? { value: committed, from: 'committed', flows: commitments } : undefined;
}

/** The contract value a flow's attributes state in a currency, if any. */
function statedValue(
  flow: FlowAttributes,
  currency: string,
  parsed: Map<string, Decimal | null>,
): { value: Decimal; from: ValueSource } | undefined {
  const attributes = flow.attributes;
  if (!attributes) return undefined;
  if ((attributes.contractCurrency ?? flow.currency) !== currency) return undefined;
  for (const from of ['contractValueWithTax', 'contractValue'] as const) {
    const text = attributes[from];
    if (text === undefined) continue;
    let value = parsed.get(text);
    if (value === undefined) {
      // Attributes are text from the input: a value that is not a plain decimal is not a value to compare against.
      value = /^-?\d+(\.\d+)?$/.test(text.trim()) ? new Decimal(text.trim()) : null;
      parsed.set(text, value);
    }
    if (value !== null) return { value, from };
  }
  return undefined;
}
