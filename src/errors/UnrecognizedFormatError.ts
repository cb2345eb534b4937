import { clip } from '../util/clip.js';
import { CauceError } from './CauceError.js';

/** A table whose header matches none of the canonical formats, read without a mapping. */
export class UnrecognizedFormatError extends CauceError {
  readonly file: string;
  readonly header: readonly string[];

  constructor(file: string, header: readonly string[]) {
    super(
      'unrecognized_format',
      `${file}: the header (${header
        .slice(0, 8)
        .map((name) => clip(name, 60))
        .join(', ')}${header.length > 8 ? ', ...' : ''}) is not a canonical ` +
        'flows (from,to,amount), balances (node,period,opening,closing) or watchlist (tax_id,name,status,listed_on) ' +
        'header; read it with a mapping or a preset',
    );
    this.name = 'UnrecognizedFormatError';
    this.file = file;
    this.header = header;
  }
}
