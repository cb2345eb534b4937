import { MAX_AMOUNT_DIGITS } from '../../money/Decimal.js';
import { scanAmount } from '../../money/scanAmount.js';
import type { Stage } from '../../model/stages.js';
import { parseStageName } from '../parseStageName.js';
import type { ColumnProfile, StageColumn } from './TableInspection.js';

const PERCENT = /porcentaje|percent|%|ratio|variaci|avance/i;
// A long table repeats its stage names on a good share of its rows; a column that names a stage now and then is not one.
const MIN_SHARE = 0.25;

/**
 * Finds the column of a long table that names each row's stage (`PRESUPUESTO` = Aprobado, Modificado, Devengado,
 * Ejercicio in Cuenta Pública): at least two stages named, on a quarter of the rows or more. The other values of the
 * column are sorted into percentages (`Porcentaje Ejer/Aprob`) and labels (a programme's name on a row of its own).
 *
 * @example
 * findStageColumn(rows, columns)?.stages // { Aprobado: 'approved', Modificado: 'modified', ... }
 */
export function findStageColumn(rows: string[][], columns: ColumnProfile[]): StageColumn | undefined {
  let best: { column: ColumnProfile; stages: Record<string, Stage>; stageRows: number } | undefined;
  for (const column of columns) {
    if (column.type !== 'text' && column.type !== 'code') continue;
    const stages: Record<string, Stage> = {};
    const checked = new Map<string, Stage | undefined>();
    let stageRows = 0;
    for (const row of rows) {
      const value = (row[column.index - 1] ?? '').trim();
      if (!checked.has(value)) checked.set(value, parseStageName(value));
      const stage = checked.get(value);
      if (!stage) continue;
      stages[value] = stage;
      stageRows++;
    }
    if (new Set(Object.values(stages)).size < 2 || stageRows < MIN_SHARE * rows.length) continue;
    if (!best || stageRows > best.stageRows) best = { column, stages, stageRows };
  }
  if (!best) return undefined;

  const at = best.column.index - 1;
  const amounts = columns.filter((column) => column.type === 'amount' && !column.percentage);
  const percentageValues = new Set<string>();
  let percentageRows = 0;
  let labelRows = 0;
  let labelRowsWithAmounts = 0;
  for (const row of rows) {
    const value = (row[at] ?? '').trim();
    if (Object.hasOwn(best.stages, value)) continue;
    if (PERCENT.test(value)) {
      percentageValues.add(value);
      percentageRows++;
      continue;
    }
    labelRows++;
    const nonZero = amounts.some((column) => {
      const scanned = scanAmount(row[column.index - 1] ?? '', column.numberFormat!, MAX_AMOUNT_DIGITS);
      return typeof scanned !== 'string' && scanned.digits !== '0';
    });
    if (nonZero) labelRowsWithAmounts++;
  }
  return {
    column: best.column.name,
    stages: best.stages,
    stageRows: best.stageRows,
    percentageValues: [...percentageValues],
    percentageRows,
    labelRows,
    labelRowsWithAmounts,
  };
}
