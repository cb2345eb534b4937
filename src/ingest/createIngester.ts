import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { aggregateGrainOf } from './AggregateGrain.js';
import { canonicalMatcher } from './canonicalMatcher.js';
import type { Delimiter } from './detectDelimiter.js';
import { mappingMatcher } from './mapping/mappingMatcher.js';
import { checkLimits } from './IngestLimits.js';
import { resolveMapping } from './mapping/resolveMapping.js';
import { watchlistMatcher } from './watchlist/watchlistMatcher.js';
import { type IngestOptions, TableIngester, valueFormatOf } from './TableIngester.js';

const DELIMITERS: readonly string[] = [',', ';', '\t', '|'];

/**
 * Checks a reader's options and sets up the books for one table: canonical unless a mapping or preset is given.
 * Everything a caller can get wrong is checked here, before a byte is read.
 */
export function createIngester(options: IngestOptions): {
  ingester: TableIngester;
  delimiter?: Delimiter;
  encoding?: string;
} {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const file = options.file ?? 'input';
  if (typeof file !== 'string' || file === '')
    throw new InvalidArgumentError('options.file', 'must be a non-empty string');
  const defaultCurrency = options.defaultCurrency ?? 'MXN';
  if (typeof defaultCurrency !== 'string' || !/^[A-Z]{3}$/.test(defaultCurrency)) {
    throw new InvalidArgumentError('options.defaultCurrency', 'must be an ISO 4217 code like MXN');
  }
  const resolved = resolveMapping(options);
  const mapping = resolved?.kind === 'flows' ? resolved.mapping : undefined;
  const watchlist = resolved?.kind === 'watchlist' ? resolved.mapping : undefined;
  const delimiter = options.delimiter ?? mapping?.delimiter;
  if (delimiter !== undefined && !DELIMITERS.includes(delimiter)) {
    throw new InvalidArgumentError('options.delimiter', 'must be ",", ";", "\\t" or "|"');
  }
  const matcher = watchlist
    ? watchlistMatcher(watchlist)
    : mapping
      ? mappingMatcher(mapping, defaultCurrency)
      : canonicalMatcher(defaultCurrency);
  const limits = checkLimits(options.limits);
  const ingester = new TableIngester({
    file,
    limits,
    strict: options.strict === true,
    valueFormat: valueFormatOf(options, mapping),
    matcher,
    // Mapped tables add up as they read; a canonical flows table keeps one flow per row unless asked to add up.
    aggregate: aggregateGrainOf(
      options.aggregate ?? (mapping ? (mapping.aggregate ?? true) : false),
      'options.aggregate',
    ),
  });
  const result: { ingester: TableIngester; delimiter?: Delimiter; encoding?: string } = { ingester };
  if (delimiter !== undefined) result.delimiter = delimiter;
  const encoding = mapping?.encoding ?? watchlist?.encoding;
  if (encoding !== undefined) result.encoding = encoding;
  return result;
}
