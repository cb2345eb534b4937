// Only signs that name one currency; `$` (pesos, dollars, and a dozen more) and `¥` (yen or yuan) name none.
const SIGNS: Record<string, string> = {
  US$: 'USD',
  MX$: 'MXN',
  R$: 'BRL',
  A$: 'AUD',
  '€': 'EUR',
  '£': 'GBP',
  '₱': 'PHP',
  '₹': 'INR',
};

/** The ISO 4217 code a currency sign stands for, when it stands for exactly one. */
export function currencyOfSign(sign: string): string | undefined {
  return Object.hasOwn(SIGNS, sign) ? SIGNS[sign] : undefined;
}
