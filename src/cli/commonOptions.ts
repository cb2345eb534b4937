import type { ParseArgsConfig } from 'node:util';
import type { IngestStreamOptions } from '../ingest/ingestCsvStream.js';
import { UsageError } from './UsageError.js';

/** Options every command that reads inputs takes. */
export const INPUT_OPTIONS = {
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  currency: { type: 'string' },
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
  unit: { type: 'string' },
  encoding: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export interface InputFlags {
  strict?: boolean;
  currency?: string;
  delimiter?: string;
  decimal?: string;
  unit?: string;
  encoding?: string;
}

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
export function toIngestOptions(flags: InputFlags): IngestStreamOptions {
  const options: IngestStreamOptions = {};
  if (flags.strict) options.strict = true;
  if (flags.currency !== undefined) {
    if (!/^[A-Za-z]{3}$/.test(flags.currency))
      throw new UsageError(`--currency ${flags.currency}: expected a code like MXN`);
    options.defaultCurrency = flags.currency.toUpperCase();
  }
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
  return options;
}
