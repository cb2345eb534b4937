import type { Mapping } from '../mapping/Mapping.js';
import type { WatchlistMapping } from '../watchlist/WatchlistMapping.js';
import { OCDS } from '../ocds/ocdsPreset.js';
import { FDP } from './fdp.js';
import { MX_CUENTA_PUBLICA } from './mxCuentaPublica.js';
import { MX_PEF } from './mxPef.js';
import { MX_RAMO23 } from './mxRamo23.js';
import { MX_TRANSFERENCIAS } from './mxTransferencias.js';
import { SAT_69B } from './sat69b.js';
import { UK_COUNCIL_SPEND } from './ukCouncilSpend.js';
import { UK_SPEND } from './ukSpend.js';

/** A preset: the mapping for a format this project knows, and what it is for. */
export interface Preset {
  name: string;
  description: string;
  /** The mapping, for presets that read a table into flows. Presets for JSON formats (OCDS, FDP) have their own readers. */
  mapping?: Mapping;
  /** The mapping, for presets that read a list of companies or people into watchlist entries. */
  watchlist?: WatchlistMapping;
}

// Listed statically (no registration at import time), so that bundlers can drop what a page does not use.
const PRESETS: Record<string, Preset> = Object.fromEntries(
  [MX_PEF, MX_CUENTA_PUBLICA, MX_TRANSFERENCIAS, MX_RAMO23, OCDS, FDP, UK_SPEND, UK_COUNCIL_SPEND, SAT_69B].map(
    (preset) => [preset.name, preset],
  ),
);

/** The names of the presets that ship with cauce. */
export const PRESET_NAMES: readonly string[] = Object.keys(PRESETS);

/** The preset of that name, or undefined. */
export function getPreset(name: string): Preset | undefined {
  return typeof name === 'string' && Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
}
