import type { NodeKind } from '../model/kinds.js';

/**
 * Kinds that classify money rather than hold it: an agency's, a unit's, a programme's or a budget line's money is the
 * sum of its parts, so what comes in must go out to the level below, to the peso.
 */
export const CLASSIFICATION_KINDS: ReadonlySet<NodeKind> = new Set(['agency', 'unit', 'programme', 'budget_line']);
