import type { Preset } from '../presets/registry.js';

/**
 * Open Contracting (OCDS 1.0 and 1.1) JSON: releases, records and their packages. It has no mapping: its reader is
 * `ingestOcds`, which callers choose by this preset's name.
 */
export const OCDS: Preset = {
  name: 'ocds',
  description:
    'Open Contracting (OCDS 1.0/1.1) JSON releases, records and packages: awards buyer -> supplier (committed), ' +
    'payments payer -> payee (paid), APF budget breakdowns budget line -> supplier (committed to paid)',
};
