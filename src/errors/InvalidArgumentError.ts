import { CauceError } from './CauceError.js';

/** Misuse of the API: a wrong option, a value of the wrong type, an unknown stage name. */
export class InvalidArgumentError extends CauceError {
  /** The argument or option that was wrong, e.g. `options.stage`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super('invalid_argument', `${argument}: ${message}`);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
  }
}
