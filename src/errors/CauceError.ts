/**
 * The base of every error cauce throws on purpose. Callers tell errors apart by `name` or `code`, never by the wording
 * of `message`, which may change.
 */
export class CauceError extends Error {
  /** A stable, machine-readable code, e.g. `invalid_argument`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CauceError';
    this.code = code;
  }
}
