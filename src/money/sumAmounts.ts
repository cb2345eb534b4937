import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { Decimal } from './Decimal.js';

/**
 * Adds amounts exactly. Every value must be a Decimal: a JavaScript number would already have lost digits.
 *
 * @example
 * sumAmounts([new Decimal('0.1'), new Decimal('0.2')]).toString() // '0.3'
 */
export function sumAmounts(values: Iterable<Decimal>): Decimal {
  let total = new Decimal(0);
  for (const value of values) {
    if (!Decimal.isDecimal(value)) {
      throw new InvalidArgumentError('values', `expected Decimal amounts, got ${typeof value}`);
    }
    total = total.plus(value);
  }
  return total;
}
