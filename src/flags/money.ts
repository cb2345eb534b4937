import type { Decimal } from '../money/Decimal.js';
import { formatAmount } from '../money/formatAmount.js';

/**
 * An amount written for a flag's message in each language, with every digit. Mexico writes amounts in full as English
 * does ($1,234.56), so one writing serves both: a run that raises tens of thousands of flags formats each amount once.
 */
export function money(amount: Decimal, currency: string): { en: string; es: string } {
  const written = formatAmount(amount, { currency, locale: 'es-MX' });
  return { en: written, es: written };
}
