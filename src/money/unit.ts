import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';

/** The unit a file states its amounts in. Files in thousands (`miles de pesos`) are common in Mexican budgets. */
// No 'billions': a Spanish billón is 10^12 and an English billion 10^9; a file that needs it should say millions.
export type AmountUnit = 'units' | 'thousands' | 'millions';

const POWERS: Record<AmountUnit, number> = { units: 0, thousands: 3, millions: 6 };

/** The power of ten a unit multiplies by; throws on an unknown unit, which is a caller's mistake. */
export function unitPowerOfTen(unit: AmountUnit): number {
  const power = POWERS[unit];
  if (power === undefined || !Object.hasOwn(POWERS, unit)) {
    throw new InvalidArgumentError(
      'unit',
      `unknown unit ${JSON.stringify(unit)}; use ${Object.keys(POWERS).join(', ')}`,
    );
  }
  return power;
}
