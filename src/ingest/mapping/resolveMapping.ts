import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { getPreset, PRESET_NAMES } from '../presets/registry.js';
import type { IngestOptions } from '../TableIngester.js';
import type { Mapping } from './Mapping.js';
import { validateMapping } from './validateMapping.js';

/** The mapping a reader should use: the caller's own, a preset's, or none for a canonical table. */
export function resolveMapping(options: IngestOptions): Mapping | undefined {
  if (options.mapping !== undefined && options.preset !== undefined) {
    throw new InvalidArgumentError('options.preset', 'give a mapping or a preset, not both');
  }
  if (options.mapping !== undefined) return validateMapping(options.mapping);
  if (options.preset === undefined) return undefined;
  const preset = getPreset(options.preset);
  if (!preset?.mapping) {
    const tabular = PRESET_NAMES.filter((name) => getPreset(name)?.mapping);
    throw new InvalidArgumentError(
      'options.preset',
      `${JSON.stringify(options.preset)} is not a preset for tables; use one of ${tabular.join(', ')}`,
    );
  }
  return validateMapping(preset.mapping);
}
