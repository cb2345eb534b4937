/**
 * How a file writes its numbers. `decimal` is the decimal mark; the thousands mark is inferred from it:
 * with `.` the thousands mark may be `,`, a space, a no-break space or `'`; with `,` it may be `.` or a space.
 */
export interface NumberFormat {
  decimal: '.' | ',';
  /**
   * Read exponent notation (`5.727633833885193e-08`, as programs print floats) exactly as written. Off by default:
   * in a spreadsheet's display `1.5E+06` hides digits that are lost.
   */
  exponent?: boolean;
}

/** An amount read exactly: `negative`, the digits without any mark, and how many of them are decimals. */
export interface ScannedAmount {
  negative: boolean;
  /** Digits only, no leading zeros except a lone `0`. */
  digits: string;
  /** How many of `digits` (from the right) are decimals. May exceed `digits.length` for values like 0.001. */
  scale: number;
  /** The currency sign written with the amount (`$`, `€`, `US$`), if any. */
  symbol?: string;
}

export type AmountProblem = 'empty' | 'not_a_number' | 'scientific_notation' | 'bad_grouping' | 'too_many_digits';

// Characters that stand for "zero" in published tables: a lone dash (Excel's accounting format writes " -   ").
const ZERO_DASHES = new Set(['-', '–', '—']);
// Longest first, so that US$ is not read as $ after "US".
const CURRENCY_SIGNS = ['US$', 'MX$', 'R$', 'C$', 'A$', '$', '€', '£', '¥', '₱', '₹'];
const EDGE_SPACES = /^[ \t\u00a0\u2007\u2009\u202f]+|[ \t\u00a0\u2007\u2009\u202f]+$/g;
const THOUSANDS_MARKS: Record<'.' | ',', string> = {
  '.': ",' \u00a0\u2007\u2009\u202f",
  ',': '. \u00a0\u2007\u2009\u202f',
};

/**
 * Reads a published amount exactly, without floats and without allocating a Decimal, so that the streaming path can
 * stay cheap. Returns the problem code when the text is not an amount: it never guesses.
 */
export function scanAmount(raw: string, format: NumberFormat, maxDigits: number): ScannedAmount | AmountProblem {
  let text = raw.replace(/^[\r\n]+|[\r\n]+$/g, '').replace(EDGE_SPACES, '');
  if (text === '') return 'empty';

  // A sign, parentheses and a currency sign come in any order: -$1,234  $-1,234  ($1,234)  $ (1,234)  1,234-  $ -
  let negative = false;
  let signed = false;
  let parenthesised = false;
  let symbol: string | undefined;
  for (let changed = true; changed;) {
    changed = false;
    if (ZERO_DASHES.has(text)) return symbol ? { negative: false, digits: '0', scale: 0, symbol } : zero();
    if (!parenthesised && text.startsWith('(') && text.endsWith(')')) {
      if (signed) return 'not_a_number';
      parenthesised = negative = changed = true;
      text = trimSpaces(text.slice(1, -1));
      continue;
    }
    const sign = CURRENCY_SIGNS.find((candidate) => text.startsWith(candidate) || text.endsWith(candidate));
    if (sign !== undefined && symbol === undefined) {
      symbol = sign;
      text = trimSpaces(text.startsWith(sign) ? text.slice(sign.length) : text.slice(0, -sign.length));
      changed = true;
      continue;
    }
    const leading = /^[-+\u2212]/.exec(text)?.[0];
    const trailing = text.length > 1 && text.endsWith('-') ? '-' : undefined;
    if (leading !== undefined || trailing !== undefined) {
      if (signed || parenthesised) return 'not_a_number';
      signed = changed = true;
      negative = leading !== '+';
      text = trimSpaces(leading !== undefined ? text.slice(1) : text.slice(0, -1));
    }
  }
  if (text === '') return 'not_a_number';
  const exponent = /^(\d+)(?:[.,](\d+))?[eE]([+-]?\d+)$/.exec(text);
  if (exponent) {
    if (!format.exponent) return 'scientific_notation';
    const [, whole, fraction = '', power] = exponent;
    return withSymbol(normalize(negative, whole! + fraction, fraction.length - Number(power), maxDigits), symbol);
  }

  const decimalMark = format.decimal;
  const thousandsMarks = THOUSANDS_MARKS[decimalMark];
  const decimalAt = text.lastIndexOf(decimalMark);
  const integerPart = decimalAt === -1 ? text : text.slice(0, decimalAt);
  const fraction = decimalAt === -1 ? '' : text.slice(decimalAt + 1);
  if (!/^\d*$/.test(fraction)) return /^[\d.,'\s\u00a0]+$/.test(fraction) ? 'bad_grouping' : 'not_a_number';
  if (integerPart.includes(decimalMark)) {
    // 1.000.000 under a `.` decimal mark: grouped with the other mark, so the caller's number format is wrong.
    return isGrouped(integerPart, decimalMark) ? 'bad_grouping' : 'not_a_number';
  }

  let integerDigits = integerPart;
  if (!/^\d*$/.test(integerPart)) {
    const marks = new Set([...integerPart].filter((char) => !/\d/.test(char)));
    if ([...marks].some((mark) => !thousandsMarks.includes(mark))) {
      const otherMark = decimalMark === '.' ? ',' : '.';
      return [...marks].every((mark) => mark === otherMark || thousandsMarks.includes(mark))
        ? 'bad_grouping'
        : 'not_a_number';
    }
    // One thousands mark throughout, groups of three after a first group of one to three digits that is not zero:
    // anything else (1,2345 or 0,123 or 1,234 567) means the number format is not the one the caller said.
    if (marks.size > 1 || !isGrouped(integerPart, [...marks][0]!)) return 'bad_grouping';
    integerDigits = integerPart.split([...marks][0]!).join('');
  }
  if (integerDigits === '' && fraction === '') return 'not_a_number';

  return withSymbol(normalize(negative, integerDigits + fraction, fraction.length, maxDigits), symbol);
}

/** Strips leading zeros and trailing decimal zeros (1.50 = 1.5, so keys and comparisons are canonical). */
function normalize(
  negative: boolean,
  rawDigits: string,
  rawScale: number,
  maxDigits: number,
): ScannedAmount | AmountProblem {
  let digits = rawDigits.replace(/^0+(?=\d)/, '');
  let scale = rawScale;
  if (scale < 0) {
    if (digits.length - scale > maxDigits + 1) return 'too_many_digits';
    digits = digits === '0' ? '0' : digits + '0'.repeat(-scale);
    scale = 0;
  }
  while (scale > 0 && digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (digits === '0') return zero();
  // The span from the first significant digit to the last decimal place must fit, or a sum could round.
  if (Math.max(digits.length, scale) > maxDigits) return 'too_many_digits';
  return { negative, digits, scale };
}

function withSymbol(amount: ScannedAmount | AmountProblem, symbol: string | undefined): ScannedAmount | AmountProblem {
  return typeof amount === 'string' || symbol === undefined ? amount : { ...amount, symbol };
}

function isGrouped(text: string, mark: string): boolean {
  const groups = text.split(mark);
  return (
    groups.length > 1 && /^[1-9]\d{0,2}$/.test(groups[0]!) && groups.slice(1).every((group) => /^\d{3}$/.test(group))
  );
}

function trimSpaces(text: string): string {
  return text.replace(EDGE_SPACES, '');
}

function zero(): ScannedAmount {
  return { negative: false, digits: '0', scale: 0 };
}
