import type { Balance } from '../model/types.js';
import type { TableRow } from './TableRow.js';

export const BALANCE_COLUMNS = {
  required: ['node', 'period', 'opening', 'closing'],
  optional: ['income', 'yield', 'expenses', 'currency'],
} as const;

/** Reads one row of the canonical balances table (a trust's report for a period). */
export function readBalanceRow(row: TableRow, defaultCurrency: string): Balance | undefined {
  const node = row.required('node');
  const period = row.required('period');
  const opening = row.amount('opening', true);
  const closing = row.amount('closing', true);
  const income = row.amount('income', false);
  const yieldAmount = row.amount('yield', false);
  const expenses = row.amount('expenses', false);
  const currency = row.currency('currency', defaultCurrency);
  if (row.issues.length > 0 || !node || !period || !opening || !closing || !currency) return undefined;

  const balance: Balance = { node, period, opening, closing, currency, provenance: row.provenance };
  if (income) balance.income = income;
  if (yieldAmount) balance.yield = yieldAmount;
  if (expenses) balance.expenses = expenses;
  return balance;
}
