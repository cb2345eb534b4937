import type { Stage } from '../../model/stages.js';
import { columnKey } from '../mapping/columnKey.js';

// Words in amount column names, in English and Spanish, and the stage each names. `pef` is the approved budget
// (Presupuesto de Egresos de la Federación, e.g. `PEF_2016`); `ejercicio` as a column of amounts is the exercised.
const WORDS: Record<string, Stage> = {
  aprobado: 'approved',
  aprobada: 'approved',
  approved: 'approved',
  pef: 'approved',
  presupuestado: 'approved',
  autorizado: 'approved',
  asignado: 'approved',
  budgeted: 'approved',
  modificado: 'modified',
  modified: 'modified',
  comprometido: 'committed',
  committed: 'committed',
  devengado: 'accrued',
  accrued: 'accrued',
  ejercido: 'exercised',
  ejercicio: 'exercised',
  exercised: 'exercised',
  spent: 'exercised',
  pagado: 'paid',
  pagados: 'paid',
  pago: 'paid',
  pagos: 'paid',
  paid: 'paid',
  payment: 'paid',
  payments: 'paid',
};
// Words that name the approved budget only when nothing else in the name names a stage: `Presupuesto ejercido`.
const WEAK_WORDS = new Set(['presupuesto', 'budget', 'original']);

/**
 * The stage an amount column's name names, in English or Spanish (`MONTO_APROBADO`, `Pagado`, `PEF_2016`), or
 * undefined when it names none (`MONTO`, `Importe`, `TOTAL`). A name that names two stages names none.
 *
 * @example
 * guessStageFromName('MONTO_DEVENGADO') // 'accrued'
 */
export function guessStageFromName(name: string): Stage | undefined {
  const words = columnKey(name).split(/[^a-z0-9]+/);
  const stages = new Set<Stage>();
  for (const word of words) if (Object.hasOwn(WORDS, word)) stages.add(WORDS[word]!);
  if (stages.size === 0 && words.some((word) => WEAK_WORDS.has(word))) return 'approved';
  return stages.size === 1 ? [...stages][0] : undefined;
}
