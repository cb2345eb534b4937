import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { Decimal } from './Decimal.js';

export type Lang = 'es' | 'en';

export interface FormatAmountOptions {
  /** `es` or `es-MX` (Mexican Spanish), or `en` (any English). Default `es-MX`. */
  locale?: string;
  /** ISO 4217 code; decides the symbol. Default `MXN`. */
  currency?: string;
  /** `full` writes every digit (`$1,234.56`); `short` writes what a citizen reads (`$1.2 mil millones`, `$1.2B`). */
  style?: 'full' | 'short';
  /** Decimals in the `full` style, rounding half up. Default: at least 2, and every decimal the amount has. */
  decimals?: number;
}

// MXN is written `$` in both languages: cauce's readers are first Mexican sites; US dollars are told apart as US$.
const SYMBOLS: Record<string, string> = { MXN: '$', USD: 'US$', EUR: '€', GBP: '£', BRL: 'R$' };

// Spanish uses the long scale: mil millones is 10^9 and un billón 10^12.
const SHORT_SCALES: Record<Lang, Array<{ power: number; one: string; many: string }>> = {
  es: [
    { power: 12, one: ' billón', many: ' billones' },
    { power: 9, one: ' mil millones', many: ' mil millones' },
    { power: 6, one: ' millón', many: ' millones' },
    { power: 3, one: ' mil', many: ' mil' },
  ],
  en: [
    { power: 12, one: 'T', many: 'T' },
    { power: 9, one: 'B', many: 'B' },
    { power: 6, one: 'M', many: 'M' },
    { power: 3, one: 'K', many: 'K' },
  ],
};

/**
 * Formats an amount for people. Rounding happens only here, at the edge (the short style, or `decimals` when given),
 * and never feeds back into a sum.
 *
 * @example
 * formatAmount(new Decimal('1234.5'))                                     // '$1,234.50'
 * formatAmount(new Decimal('1200000000'), { style: 'short' })             // '$1.2 mil millones'
 * formatAmount(new Decimal('1200000000'), { style: 'short', locale: 'en' }) // '$1.2B'
 * formatAmount(new Decimal('-5'), { currency: 'USD' })                    // '-US$5.00'
 */
export function formatAmount(value: Decimal, options: FormatAmountOptions = {}): string {
  if (!Decimal.isDecimal(value)) throw new InvalidArgumentError('value', 'expected a Decimal');
  const lang = toLang(options.locale ?? 'es-MX');
  const currency = options.currency ?? 'MXN';
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  const magnitude = value.abs();
  // The sign is decided on what is shown: -0.001 shown as $0.00 is not negative.
  const write = (digits: string, words = '') =>
    `${value.isNegative() && /[1-9]/.test(digits) ? '-' : ''}${symbol}${groupThousands(digits)}${words}`;

  if ((options.style ?? 'full') === 'short') {
    const scales = SHORT_SCALES[lang];
    let index = scales.findIndex((scale) => magnitude.greaterThanOrEqualTo(new Decimal(10).pow(scale.power)));
    // 999.5 rounds to 1,000 and 999,950 to 1,000.0 thousand: say them one scale up, as a person would.
    if (index === -1 && magnitude.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).greaterThanOrEqualTo(1000)) {
      index = scales.length - 1;
    }
    if (index === -1) return write(magnitude.toFixed(0, Decimal.ROUND_HALF_UP));
    let rounded = roundAt(magnitude, scales[index]!.power);
    if (rounded.greaterThanOrEqualTo(1000) && index > 0) rounded = roundAt(magnitude, scales[--index]!.power);
    const scale = scales[index]!;
    return write(rounded.toFixed(rounded.isInteger() ? 0 : 1), rounded.equals(1) ? scale.one : scale.many);
  }
  if (options.decimals === undefined) {
    // Without an explicit number of decimals the full style rounds nothing away: 0.005 stays 0.005.
    return write(magnitude.toFixed(Math.max(2, magnitude.decimalPlaces())));
  }
  const decimals = options.decimals;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new InvalidArgumentError('options.decimals', 'must be a whole number from 0 to 20');
  }
  return write(magnitude.toFixed(decimals, Decimal.ROUND_HALF_UP));
}

function roundAt(magnitude: Decimal, power: number): Decimal {
  return magnitude.dividedBy(new Decimal(10).pow(power)).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
}

function groupThousands(plain: string): string {
  const [integer, fraction] = plain.split('.') as [string, string | undefined];
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

// Mexico writes 1,234.56 as English does; Spain and most of South America write 1.234,56, which this formatter does
// not, so those locales are refused rather than mislabelled.
function toLang(locale: string): Lang {
  const [lang, region] = String(locale).toLowerCase().split(/[-_]/);
  if (lang === 'en') return 'en';
  if (lang === 'es' && (region === undefined || region === 'mx' || region === 'us')) return 'es';
  throw new InvalidArgumentError('options.locale', `unsupported locale ${JSON.stringify(locale)}; use es-MX or en`);
}
