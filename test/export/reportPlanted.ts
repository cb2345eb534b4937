import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SCRIPT_LABEL = '<script>alert(1)</script>';
/** Breaks out of an attribute in either quote style. */
export const IMG_LABEL = `"'><img src=x onerror=alert(1)>`;
export const BAD_AMOUNT = '<img src=x onerror=alert(2)>';

// As a CSV cell: quoted, its double quote doubled.
const IMG_CELL = `"${IMG_LABEL.replaceAll('"', '""')}"`;

/**
 * Payments planted beside the shipped Ramo 23 flows, worked out by hand:
 * - `dep:X` pays the intermediary `int:U` 1,000,000.00; `int:U` pays `emp:A` 600,000.00 twice on one date under one
 *   invoice: a duplicate payment of 600,000.00 at stake, and `int:U` paying out 1,200,000.00 of the 1,000,000.00 it
 *   received (a conservation mismatch of +200,000.00, rows 2 against 3-5).
 * - `emp:A`'s tax id is on the watchlist as definitivo since 2016-01-10: a high flag on both payments, 1,200,000.00.
 * - Row 4 is blank (skipped by `blank-row`); row 6's amount is markup (rejected, `invalid_amount`). 5 rows read.
 * The names are markup and quotes, to show that the report prints them as text.
 */
export const PAYMENTS_CSV = [
  'from,to,amount,stage,date,reference,from_kind,to_kind,from_name,to_name,to_tax_id',
  `dep:X,int:U,1000000.00,paid,2016-03-01,CONV-1,agency,intermediary,Secretaría & Co's,${SCRIPT_LABEL},UUU010101AA1`,
  `int:U,emp:A,600000.00,paid,2016-03-15,F-1,intermediary,recipient,${SCRIPT_LABEL},${IMG_CELL},AAA010101AA1`,
  '',
  `int:U,emp:A,600000.00,paid,2016-03-15,F-1,intermediary,recipient,${SCRIPT_LABEL},${IMG_CELL},AAA010101AA1`,
  `int:U,emp:A,${BAD_AMOUNT},paid,2016-03-20,F-2,intermediary,recipient,${SCRIPT_LABEL},${IMG_CELL},AAA010101AA1`,
  '',
].join('\n');

export const WATCHLIST_CSV = [
  'tax_id,name,status,listed_on',
  `AAA010101AA1,${IMG_CELL},definitivo,2016-01-10`,
  '',
].join('\n');

/** Writes the planted payments and watchlist into `dir`; returns their paths. */
export function writePlanted(dir: string): { payments: string; watchlist: string } {
  const payments = join(dir, 'payments.csv');
  const watchlist = join(dir, 'watchlist.csv');
  writeFileSync(payments, PAYMENTS_CSV);
  writeFileSync(watchlist, WATCHLIST_CSV);
  return { payments, watchlist };
}
