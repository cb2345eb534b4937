import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';

/**
 * The budget cycle's moments, in cumulative order. Mexican accounting names: aprobado, modificado, comprometido,
 * devengado, ejercido, pagado. For one budget line: paid <= exercised <= accrued <= committed <= modified.
 */
export const STAGES = ['approved', 'modified', 'committed', 'accrued', 'exercised', 'paid'] as const;

export type Stage = (typeof STAGES)[number];

const STAGE_SET: ReadonlySet<string> = new Set(STAGES);

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && STAGE_SET.has(value);
}

/** Checks a stage given by a caller; a wrong one is a programming mistake, so it throws. */
export function assertStage(value: unknown, argument: string): Stage {
  if (!isStage(value)) {
    throw new InvalidArgumentError(argument, `unknown stage ${JSON.stringify(value)}; use one of ${STAGES.join(', ')}`);
  }
  return value;
}
