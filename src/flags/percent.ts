import { Decimal } from '../money/Decimal.js';

/**
 * A share written as a percentage for a flag's message, rounded half up to two decimals ("49.01%"). Messages only:
 * the evidence keeps the exact share.
 */
export function percent(share: Decimal): string {
  return `${share.times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed()}%`;
}
