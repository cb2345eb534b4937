import type { ScaledAmount } from '../../money/ScaledAmount.js';
import { powerOfTen } from '../../money/ScaledAmount.js';

const SPACE = 0x20;
const TAB = 0x09;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
// Fifteen digits always fit in a double's safe integers (2^53 is about 9.007e15).
const MAX_DIGITS = 15;

/**
 * Reads the plainest amounts there are, straight from bytes: an optional minus, digits without grouping or a leading
 * zero, and an optional `.` with decimals; up to fifteen digits. Everything else (thousands marks, currency signs,
 * parentheses, a decimal comma, a lone zero with a sign, longer numbers) returns false, and the row is read the full
 * way, which knows every published format. `powerOfTen` shifts the amount (3 for a file in thousands).
 */
export function scanPlainAmount(
  bytes: Uint8Array,
  start: number,
  end: number,
  shift: number,
  into: ScaledAmount,
): boolean {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  let at = start;
  const negative = bytes[at] === MINUS;
  if (negative) at++;
  if (at >= end) return false;
  // A leading zero is a lone zero before the decimals or nothing: 007 and 0,123 are left to the full reader.
  if (bytes[at] === ZERO && at + 1 < end && bytes[at + 1] !== DOT) return false;
  let units = 0;
  let digits = 0;
  let scale = 0;
  let decimals = false;
  for (; at < end; at++) {
    const byte = bytes[at]!;
    if (byte >= ZERO && byte <= NINE) {
      units = units * 10 + (byte - ZERO);
      digits++;
      if (decimals) scale++;
    } else if (byte === DOT && !decimals && digits > 0) {
      decimals = true;
    } else {
      return false;
    }
  }
  if (digits === 0 || digits > MAX_DIGITS || (decimals && scale === 0)) return false;
  if (negative && units === 0) return false;
  scale -= shift;
  if (scale < 0) {
    if (-scale > 22) return false;
    units *= powerOfTen(-scale);
    if (!Number.isSafeInteger(units)) return false;
    scale = 0;
  }
  if (scale > 22) return false;
  into.units = negative ? -units : units;
  into.scale = scale;
  return true;
}
