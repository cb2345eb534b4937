import { benford } from './rules/benford.js';
import { budgetShift } from './rules/budgetShift.js';
import { concentration } from './rules/concentration.js';
import { cycle } from './rules/cycle.js';
import { duplicatePayment } from './rules/duplicatePayment.js';
import { missingIdentifier } from './rules/missingIdentifier.js';
import { overspend } from './rules/overspend.js';
import { passThrough } from './rules/passThrough.js';
import { paymentExceedsContract } from './rules/paymentExceedsContract.js';
import { roundAmount } from './rules/roundAmount.js';
import { splitPayments } from './rules/splitPayments.js';
import { trustIdle } from './rules/trustIdle.js';
import { underspend } from './rules/underspend.js';
import { watchlist } from './rules/watchlist.js';
import { yearEndSpike } from './rules/yearEndSpike.js';
import type { FlagRule } from './types.js';

/** The built-in rules, in the order they run. Their ids are part of the public contract. */
export const BUILT_IN_RULES: readonly FlagRule<any>[] = [
  overspend,
  watchlist,
  duplicatePayment,
  passThrough,
  concentration,
  cycle,
  splitPayments,
  roundAmount,
  benford,
  yearEndSpike,
  budgetShift,
  underspend,
  trustIdle,
  missingIdentifier,
  paymentExceedsContract,
];
