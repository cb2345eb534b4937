import type { Preset } from './registry.js';

/**
 * Ramo 23 (Provisiones Salariales y Económicas) projects by municipality, as SHCP publishes them (2015 approved only,
 * 2016 approved and paid). Chain: Ramo 23 -> programme -> state -> municipality; each project keeps its own flows
 * (its number is the reference). Programme keys are zero-padded (U57 -> U057) so that years meet; a state-wide
 * project (municipality 999 or 9999) goes to the state-wide node `mun:<state>-999`.
 */
export const MX_RAMO23: Preset = {
  name: 'mx-ramo23',
  description: 'SHCP Ramo 23 projects by municipality: programme -> state -> municipality, approved and paid',
  mapping: {
    name: 'mx-ramo23',
    currency: 'MXN',
    chain: [
      { id: 'ramo:23', kind: 'agency', name: 'Provisiones Salariales y Económicas' },
      { id: 'pp:23-{Clave del programa|pad(3)}', kind: 'programme', name: '{Fondo}' },
      { id: 'ef:{Clave de la entidad federativa|pad(2)}', kind: 'recipient', name: '{Entidad Federativa}' },
      {
        // 999 (2015) and 9999 (2016) both mean the whole state.
        id: 'mun:{Clave de la entidad federativa|pad(2)}-{Clave del municipio|map(9999=999)|pad(3)}',
        kind: 'recipient',
        name: '{Nombre del municipio}, {Entidad Federativa}',
      },
    ],
    amounts: [
      { column: 'Monto aprobado', stage: 'approved' },
      // 2016 leaves 124 paid cells empty: no paid flow, rather than a zero nobody published.
      { column: 'Pagado', stage: 'paid', optional: true, whenEmpty: 'skip' },
    ],
    reference: 'proyecto {Número de proyecto}',
  },
};
