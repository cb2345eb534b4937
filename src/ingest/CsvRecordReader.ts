import Papa from 'papaparse';
import { type Delimiter, detectDelimiter } from './detectDelimiter.js';

/** One record of a delimited file, numbered as a spreadsheet numbers rows (the first record is row 1). */
export interface CsvRecord {
  fields: string[];
  row: number;
  /** Set when the quoting of this record is broken; its fields are then not to be trusted. */
  malformed?: boolean;
}

export interface CsvReaderOptions {
  /** Default: detected from the first line among `,` `;` tab `|`. */
  delimiter?: Delimiter;
}

// Enough text to hold any sane header line; past it the first line is taken as it is.
const FIRST_LINE_LOOKAHEAD = 1 << 16;

/**
 * Splits text that arrives in chunks into records, with papaparse's parser. It keeps only the unfinished last record
 * between chunks, so memory does not grow with the file. Line ends may be LF, CRLF, or CR alone, and may differ
 * between records; a newline inside a quoted field belongs to the field.
 */
export class CsvRecordReader {
  private pending = '';
  private parser: Papa.Parser | undefined;
  private crOnly = false;
  private nextRow = 1;
  private delimiterChoice: Delimiter | undefined;

  constructor(private readonly options: CsvReaderOptions = {}) {}

  /** The delimiter in use, once the first line has been seen. */
  get delimiter(): Delimiter | undefined {
    return this.delimiterChoice;
  }

  push(chunk: string): CsvRecord[] {
    if (this.parser) {
      this.pending += this.crOnly ? chunk.replace(/\r/g, '\n') : chunk;
      return this.parse(false);
    }
    this.pending += chunk;
    // Wait for the first line end, and for the character after a CR: only then is CRLF told from a lone CR.
    const firstBreak = this.pending.search(/[\r\n]/);
    const undecided =
      firstBreak === -1 || (this.pending[firstBreak] === '\r' && firstBreak === this.pending.length - 1);
    if (undecided && this.pending.length < FIRST_LINE_LOOKAHEAD) return [];
    this.start();
    return this.parse(false);
  }

  end(): CsvRecord[] {
    if (!this.parser) this.start();
    return this.parse(true);
  }

  private start(): void {
    // A file with no LF at all but with CRs uses old Mac line ends; papaparse wants one newline sequence, so turn
    // them into LF. CRLF needs nothing: the CR left at the end of a record is removed below.
    this.crOnly = !this.pending.includes('\n') && this.pending.includes('\r');
    if (this.crOnly) this.pending = this.pending.replace(/\r/g, '\n');
    this.delimiterChoice = this.options.delimiter ?? detectDelimiter(this.pending.slice(0, FIRST_LINE_LOOKAHEAD));
    this.parser = new Papa.Parser({ delimiter: this.delimiterChoice, newline: '\n' });
  }

  private parse(final: boolean): CsvRecord[] {
    if (this.pending === '') return [];
    const text = this.pending;
    const result = this.parser!.parse(text, 0, !final);
    const data = result.data as unknown as string[][];
    if (final && text.endsWith('\n') && data.length > 0 && isLoneEmpty(data[data.length - 1]!)) data.pop();
    this.pending = final ? '' : text.slice(result.meta.cursor);
    const malformedRows = new Set(result.errors.map((error: Papa.ParseError) => error.row));
    return data.map((fields, index) => {
      const last = fields.length - 1;
      if (fields[last]?.endsWith('\r')) fields[last] = fields[last]!.slice(0, -1);
      const record: CsvRecord = { fields, row: this.nextRow++ };
      if (malformedRows.has(index)) record.malformed = true;
      return record;
    });
  }
}

function isLoneEmpty(fields: string[]): boolean {
  return fields.length === 1 && (fields[0] === '' || fields[0] === '\r');
}
