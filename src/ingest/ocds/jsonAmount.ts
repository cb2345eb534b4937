import { Decimal } from '../../money/Decimal.js';
import { parseAmount } from '../../money/parseAmount.js';

export type JsonAmountResult = { ok: true; value: Decimal } | { ok: false; message: string };

// Every decimal of up to 15 significant digits survives the trip text -> double -> shortest text unchanged.
const EXACT_DIGITS = 15;

/**
 * Reads an OCDS amount exactly. A JSON number is read through its shortest decimal text, which is what the publisher
 * wrote whenever that text could have been written exactly (up to 15 significant digits, or any safe integer); past
 * that, or in exponent form (`1e21`), the parser may already have lost digits, and the amount is refused rather than
 * guessed. A string is read as published amounts are (`"1,234.50"`).
 *
 * @example
 * jsonAmount(1234.5)      // { ok: true, value: Decimal('1234.5') }
 * jsonAmount('62,097.70') // { ok: true, value: Decimal('62097.7') }
 * jsonAmount(1e21)        // { ok: false, message: '...' }
 */
export function jsonAmount(raw: unknown): JsonAmountResult {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, message: `${raw} is not a finite number` };
    const text = String(raw);
    if (/e/i.test(text)) {
      return { ok: false, message: `${text} is in exponent form: its digits may not be the ones published` };
    }
    if (!Number.isSafeInteger(raw) && significantDigits(text) > EXACT_DIGITS) {
      return {
        ok: false,
        message: `${text} has more digits than a JSON number keeps exactly; publish it as a string to keep them`,
      };
    }
    return { ok: true, value: new Decimal(text) };
  }
  if (typeof raw === 'string') {
    const parsed = parseAmount(raw);
    return parsed.ok ? parsed : { ok: false, message: `${JSON.stringify(raw)} is not an amount: ${parsed.message}` };
  }
  return { ok: false, message: `${JSON.stringify(raw)} is not an amount` };
}

function significantDigits(text: string): number {
  return text.replace(/[-.]/g, '').replace(/^0+/, '').length;
}
