import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { Decimal } from '../money/Decimal.js';

/**
 * Accepts an amount from a caller: a Decimal, a plain decimal string, or a safe integer. A fractional JavaScript number
 * is refused because it is already inexact (0.1 is not one tenth).
 */
export function toDecimalArgument(value: unknown, argument: string): Decimal {
  if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) throw new InvalidArgumentError(argument, 'must be a finite amount');
    return value;
  }
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return new Decimal(value);
    throw new InvalidArgumentError(argument, `${value} is not a safe integer; pass amounts with decimals as strings`);
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return new Decimal(value.trim());
  throw new InvalidArgumentError(
    argument,
    `expected a Decimal, a decimal string or a safe integer, got ${JSON.stringify(value)}`,
  );
}
