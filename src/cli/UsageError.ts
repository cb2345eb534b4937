import { CauceError } from '../errors/CauceError.js';

/** A command line that cannot be run as written: exit code 2, with a one-line message. */
export class UsageError extends CauceError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}
