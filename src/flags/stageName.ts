import type { Stage } from '../model/stages.js';

// Mexican accounting's own names for the budget moments, which Spanish-speaking readers know from the published data.
const SPANISH: Record<Stage, string> = {
  approved: 'aprobado',
  modified: 'modificado',
  committed: 'comprometido',
  accrued: 'devengado',
  exercised: 'ejercido',
  paid: 'pagado',
};

/** How a flag's message names a stage in each language: `paid` in English, `pagado` in Spanish. */
export function stageName(stage: Stage): { en: string; es: string } {
  return { en: stage, es: SPANISH[stage] };
}
