import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';

/**
 * How finely rows are added up as they are read.
 * - `payments`: rows with the same ends, stage, currency, date, period and reference (a payment listed twice, a budget
 *   line split over rows). Every payment-level check (duplicates, split payments, Benford) still sees each payment.
 * - `flows`: rows with the same ends, stage, currency and period, whatever their date and reference: one flow per
 *   payer, payee and stage, as a GROUP BY would give. Memory and time grow with payer-payee pairs, not with payments,
 *   which is what a national year of payments needs. A flow keeps a date or reference only when all its rows share it,
 *   so the payment-level flag rules have nothing to examine in flows built from several rows.
 */
export type AggregateGrain = 'payments' | 'flows';

export const AGGREGATE_GRAINS: readonly AggregateGrain[] = ['payments', 'flows'];

/** `true` is the `payments` grain; `false` or `undefined` keep one flow per row. */
export function aggregateGrainOf(value: unknown, name: string): AggregateGrain | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return 'payments';
  if (value === 'payments' || value === 'flows') return value;
  throw new InvalidArgumentError(name, 'must be true, false, "payments" or "flows"');
}
