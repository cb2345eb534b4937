import Papa from 'papaparse';
import { LimitExceededError } from '../errors/LimitExceededError.js';
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
  /** Stop with a LimitExceededError when an unfinished record grows past this many characters. */
  maxRecordLength?: number;
  /** The name used in that error. */
  file?: string;
  /** The row number of the first record, when the reader takes over a table part way through. Default 1. */
  firstRow?: number;
}

/**
 * The reader's share of a caller's limits: an unfinished record (an open quote, say) may hold at most the longest
 * field allowed times the columns allowed (1,000 when no column limit is set) before reading stops.
 */
export function readerLimits(
  options: { limits?: { maxFieldLength?: number; maxColumns?: number } },
  file: string,
): Pick<CsvReaderOptions, 'maxRecordLength' | 'file'> {
  const field = options.limits?.maxFieldLength;
  if (field === undefined) return {};
  return { maxRecordLength: field * (options.limits?.maxColumns ?? 1000), file };
}

// After this many lines whose quotes never close, the rest of the file is read with quotes as plain characters.
const MAX_QUOTE_RECOVERIES = 10;

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
  private recoveries = 0;
  private literal: Papa.Parser | undefined;

  constructor(private readonly options: CsvReaderOptions = {}) {
    this.nextRow = options.firstRow ?? 1;
  }

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
    this.pending = '';
    if (text === '') {
      if (holdCr) this.pending = '\r';
      return [];
    }
    if (final) return this.parseRest(text);
    const result = this.parser!.parse(text, 0, true);
    const rest = text.slice(result.meta.cursor) + (holdCr ? '\r' : '');
    // What is left is one unfinished record: past the limit (an open quote, a 10 MB line), stop.
    const max = this.options.maxRecordLength;
    if (max !== undefined && rest.length > max)
      throw new LimitExceededError(this.options.file ?? 'input', 'fieldLength', max);
    this.retryAt = result.meta.cursor === 0 && rest.length > FIRST_LINE_LOOKAHEAD ? rest.length * 2 : 0;
    this.pending = rest;
    const records: CsvRecord[] = [];
    this.collect(result.data as unknown as string[][], result.errors, records);
    return records;
  }

  /**
   * Reads the rest of the text. Each time the last record's quote never closes, that record's first line is reported
   * as malformed and the lines after it are read again. After MAX_QUOTE_RECOVERIES such lines (a file whose quotes are
   * broken throughout) the rest is read with quotes as plain characters, so that the work stays linear.
   */
  private parseRest(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let rest = text;
    while (rest !== '') {
      const quoted = this.recoveries < MAX_QUOTE_RECOVERIES;
      const parser = quoted ? this.parser! : this.literalParser();
      const result = parser.parse(rest, 0, false);
      const data = result.data as unknown as string[][];
      if (rest.endsWith('\n') && data.length > 0 && isLoneEmpty(data[data.length - 1]!)) data.pop();
      const open = quoted
        ? result.errors.find(
            (error: Papa.ParseError) => error.code === 'MissingQuotes' && error.row === data.length - 1,
          )
        : undefined;
      if (!open) {
        this.collect(data, result.errors, records);
        break;
      }
      data.pop();
      this.collect(data, result.errors, records);
      const start = rest.lastIndexOf('\n', (open.index ?? 0) - 1) + 1;
      const lineEnd = rest.indexOf('\n', start);
      const firstLine = lineEnd === -1 ? rest.slice(start) : rest.slice(start, lineEnd);
      records.push({ fields: firstLine.split(this.delimiterChoice!), row: this.nextRow++, malformed: true });
      this.recoveries++;
      rest = lineEnd === -1 ? '' : rest.slice(lineEnd + 1);
    }
    return records;
  }

  private literalParser(): Papa.Parser {
    // A quote character no text holds: every " is then an ordinary character.
    this.literal ??= new Papa.Parser({ delimiter: this.delimiterChoice!, newline: '\n', quoteChar: '\uffff' });
    return this.literal;
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
