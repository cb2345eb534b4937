import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { Decimal, MAX_AMOUNT_DIGITS } from '../money/Decimal.js';

/**
 * Accepts an amount from a caller: a Decimal, a plain decimal string, or a safe integer. A fractional JavaScript number
 * is refused because it is already inexact (0.1 is not one tenth).
 */
export function toDecimalArgument(value: unknown, argument: string): Decimal {
  if (Decimal.isDecimal(value)) {
    if (!value.isFinite()) throw new InvalidArgumentError(argument, 'must be a finite amount');
    // The same limit ingest applies: past it a sum could round, and the graph could not be written and read back.
    const span = Math.max(value.precision(true), value.decimalPlaces());
    if (span > MAX_AMOUNT_DIGITS)
      throw new InvalidArgumentError(argument, `more than ${MAX_AMOUNT_DIGITS} significant digits`);
    return value;
  }
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return new Decimal(value);
    throw new InvalidArgumentError(argument, `${value} is not a safe integer; pass amounts with decimals as strings`);
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()))
    return toDecimalArgument(new Decimal(value.trim()), argument);
  throw new InvalidArgumentError(
    argument,
    `expected a Decimal, a decimal string or a safe integer, got ${JSON.stringify(value)}`,
  );
}
