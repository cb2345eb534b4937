import Papa from 'papaparse';
import { type Delimiter, detectDelimiter } from './detectDelimiter.js';
import { appendAll } from '../util/appendAll.js';

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
 * between chunks, so memory does not grow with the file.
 *
 * Line ends may be LF, CRLF or CR alone, and may change from record to record (files pasted together): every CRLF or
 * lone CR is read as LF before parsing, inside quoted fields too, so a quoted line break comes out as `\n`.
 * A quote that never closes would make papaparse swallow the rest of the file into one field; instead, that record's
 * first line is reported as malformed and the lines after it are read as records of their own.
 */
export class CsvRecordReader {
  private pending = '';
  private parser: Papa.Parser | undefined;
  private nextRow = 1;
  private delimiterChoice: Delimiter | undefined;
  // While a quoted field stays open, parsing again only once the text has doubled keeps the work linear.
  private retryAt = 0;

  constructor(private readonly options: CsvReaderOptions = {}) {}

  /** The delimiter in use, once the first line has been seen. */
  get delimiter(): Delimiter | undefined {
    return this.delimiterChoice;
  }

  push(chunk: string): CsvRecord[] {
    this.pending += chunk;
    if (!this.parser) {
      if (!/[\r\n]/.test(this.pending) && this.pending.length < FIRST_LINE_LOOKAHEAD) return [];
      this.start();
    }
    if (this.pending.length < this.retryAt) return [];
    return this.parse(false);
  }

  end(): CsvRecord[] {
    if (!this.parser) this.start();
    return this.parse(true);
  }

  private start(): void {
    this.delimiterChoice = this.options.delimiter ?? detectDelimiter(this.pending.slice(0, FIRST_LINE_LOOKAHEAD));
    this.parser = new Papa.Parser({ delimiter: this.delimiterChoice, newline: '\n' });
  }

  private parse(final: boolean): CsvRecord[] {
    // A CR at the very end may be the first half of a CRLF that the next chunk completes: hold it back.
    const holdCr = !final && this.pending.endsWith('\r');
    const raw = holdCr ? this.pending.slice(0, -1) : this.pending;
    const text = raw.replace(/\r\n?/g, '\n');
    if (text === '') return [];
    const result = this.parser!.parse(text, 0, !final);
    const data = result.data as unknown as string[][];
    const records: CsvRecord[] = [];
    let rest = '';
    if (final) {
      if (text.endsWith('\n') && data.length > 0 && isLoneEmpty(data[data.length - 1]!)) data.pop();
      const open = result.errors.find((error: Papa.ParseError) => error.code === 'MissingQuotes');
      if (open && open.row === data.length - 1) {
        // The last record's quote never closed: report its first line, and read the lines after it again.
        data.pop();
        const start = text.lastIndexOf('\n', (open.index ?? 0) - 1) + 1;
        const lineEnd = text.indexOf('\n', start);
        const firstLine = lineEnd === -1 ? text.slice(start) : text.slice(start, lineEnd);
        this.collect(data, result.errors, records);
        records.push({ fields: firstLine.split(this.delimiterChoice!), row: this.nextRow++, malformed: true });
        if (lineEnd !== -1) {
          this.pending = text.slice(lineEnd + 1);
          appendAll(records, this.parse(true));
        }
        this.pending = '';
        return records;
      }
    } else {
      rest = text.slice(result.meta.cursor) + (holdCr ? '\r' : '');
      this.retryAt = result.meta.cursor === 0 && rest.length > FIRST_LINE_LOOKAHEAD ? rest.length * 2 : 0;
    }
    this.pending = rest;
    this.collect(data, result.errors, records);
    return records;
  }

  private collect(data: string[][], errors: Papa.ParseError[], into: CsvRecord[]): void {
    const malformedRows = new Set(errors.map((error) => error.row));
    data.forEach((fields, index) => {
      const record: CsvRecord = { fields, row: this.nextRow++ };
      if (malformedRows.has(index)) record.malformed = true;
      into.push(record);
    });
  }
}

function isLoneEmpty(fields: string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}
