import type { Mapping } from '../mapping/Mapping.js';
import { OCDS } from '../ocds/ocdsPreset.js';
import { FDP } from './fdp.js';
import { MX_CUENTA_PUBLICA } from './mxCuentaPublica.js';
import { MX_PEF } from './mxPef.js';
import { MX_RAMO23 } from './mxRamo23.js';
import { MX_TRANSFERENCIAS } from './mxTransferencias.js';

/** A preset: the mapping for a format this project knows, and what it is for. */
export interface Preset {
  name: string;
  description: string;
  /** The mapping, for presets that read a table. Presets for JSON formats (OCDS, FDP) have their own readers. */
  mapping?: Mapping;
}

// Listed statically (no registration at import time), so that bundlers can drop what a page does not use.
const PRESETS: Record<string, Preset> = Object.fromEntries(
  [MX_PEF, MX_CUENTA_PUBLICA, MX_TRANSFERENCIAS, MX_RAMO23, OCDS, FDP].map((preset) => [preset.name, preset]),
);

/** The names of the presets that ship with cauce. */
export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);

/** The preset of that name, or undefined. */
export function getPreset(name: string): Preset | undefined {
  return typeof name === 'string' && Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
}
