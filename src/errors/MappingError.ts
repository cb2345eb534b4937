import { CauceError } from './CauceError.js';

/**
 * A mapping that cannot be used: a missing or unknown key, an unknown stage or kind, a template that does not parse,
 * or a column the file does not have. Raised before any data row is read.
 */
export class MappingError extends CauceError {
  /** The path of the offending key in the mapping, e.g. `chain[1].id`. */
  readonly key: string;
  /** The column the key names, when the problem is a column. */
  readonly column: string | undefined;

  constructor(key: string, message: string, column?: string) {
    super('invalid_mapping', `mapping ${key}: ${message}`);
    this.name = 'MappingError';
    this.key = key;
    this.column = column;
  }
}
