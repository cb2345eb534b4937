import type { Preset } from './registry.js';

// Rows that add up other rows of the same file, per state: each transfer type's aggregate (XAC33NN, XAC28NN,
// XAC23NN, XACCDNN for states 01 to 33) and the funds made of sub-funds: FAM (F = G + H + I), FAIS (C = D + E) and
// FAETA (L = M + N). Their parts are in the file, so reading them as flows would count the money twice.
const AGGREGATE_ROW = '^XAC(33|28|23|CD)(0[1-9]|[1-9]\\d)$|^XAC33[FCL]\\d\\d$';
// The national Total row of a type's aggregate (XAC2800 ...): what the type's funds should add up to in the month.
const TYPE_TOTAL = '^XAC(33|28|23|CD)00$';

/**
 * SHCP's monthly federal transfers to states by fund (`transferencias_entidades_fed.csv`, thousands of pesos, paid).
 * Chain: federal government -> transfer type (the concept code's ramo: 33 aportaciones, 28 participaciones, 23
 * subsidios, CD and CR convenios, PSS protección social) -> fund -> state. The state and the fund come packed in
 * `NOMBRE` ("Nuevo León: FAM"); their keys come from `CLAVE_DE_CONCEPTO` (fund letters, then the state's two
 * digits), so spelling variants such as Michoacán / Michoacan meet.
 *
 * Per state, the rows of aggregates are skipped under the rule `aggregate-fund`, their parts being in the file. Their
 * national Total rows are kept as declared totals of the transfer type, and each fund's Total row as a declared total
 * of the fund, so reconciliation shows where an aggregate holds money its parts do not (participaciones from
 * September 2014 on: a component the file does not break out).
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
      { id: 'transferencia:{CLAVE_DE_CONCEPTO|match(^XAC(33|28|23|CD|CR|PSS))}', kind: 'agency', name: '{SUBTEMA}' },
      { id: 'fondo:{CLAVE_DE_CONCEPTO|match(^(.*)\\d\\d$)}', kind: 'programme', name: '{NOMBRE|after(:)}' },
      { id: 'ef:{CLAVE_DE_CONCEPTO|match(\\d\\d$)}', kind: 'recipient', name: '{NOMBRE|before(:)}' },
    ],
    amounts: [{ column: 'MONTO', stage: 'paid' }],
    period: '{CICLO}-{MES|month}',
    skip: [{ name: 'aggregate-fund', where: { CLAVE_DE_CONCEPTO: { matches: AGGREGATE_ROW } } }],
    totals: [
      {
        name: 'type-total',
        where: { CLAVE_DE_CONCEPTO: { matches: TYPE_TOTAL } },
        node: 'transferencia:{CLAVE_DE_CONCEPTO|match(^XAC(33|28|23|CD))}',
      },
      {
        name: 'state-total',
        where: { NOMBRE: { startsWith: 'Total:' } },
        node: 'fondo:{CLAVE_DE_CONCEPTO|match(^(.*)\\d\\d$)}',
      },
    ],
  },
};
