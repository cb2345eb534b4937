import { CauceError } from './CauceError.js';

/** Input that cannot be read at all: a missing file, an empty file, bytes that are not text. */
export class UnreadableInputError extends CauceError {
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super('unreadable_input', `${file}: ${reason}`, options);
    this.name = 'UnreadableInputError';
    this.file = file;
  }
}
