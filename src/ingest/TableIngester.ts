import { IngestError } from '../errors/IngestError.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { UnreadableInputError } from '../errors/UnreadableInputError.js';
import { UnrecognizedFormatError } from '../errors/UnrecognizedFormatError.js';
import { type AmountUnit, unitPowerOfTen } from '../money/unit.js';
import type { CsvRecord } from './CsvRecordReader.js';
import type { Delimiter } from './detectDelimiter.js';
import { readBalanceRow } from './readBalanceRow.js';
import { readFlowRow } from './readFlowRow.js';
import { readWatchlistRow } from './readWatchlistRow.js';
import { indexHeader, recognizeFormat } from './recognizeFormat.js';
import type { IngestResult } from './records.js';
import type { TableFormat } from './RowIssue.js';
import { type TableHeader, TableRow, type ValueFormat } from './TableRow.js';

export interface IngestOptions {
  /** The name used in provenance and row issues. Default `input`. */
  file?: string;
  /** The currency of rows that do not state one. Default `MXN`. */
  defaultCurrency?: string;
  /** Throw an IngestError on the first bad row instead of reporting it. Default false. */
  strict?: boolean;
  /** Default: detected from the header line. */
  delimiter?: Delimiter;
  /** The decimal mark of amounts: `.` (default) or `,`. */
  decimal?: '.' | ',';
  /** The unit amounts are written in; they are scaled to units. Default `units`. */
  unit?: AmountUnit;
}

/** The rule names under which rows are skipped; each skipped row is counted under one. */
export const SKIP_RULES = { blankRow: 'blank-row' } as const;

/**
 * Turns records into typed rows of one canonical table and keeps the books: every data record is counted as
 * accepted, rejected (with its issues) or skipped (under a named rule).
 */
export class TableIngester {
  private readonly file: string;
  private readonly defaultCurrency: string;
  private readonly valueFormat: ValueFormat;
  private header: TableHeader | undefined;
  private format: TableFormat | undefined;
  private readonly result: Omit<IngestResult, 'format' | 'report'> & { report: Omit<IngestResult['report'], 'format'> };

  constructor(private readonly options: IngestOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
    this.file = options.file ?? 'input';
    this.defaultCurrency = options.defaultCurrency ?? 'MXN';
    if (!/^[A-Z]{3}$/.test(this.defaultCurrency)) {
      throw new InvalidArgumentError('options.defaultCurrency', 'must be an ISO 4217 code like MXN');
    }
    const decimal = options.decimal ?? '.';
    if (decimal !== '.' && decimal !== ',') throw new InvalidArgumentError('options.decimal', 'must be "." or ","');
    this.valueFormat = { decimal, powerOfTen: unitPowerOfTen(options.unit ?? 'units') };
    this.result = {
      file: this.file,
      flows: [],
      balances: [],
      watchlist: [],
      report: { file: this.file, rowsRead: 0, accepted: 0, rejected: 0, skipped: 0, skippedByRule: {}, issues: [] },
    };
  }

  accept(records: CsvRecord[]): void {
    for (const record of records) {
      if (!this.header) this.readHeader(record);
      else this.readRecord(record);
    }
  }

  finish(): IngestResult {
    if (!this.header || !this.format) throw new UnreadableInputError(this.file, 'the input is empty');
    return { ...this.result, format: this.format, report: { ...this.result.report, format: this.format } };
  }

  private readHeader(record: CsvRecord): void {
    const header = indexHeader(record.fields);
    const format = recognizeFormat(header);
    if (!format) throw new UnrecognizedFormatError(this.file, record.fields);
    this.header = header;
    this.format = format;
  }

  private readRecord(record: CsvRecord): void {
    const report = this.result.report;
    report.rowsRead++;
    if (record.fields.every((field) => field.trim() === '')) {
      report.skipped++;
      report.skippedByRule[SKIP_RULES.blankRow] = (report.skippedByRule[SKIP_RULES.blankRow] ?? 0) + 1;
      return;
    }
    const header = this.header!;
    const row = new TableRow(this.file, record.row, header, record.fields, this.valueFormat);
    const rawRow = () => record.fields.join(',').slice(0, 200);
    if (record.malformed) {
      row.fail(undefined, 'malformed_quotes', 'the quotes of this row are not balanced', rawRow());
    } else if (record.fields.length < header.names.length) {
      row.fail(undefined, 'field_count', `${record.fields.length} fields where the header has ${header.names.length}`, rawRow());
    } else if (record.fields.slice(header.names.length).some((field) => field.trim() !== '')) {
      row.fail(undefined, 'field_count', `${record.fields.length} fields where the header has ${header.names.length}`, rawRow());
    } else {
      this.readTyped(row);
    }
    if (row.issues.length > 0) {
      report.rejected++;
      report.issues.push(...row.issues);
      if (this.options.strict) throw new IngestError(row.issues);
    } else {
      report.accepted++;
    }
  }

  private readTyped(row: TableRow): void {
    switch (this.format!) {
      case 'flows': {
        const flow = readFlowRow(row, this.defaultCurrency);
        if (flow) this.result.flows.push(flow);
        break;
      }
      case 'balances': {
        const balance = readBalanceRow(row, this.defaultCurrency);
        if (balance) this.result.balances.push(balance);
        break;
      }
      case 'watchlist': {
        const entry = readWatchlistRow(row);
        if (entry) this.result.watchlist.push(entry);
        break;
      }
    }
  }
}
