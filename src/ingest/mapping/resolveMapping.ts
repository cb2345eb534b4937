import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { getPreset, PRESET_NAMES } from '../presets/registry.js';
import type { IngestOptions } from '../TableIngester.js';
import type { Mapping } from './Mapping.js';
import { validateMapping } from './validateMapping.js';
import type { WatchlistMapping } from '../watchlist/WatchlistMapping.js';
import { validateWatchlistMapping } from '../watchlist/validateWatchlistMapping.js';

export type ResolvedMapping =
  { kind: 'flows'; mapping: Mapping } | { kind: 'watchlist'; mapping: WatchlistMapping } | undefined;

/**
 * The mapping a reader should use: the caller's own (a flow mapping, or a watchlist mapping with `kind: 'watchlist'`),
 * a preset's, or none for a canonical table. Validated here, before anything is read.
 */
export function resolveMapping(options: IngestOptions): ResolvedMapping {
  if (options.mapping !== undefined && options.preset !== undefined) {
    throw new InvalidArgumentError('options.preset', 'give a mapping or a preset, not both');
  }
  if (options.mapping !== undefined) {
    const kind = (options.mapping as { kind?: unknown }).kind;
    return kind === 'watchlist'
      ? { kind: 'watchlist', mapping: validateWatchlistMapping(options.mapping) }
      : { kind: 'flows', mapping: validateMapping(options.mapping) };
  }
  if (options.preset === undefined) return undefined;
  const preset = getPreset(options.preset);
  if (preset?.mapping) return { kind: 'flows', mapping: validateMapping(preset.mapping) };
  if (preset?.watchlist) return { kind: 'watchlist', mapping: validateWatchlistMapping(preset.watchlist) };
  const tabular = PRESET_NAMES.filter((name) => getPreset(name)?.mapping ?? getPreset(name)?.watchlist);
  throw new InvalidArgumentError(
    'options.preset',
    `${JSON.stringify(options.preset)} is not a preset for tables; use one of ${tabular.join(', ')}`,
  );
}
