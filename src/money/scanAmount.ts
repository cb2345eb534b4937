/**
 * How a file writes its numbers. `decimal` is the decimal mark; the thousands mark is inferred from it:
 * with `.` the thousands mark may be `,`, a space, a no-break space or `'`; with `,` it may be `.` or a space.
 */
export interface NumberFormat {
  decimal: '.' | ',';
}

/** An amount read exactly: `negative`, the digits without any mark, and how many of them are decimals. */
export interface ScannedAmount {
  negative: boolean;
  /** Digits only, no leading zeros except a lone `0`. */
  digits: string;
  /** How many of `digits` (from the right) are decimals. May exceed `digits.length` for values like 0.001. */
  scale: number;
}

export type AmountProblem = 'empty' | 'not_a_number' | 'scientific_notation' | 'bad_grouping' | 'too_many_digits';

// Characters that stand for "zero" in published tables: a lone dash (Excel's accounting format writes " -   ").
const ZERO_DASHES = new Set(['-', '–', '—']);
const CURRENCY_PREFIXES = ['US$', 'MX$', 'R$', 'C$', 'A$', '$', '€', '£', '¥', '₱', '₹'];
const SPACES = /[\s\u00a0\u2007\u2009\u202f]/;

/**
 * Reads a published amount exactly, without floats and without allocating a Decimal, so that the streaming path can
 * stay cheap. Returns the problem code when the text is not an amount.
 */
export function scanAmount(raw: string, format: NumberFormat, maxDigits: number): ScannedAmount | AmountProblem {
  let text = stripSpaces(raw);
  if (text === '') return 'empty';
  if (ZERO_DASHES.has(text)) return { negative: false, digits: '0', scale: 0 };

  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = stripSpaces(text.slice(1, -1));
  }
  // A sign and a currency symbol come in either order: -$1,234 and $-1,234; a trailing minus is SAP's 1,234-.
  for (let pass = 0; pass < 2; pass++) {
    text = stripCurrency(text);
    if (text.startsWith('-') || text.startsWith('+') || text.startsWith('−')) {
      if (negative && text[0] !== '+') return 'not_a_number';
      negative = negative || text[0] !== '+';
      text = stripSpaces(text.slice(1));
    } else if (text.endsWith('-') && text.length > 1) {
      if (negative) return 'not_a_number';
      negative = true;
      text = stripSpaces(text.slice(0, -1));
    }
  }
  text = stripCurrency(text);
  if (text === '') return 'not_a_number';
  if (/^\d+(\.\d+)?[eE][+-]?\d+$/.test(text) || /^\d+,\d+[eE][+-]?\d+$/.test(text)) return 'scientific_notation';

  const decimalMark = format.decimal;
  const decimalAt = text.lastIndexOf(decimalMark);
  const integerPart = decimalAt === -1 ? text : text.slice(0, decimalAt);
  const fraction = decimalAt === -1 ? '' : text.slice(decimalAt + 1);
  if (!/^\d*$/.test(fraction)) return /^[\d.,'\s\u00a0]+$/.test(fraction) ? 'bad_grouping' : 'not_a_number';
  if (decimalAt !== -1 && integerPart.includes(decimalMark)) return 'not_a_number';

  const grouped = readGroupedInteger(integerPart, decimalMark);
  if (typeof grouped === 'object') return grouped.problem;
  const integerDigits = grouped;
  if (integerDigits === '' && fraction === '') return 'not_a_number';

  let digits = (integerDigits + fraction).replace(/^0+(?=\d)/, '');
  let scale = fraction.length;
  // Trailing decimal zeros carry no value; dropping them keeps keys and comparisons canonical (1.50 = 1.5).
  while (scale > 0 && digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (digits === '') digits = '0';
  if (digits === '0') {
    scale = 0;
    negative = false;
  }
  if (digits.length > maxDigits || scale > maxDigits) return 'too_many_digits';
  return { negative, digits, scale };
}

function readGroupedInteger(text: string, decimalMark: '.' | ','): string | { problem: AmountProblem } {
  if (/^\d*$/.test(text)) return text;
  const separators = decimalMark === '.' ? /[,'\s\u00a0\u2009\u202f]/ : /[.\s\u00a0\u2009\u202f]/;
  const groups = text.split(separators);
  if (groups.some((group) => !/^\d+$/.test(group))) {
    return { problem: /^[\d.,'\s\u00a0\u2009\u202f]+$/.test(text) ? 'bad_grouping' : 'not_a_number' };
  }
  // Thousands groups are three digits after the first: 1,234,567. Anything else means the number format is not
  // the one the caller said (1.234,56 read with a `.` decimal mark), so refuse rather than guess.
  const [first, ...rest] = groups as [string, ...string[]];
  if (first.length > 3 || rest.some((group) => group.length !== 3)) return { problem: 'bad_grouping' };
  return groups.join('');
}

function stripSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && SPACES.test(text[start]!)) start++;
  while (end > start && SPACES.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

function stripCurrency(text: string): string {
  for (const symbol of CURRENCY_PREFIXES) {
    if (text.startsWith(symbol)) return stripSpaces(text.slice(symbol.length));
    if (text.endsWith(symbol)) return stripSpaces(text.slice(0, -symbol.length));
  }
  return text;
}
