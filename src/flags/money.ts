import type { Decimal } from '../money/Decimal.js';
import { formatAmount } from '../money/formatAmount.js';

/** An amount written for a flag's message in each language, with every digit. */
export function money(amount: Decimal, currency: string): { en: string; es: string } {
  return {
    en: formatAmount(amount, { currency, locale: 'en' }),
    es: formatAmount(amount, { currency, locale: 'es-MX' }),
  };
}
