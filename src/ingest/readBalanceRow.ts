import type { Balance } from '../model/types.js';
import type { TableRow } from './TableRow.js';

export const BALANCE_COLUMNS = {
  required: ['node', 'period', 'opening', 'closing'],
  optional: ['income', 'yield', 'expenses', 'currency'],
} as const;

const KNOWN: ReadonlySet<string> = new Set([...BALANCE_COLUMNS.required, ...BALANCE_COLUMNS.optional]);

/** Reads one row of the canonical balances table (a trust's report for a period). */
export function readBalanceRow(row: TableRow, defaultCurrency: string): Balance | undefined {
  const node = row.required('node');
  const period = row.required('period');
  const currency = row.currency('currency', defaultCurrency);
  const opening = row.amount('opening', true, currency);
  const closing = row.amount('closing', true, currency);
  const income = row.amount('income', false, currency);
  const yieldAmount = row.amount('yield', false, currency);
  const expenses = row.amount('expenses', false, currency);
  if (row.issues.length > 0 || !node || !period || !opening || !closing || !currency) return undefined;

  const balance: Balance = { node, period, opening, closing, currency, provenance: row.provenance };
  if (income) balance.income = income;
  if (yieldAmount) balance.yield = yieldAmount;
  if (expenses) balance.expenses = expenses;
  const extras = row.extras(KNOWN);
  if (extras) balance.attributes = extras;
  return balance;
}
