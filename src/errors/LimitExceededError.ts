import { CauceError } from './CauceError.js';

export type LimitName = 'rows' | 'columns' | 'fieldLength' | 'bytes';

/** An input went past a limit the caller set (rows, columns, field length, bytes): stopped, rather than run out of memory. */
export class LimitExceededError extends CauceError {
  readonly file: string;
  readonly limit: LimitName;
  /** The limit that was set. */
  readonly max: number;
  /** The row where it was exceeded, when the limit is about rows or their fields. */
  readonly row: number | undefined;

  constructor(file: string, limit: LimitName, max: number, row?: number) {
    super(
      'limit_exceeded',
      `${file}${row !== undefined ? `, row ${row}` : ''}: more ${describe(limit)} than the limit of ${max}`,
    );
    this.name = 'LimitExceededError';
    this.file = file;
    this.limit = limit;
    this.max = max;
    this.row = row;
  }
}

function describe(limit: LimitName): string {
  return { rows: 'rows', columns: 'columns', fieldLength: 'characters in one field', bytes: 'bytes' }[limit];
}
