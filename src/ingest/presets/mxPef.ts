import type { Preset } from './registry.js';

/**
 * Mexico's federal budget (PEF) at clave level, as SHCP publishes it: the 2016 file (`Ramo, UNIDAD, MOD, PP,
 * CONCEPTO, PEF_2016`, CP850) and the open-data layout (`CICLO, ID_RAMO, ID_UR, ID_MODALIDAD, ID_PP,
 * ID_PARTIDA_ESPECIFICA, MONTO_APROBADO ... MONTO_PAGADO`).
 *
 * Chain: ramo -> unidad responsable -> programa presupuestario -> budget line. A unit key repeats across ramos and a
 * programme key across ramos, so their ids carry the ramo; the budget line is the unit's programme at the concept (or
 * partida) of expenditure. Rows that differ only in function, funding source or state add up into one line.
 */
export const MX_PEF: Preset = {
  name: 'mx-pef',
  description: 'SHCP federal budget (PEF) at clave level: ramo -> unit -> programme -> budget line, approved to paid',
  mapping: {
    name: 'mx-pef',
    currency: 'MXN',
    aliases: {
      Ciclo: ['ID_CICLO'],
      Ramo: ['ID_RAMO'],
      RAMO_DESCRIPCION: ['DESC_RAMO'],
      UNIDAD: ['UR', 'ID_UR'],
      UNIDAD_DESCRIPCION: ['DESC_UR'],
      MOD: ['ID_MODALIDAD', 'MODALIDAD'],
      PP: ['ID_PP'],
      PROGR_PRES_DESCRIPCION: ['DESC_PP'],
      CONCEPTO: ['ID_PARTIDA_ESPECIFICA', 'PARTIDA_ESPECIFICA', 'ID_CONCEPTO'],
      CONCEPTO_DESCRIPCION: ['DESC_PARTIDA_ESPECIFICA', 'DESC_CONCEPTO'],
      MONTO_APROBADO: ['PEF_*', 'APROBADO'],
      MONTO_MODIFICADO: ['MODIFICADO'],
      MONTO_COMPROMETIDO: ['COMPROMETIDO'],
      MONTO_DEVENGADO: ['DEVENGADO'],
      MONTO_EJERCIDO: ['EJERCIDO'],
      MONTO_PAGADO: ['PAGADO'],
    },
    chain: [
      { id: 'ramo:{Ramo|pad(2)}', kind: 'agency', name: '{RAMO_DESCRIPCION}' },
      { id: 'ur:{Ramo|pad(2)}-{UNIDAD}', kind: 'unit', name: '{UNIDAD_DESCRIPCION}' },
      { id: 'pp:{Ramo|pad(2)}-{MOD}{PP|pad(3)}', kind: 'programme', name: '{PROGR_PRES_DESCRIPCION}' },
      {
        id: 'bl:{Ramo|pad(2)}-{UNIDAD}-{MOD}{PP|pad(3)}-{CONCEPTO}',
        kind: 'budget_line',
        name: '{CONCEPTO_DESCRIPCION}',
        attributes: { objeto_del_gasto: '{CONCEPTO}' },
      },
    ],
    amounts: [
      { column: 'MONTO_APROBADO', stage: 'approved', optional: true },
      { column: 'MONTO_MODIFICADO', stage: 'modified', optional: true },
      { column: 'MONTO_COMPROMETIDO', stage: 'committed', optional: true },
      { column: 'MONTO_DEVENGADO', stage: 'accrued', optional: true },
      { column: 'MONTO_EJERCIDO', stage: 'exercised', optional: true },
      { column: 'MONTO_PAGADO', stage: 'paid', optional: true },
    ],
    period: '{Ciclo}',
  },
};
