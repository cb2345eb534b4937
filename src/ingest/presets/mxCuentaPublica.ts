import type { Preset } from './registry.js';

/**
 * Mexico's Cuenta Pública by programme (SHCP, as converted to CSV year by year): a long table with one row per
 * programme and stage (`PRESUPUESTO` = Aprobado, Modificado, Devengado, Ejercicio) and the amount in `TOTAL`.
 *
 * Chain: branch (`ENTE`) -> ramo -> sub-ramo where there is one -> programme. From 2015 the executive's ramos sit
 * under `Ramos Administrativos` / `Ramos Generales` in `RAMO` with the ramo in `SUBRAMO`; 2013 and 2014 have no
 * `SUBRAMO` and put that grouping in `ENTE`. Programme keys (M001) repeat across ramos, so a programme's id carries
 * its ramo. `TOTAL` rows declare the totals of a ramo (or of a branch, when `RAMO` is empty). Skipped by rule:
 * percentage rows (`Porcentaje Ejer/Aprob`) and the rows that only carry a programme's name (`label-row`), so
 * programmes are named by their key.
 */
export const MX_CUENTA_PUBLICA: Preset = {
  name: 'mx-cuenta-publica',
  description: 'Cuenta Pública by programme: branch -> ramo -> programme, approved, modified, accrued, exercised',
  mapping: {
    name: 'mx-cuenta-publica',
    currency: 'MXN',
    // The converter printed a few near-zero floats in exponent form (5.727633833885193e-08); read them as written.
    number: { exponent: true },
    chain: [
      { id: 'ente:{ENTE|slug}', kind: 'agency', name: '{ENTE}' },
      { id: 'ramo:{RAMO|slug}', kind: 'agency', name: '{RAMO}', optional: true },
      { id: 'ramo:{SUBRAMO?|slug}', kind: 'agency', name: '{SUBRAMO?}', optional: true },
      { id: 'pp:{SUBRAMO?|or(RAMO)|slug}:{PROGRAMA}', kind: 'programme', name: '{PROGRAMA}' },
    ],
    amounts: [{ column: 'TOTAL', stageFrom: 'PRESUPUESTO' }],
    period: '{CICLO}',
    skip: [
      { name: 'percentage-row', where: { PRESUPUESTO: { startsWith: 'Porcentaje' } } },
      {
        name: 'label-row',
        where: { PRESUPUESTO: { not: { in: ['Aprobado', 'Modificado', 'Devengado', 'Ejercicio', 'Pagado'] } } },
      },
    ],
    totals: [
      { name: 'branch-total', where: { PROGRAMA: 'TOTAL', RAMO: { empty: true } }, node: 'ente:{ENTE|slug}' },
      { name: 'ramo-total', where: { PROGRAMA: 'TOTAL' }, node: 'ramo:{SUBRAMO?|or(RAMO)|slug}' },
    ],
  },
};
