import { MAX_AMOUNT_DIGITS } from '../../money/Decimal.js';
import { type NumberFormat, type ScannedAmount, scanAmount } from '../../money/scanAmount.js';
import type { NumberFormatProfile } from './TableInspection.js';

const DASHES = /^(?:[$€£]\s*)?[-–—]$/;

/**
 * Reads every distinct cell of an amount column (with how many times it occurs) under both decimal marks and says how
 * the column writes its numbers. The
 * decimal mark is the one that reads more cells that the other cannot (`1.5` only reads with `.`, `1.234,5` only with
 * `,`); cells both read (`1,234`) decide nothing, and with nothing decided the mark is `.`.
 *
 * @example
 * detectNumberFormat(new Map([['1,003,938,481', 2], ['-', 1], ['(12)', 1]]))
 * // { decimal: '.', thousands: ',', dashZeros: true, parentheses: true, ... }
 */
export function detectNumberFormat(counts: ReadonlyMap<string, number>): NumberFormatProfile {
  let onlyDot = 0;
  let onlyComma = 0;
  for (const [cell, count] of counts) {
    if (cell.trim() === '') continue;
    const dot = typeof scan(cell, '.') !== 'string';
    const comma = typeof scan(cell, ',') !== 'string';
    if (dot && !comma) onlyDot += count;
    else if (comma && !dot) onlyComma += count;
  }
  const decimal = onlyComma > onlyDot ? ',' : '.';
  const grouping = new RegExp(`\\d([^\\d${decimal === '.' ? '.' : ','}])\\d{3}(?!\\d)`);
  const profile: NumberFormatProfile = {
    decimal,
    maxDecimals: 0,
    dashZeros: false,
    parentheses: false,
    negatives: false,
    exponent: false,
    currencySigns: [],
    invalid: 0,
    invalidExamples: [],
  };
  const signs = new Set<string>();
  for (const [cell, count] of counts) {
    const text = cell.trim();
    if (text === '') continue;
    const scanned = scan(text, decimal);
    if (typeof scanned === 'string') {
      profile.invalid += count;
      if (profile.invalidExamples.length < 5) profile.invalidExamples.push(cell);
      continue;
    }
    if (scanned.symbol !== undefined) signs.add(scanned.symbol);
    if (/\d[eE][+-]?\d+\)?$/.test(text)) profile.exponent = true;
    if (DASHES.test(text)) {
      profile.dashZeros = true;
      continue;
    }
    if (text.includes('(') && text.includes(')')) profile.parentheses = true;
    else if (scanned.negative) profile.negatives = true;
    const mark = profile.thousands === undefined ? grouping.exec(text)?.[1] : undefined;
    if (mark !== undefined) profile.thousands = mark;
    const decimals =
      text.lastIndexOf(decimal) === -1 ? 0 : (/^\d*/.exec(text.slice(text.lastIndexOf(decimal) + 1))?.[0].length ?? 0);
    if (decimals > profile.maxDecimals) profile.maxDecimals = decimals;
  }
  profile.currencySigns = [...signs];
  return profile;
}

function scan(cell: string, decimal: NumberFormat['decimal']): ScannedAmount | string {
  // Exponent notation is read here so that such cells count as numbers; the mapping then says to read it.
  return scanAmount(cell, { decimal, exponent: true }, MAX_AMOUNT_DIGITS);
}
