import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';

/**
 * Limits a caller may set on one input, so that a hostile or mistaken file stops with a LimitExceededError instead of
 * exhausting memory. None is set by default: published files are read whole.
 */
export interface IngestLimits {
  /** Rows read (after the header, plus the rows above it). */
  maxRows?: number;
  /** Fields in one record, the header included. */
  maxColumns?: number;
  /** Characters in one field; an unfinished record longer than this many characters per column also stops. */
  maxFieldLength?: number;
  /** Bytes read (after gzip is unpacked); for text input, characters. */
  maxBytes?: number;
}

/** Checks the limits a caller gave: whole numbers of at least 1. */
export function checkLimits(limits: IngestLimits | undefined): IngestLimits {
  if (limits === undefined) return {};
  if (typeof limits !== 'object' || limits === null)
    throw new InvalidArgumentError('options.limits', 'expected an object');
  for (const [key, value] of Object.entries(limits)) {
    if (!['maxRows', 'maxColumns', 'maxFieldLength', 'maxBytes'].includes(key)) {
      throw new InvalidArgumentError(
        `options.limits.${key}`,
        'unknown limit; use maxRows, maxColumns, maxFieldLength, maxBytes',
      );
    }
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 1)) {
      throw new InvalidArgumentError(`options.limits.${key}`, 'must be a whole number of at least 1');
    }
  }
  return limits;
}
