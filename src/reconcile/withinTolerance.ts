import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { Decimal } from '../money/Decimal.js';
import type { Tolerance } from './types.js';

export interface ResolvedTolerance {
  absolute: Decimal;
  relative: Decimal;
}

/** Checks a caller's tolerance once; amounts must be non-negative decimals (strings or Decimals, never floats). */
export function resolveTolerance(tolerance: Tolerance | undefined): ResolvedTolerance {
  const read = (value: Decimal | string | undefined, key: string) => {
    if (value === undefined) return new Decimal(0);
    if (!(Decimal.isDecimal(value) || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())))) {
      throw new InvalidArgumentError(`options.tolerance.${key}`, 'must be a non-negative decimal string or Decimal');
    }
    const decimal = new Decimal(typeof value === 'string' ? value.trim() : value);
    if (decimal.isNegative()) throw new InvalidArgumentError(`options.tolerance.${key}`, 'must not be negative');
    return decimal;
  };
  if (tolerance !== undefined && (typeof tolerance !== 'object' || tolerance === null)) {
    throw new InvalidArgumentError('options.tolerance', 'expected { absolute?, relative? }');
  }
  return { absolute: read(tolerance?.absolute, 'absolute'), relative: read(tolerance?.relative, 'relative') };
}

/** True when `difference` is within the tolerance of `expected`: absolute, or relative to the expected amount. */
export function withinTolerance(difference: Decimal, expected: Decimal, tolerance: ResolvedTolerance): boolean {
  const size = difference.abs();
  return size.lessThanOrEqualTo(tolerance.absolute) || size.lessThanOrEqualTo(tolerance.relative.times(expected.abs()));
}
