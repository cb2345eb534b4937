import { CauceError } from './CauceError.js';

/** Two amounts in different currencies were about to be added or compared. */
export class CurrencyMismatchError extends CauceError {
  readonly currencies: readonly [string, string];

  constructor(left: string, right: string) {
    super('currency_mismatch', `cannot add or compare ${left} and ${right}: convert them first`);
    this.name = 'CurrencyMismatchError';
    this.currencies = [left, right];
  }
}
