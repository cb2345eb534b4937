import { Decimal } from './Decimal.js';
import type { ScannedAmount } from './scanAmount.js';

/** Turns an exactly scanned amount into a Decimal, shifting it by `powerOfTen` (3 for a file in thousands). */
export function scaledToDecimal(amount: ScannedAmount, powerOfTen = 0): Decimal {
  const scale = amount.scale - powerOfTen;
  let text: string;
  if (scale <= 0) {
    text = amount.digits === '0' ? '0' : amount.digits + '0'.repeat(-scale);
  } else if (scale >= amount.digits.length) {
    text = '0.' + '0'.repeat(scale - amount.digits.length) + amount.digits;
  } else {
    text = amount.digits.slice(0, -scale) + '.' + amount.digits.slice(-scale);
  }
  return new Decimal(amount.negative ? '-' + text : text);
}
