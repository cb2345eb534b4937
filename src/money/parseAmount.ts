import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { type Decimal, MAX_AMOUNT_DIGITS } from './Decimal.js';
import { type AmountProblem, scanAmount } from './scanAmount.js';
import { scaledToDecimal } from './scaledToDecimal.js';
import { type AmountUnit, unitPowerOfTen } from './unit.js';

export interface ParseAmountOptions {
  /** The decimal mark the file uses: `.` (default, `1,234.56`) or `,` (`1.234,56`). */
  decimal?: '.' | ',';
  /** The unit the file states its amounts in; amounts are scaled to units on parsing. Default `units`. */
  unit?: AmountUnit;
  /** Read exponent notation (`5.7e-08`, as programs print floats) exactly. Default false. */
  exponent?: boolean;
}

export type ParseAmountResult = { ok: true; value: Decimal } | { ok: false; code: AmountProblem; message: string };

const MESSAGES: Record<AmountProblem, string> = {
  empty: 'the amount is empty',
  not_a_number: 'not a number',
  scientific_notation: 'exponent notation is refused unless the number format allows it (it can hide lost digits)',
  bad_grouping: 'the digit grouping does not match the number format (is the decimal mark right?)',
  too_many_digits: `more than ${MAX_AMOUNT_DIGITS} significant digits`,
};

/**
 * Reads an amount as governments publish it into an exact Decimal. Bad text gives `{ ok: false }` with a `code`;
 * it never throws for bad data and never guesses.
 *
 * Accepted: `1234.56`, `1,234.56`, `" 1,003,938,481 "`, `" -   "` (zero), `$1,234`, `1,234 $`, `(1,234.00)`, `-1,234`,
 * `1,234-`, `1 234.5`, and `1.234,56` with `{ decimal: ',' }`.
 *
 * @example
 * parseAmount('(1,234.50)')                    // { ok: true, value: Decimal('-1234.5') }
 * parseAmount('1.234,56', { decimal: ',' })     // { ok: true, value: Decimal('1234.56') }
 * parseAmount('14269.084', { unit: 'thousands' }) // { ok: true, value: Decimal('14269084') }
 * parseAmount('1e308')                         // { ok: false, code: 'scientific_notation', ... }
 */
export function parseAmount(raw: string, options: ParseAmountOptions = {}): ParseAmountResult {
  if (typeof raw !== 'string') throw new InvalidArgumentError('raw', `expected a string, got ${typeof raw}`);
  const decimal = options.decimal ?? '.';
  if (decimal !== '.' && decimal !== ',') throw new InvalidArgumentError('options.decimal', 'must be "." or ","');
  const power = unitPowerOfTen(options.unit ?? 'units');
  const scanned = scanAmount(raw, { decimal, exponent: options.exponent === true }, MAX_AMOUNT_DIGITS);
  if (typeof scanned === 'string') return { ok: false, code: scanned, message: MESSAGES[scanned] };
  return { ok: true, value: scaledToDecimal(scanned, power) };
}

/** The human sentence for an amount problem code. */
export function describeAmountProblem(problem: AmountProblem): string {
  return MESSAGES[problem];
}
