import { duplicatePayment } from './rules/duplicatePayment.js';
import { overspend } from './rules/overspend.js';
import { watchlist } from './rules/watchlist.js';
import type { FlagRule } from './types.js';

/** The built-in rules, in the order they run. Their ids are part of the public contract. */
export const BUILT_IN_RULES: readonly FlagRule<any>[] = [overspend, watchlist, duplicatePayment];
