import type { Stage } from '../model/stages.js';

// Spanish names of the accounting moments, as Mexican files write them, beside the English ones. Accents and case are
// folded before the look-up, so `Devengado`, `DEVENGADO` and `devengado` are one stage.
export const STAGE_NAMES: Readonly<Record<string, Stage>> = {
  approved: 'approved',
  modified: 'modified',
  committed: 'committed',
  accrued: 'accrued',
  exercised: 'exercised',
  paid: 'paid',
  aprobado: 'approved',
  modificado: 'modified',
  comprometido: 'committed',
  devengado: 'accrued',
  ejercido: 'exercised',
  ejercicio: 'exercised',
  pagado: 'paid',
};

/** Reads a stage name in English or Spanish; undefined when it is none of them. */
export function parseStageName(text: string): Stage | undefined {
  const key = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
  return Object.hasOwn(STAGE_NAMES, key) ? STAGE_NAMES[key] : undefined;
}
