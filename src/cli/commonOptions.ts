import type { ParseArgsConfig } from 'node:util';
import type { IngestStreamOptions } from '../ingest/ingestCsvStream.js';
import { getPreset, PRESET_NAMES } from '../ingest/presets/registry.js';
import { readMappingFile } from '../node/readMappingFile.js';
import { UsageError } from './UsageError.js';

/** Options every command that reads inputs takes. */
export const INPUT_OPTIONS = {
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  mapping: { type: 'string' },
  preset: { type: 'string' },
  'default-currency': { type: 'string' },
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
  unit: { type: 'string' },
  encoding: { type: 'string' },
  quiet: { type: 'boolean' },
  engine: { type: 'string' },
  aggregate: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export interface InputFlags {
  strict?: boolean;
  mapping?: string;
  preset?: string;
  'default-currency'?: string;
  delimiter?: string;
  decimal?: string;
  unit?: string;
  encoding?: string;
  quiet?: boolean;
  engine?: string;
  aggregate?: string;
}

/** Ingest options, and what the command line adds to them: `quiet` turns off the progress bar on stderr. */
export type InputOptions = IngestStreamOptions & { quiet?: boolean; engine?: 'duckdb' };

const DELIMITERS: Record<string, IngestStreamOptions['delimiter']> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  tab: '\t',
  '\\t': '\t',
  '\t': '\t',
  '|': '|',
  pipe: '|',
};

/** Turns the input flags into ingest options, refusing values the API would refuse, as usage errors. */
export async function toIngestOptions(flags: InputFlags): Promise<InputOptions> {
  const options: InputOptions = {};
  if (flags.strict) options.strict = true;
  const currency = flags['default-currency'];
  if (currency !== undefined) {
    if (!/^[A-Za-z]{3}$/.test(currency))
      throw new UsageError(`--default-currency ${currency}: expected a code like MXN`);
    options.defaultCurrency = currency.toUpperCase();
  }
  if (flags.mapping !== undefined && flags.preset !== undefined) {
    throw new UsageError('--mapping and --preset exclude each other');
  }
  if (flags.preset !== undefined) {
    if (!getPreset(flags.preset)) {
      throw new UsageError(`--preset ${flags.preset}: no such preset; presets: ${PRESET_NAMES.join(', ')}`);
    }
    options.preset = flags.preset;
  }
  if (flags.mapping !== undefined) options.mapping = await readMappingFile(flags.mapping);
  if (flags.delimiter !== undefined) {
    const delimiter = DELIMITERS[flags.delimiter];
    if (!delimiter) throw new UsageError(`--delimiter ${flags.delimiter}: use , ; tab or |`);
    options.delimiter = delimiter;
  }
  if (flags.decimal !== undefined) {
    if (flags.decimal !== '.' && flags.decimal !== ',') throw new UsageError(`--decimal ${flags.decimal}: use . or ,`);
    options.decimal = flags.decimal;
  }
  if (flags.unit !== undefined) {
    if (!['units', 'thousands', 'millions'].includes(flags.unit)) {
      throw new UsageError(`--unit ${flags.unit}: use units, thousands or millions`);
    }
    options.unit = flags.unit as IngestStreamOptions['unit'];
  }
  if (flags.encoding !== undefined) options.encoding = flags.encoding;
  if (flags.quiet) options.quiet = true;
  if (flags.engine !== undefined) {
    if (flags.engine !== 'duckdb')
      throw new UsageError(`--engine ${flags.engine}: the one engine besides cauce's own is duckdb`);
    options.engine = 'duckdb';
  }
  if (flags.aggregate !== undefined) {
    const grains: Record<string, IngestStreamOptions['aggregate']> = {
      flows: 'flows',
      payments: 'payments',
      none: false,
    };
    if (!Object.hasOwn(grains, flags.aggregate)) {
      throw new UsageError(`--aggregate ${flags.aggregate}: use flows, payments or none`);
    }
    options.aggregate = grains[flags.aggregate];
  }
  // Said rather than ignored: the DuckDB engine always adds up at the flows grain.
  if (options.engine === 'duckdb' && options.aggregate !== undefined && options.aggregate !== 'flows')
    throw new UsageError(
      `--engine duckdb adds up at the flows grain: --aggregate ${flags.aggregate} needs cauce's own`,
    );
  return options;
}
