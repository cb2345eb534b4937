import type { Preset } from './registry.js';

/**
 * Fiscal Data Package (datapackage.json + CSV). It has no fixed mapping: `mappingFromFdp` makes one from each
 * package's own descriptor, and `ingestFdp` (or `ingestFdpFile` in Node) reads it.
 */
export const FDP: Preset = {
  name: 'fdp',
  description: 'Fiscal Data Package (datapackage.json + CSV): measures by phase, payer -> classifications -> payee',
};
