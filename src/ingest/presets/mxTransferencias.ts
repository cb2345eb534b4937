import type { Preset } from './registry.js';

// Funds whose rows add up other rows of the same file: each ramo's aggregate (XAC33NN, XAC28NN, XAC23NN, XACCDNN),
// FAM (F = G + H + I), FAIS (C = D + E) and FAETA (L = M + N). Counting them too would count the money twice.
const AGGREGATE_FUND = '^XAC(33|28|23|CD)\\d\\d$|^XAC33[FCL]\\d\\d$';

/**
 * SHCP's monthly federal transfers to states by fund (`transferencias_entidades_fed.csv`, thousands of pesos, paid).
 * Chain: federal government -> transfer type (aportaciones, participaciones, subsidios, convenios, protección social)
 * -> fund -> state. The state and the fund come packed in `NOMBRE` ("Nuevo León: FAM"); their keys come from
 * `CLAVE_DE_CONCEPTO` (fund letters, then the state's two digits), so spelling variants such as Michoacán /
 * Michoacan meet. `Total` rows declare each fund's monthly total (reconciliation checks them); rows of aggregate
 * funds are skipped under the rule `aggregate-fund`, their parts being in the file.
 */
export const MX_TRANSFERENCIAS: Preset = {
  name: 'mx-transferencias',
  description: 'SHCP monthly federal transfers to states by fund (thousands of pesos), with Total rows',
  mapping: {
    name: 'mx-transferencias',
    currency: 'MXN',
    number: { decimal: '.', unit: 'thousands' },
    chain: [
      { id: 'federacion', kind: 'source', name: 'Gobierno Federal' },
      { id: 'transferencia:{SUBTEMA|slug}', kind: 'agency', name: '{SUBTEMA}' },
      { id: 'fondo:{CLAVE_DE_CONCEPTO|match(^(.*)\\d\\d$)}', kind: 'programme', name: '{NOMBRE|after(:)}' },
      { id: 'ef:{CLAVE_DE_CONCEPTO|match(\\d\\d$)}', kind: 'recipient', name: '{NOMBRE|before(:)}' },
    ],
    amounts: [{ column: 'MONTO', stage: 'paid' }],
    period: '{CICLO}-{MES|month}',
    skip: [{ name: 'aggregate-fund', where: { CLAVE_DE_CONCEPTO: { matches: AGGREGATE_FUND } } }],
    totals: [
      {
        name: 'state-total',
        where: { NOMBRE: { startsWith: 'Total:' } },
        node: 'fondo:{CLAVE_DE_CONCEPTO|match(^(.*)\\d\\d$)}',
      },
    ],
  },
};
