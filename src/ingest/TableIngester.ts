import { IngestError } from '../errors/IngestError.js';
import { LimitExceededError } from '../errors/LimitExceededError.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { UnreadableInputError } from '../errors/UnreadableInputError.js';
import { type AmountUnit, unitPowerOfTen } from '../money/unit.js';
import type { AggregateGrain } from './AggregateGrain.js';
import type { CsvRecord } from './CsvRecordReader.js';
import type { Delimiter } from './detectDelimiter.js';
import type { IngestLimits } from './IngestLimits.js';
import type { Mapping } from './mapping/Mapping.js';
import type { WatchlistMapping } from './watchlist/WatchlistMapping.js';
import { countUnder } from './countUnder.js';
import type { FlowAccumulator } from './fast/FlowAccumulator.js';
import { RecordSink } from './RecordSink.js';
import { indexHeader } from './recognizeFormat.js';
import type { IngestResult } from './records.js';
import type { IngestReport } from './RowIssue.js';
import type { HeaderMatcher, TableInterpreter } from './TableInterpreter.js';
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
  /** Read the table with this mapping instead of as a canonical table: a flow mapping, or a watchlist mapping. */
  mapping?: Mapping | WatchlistMapping;
  /** Read the table with a preset's mapping, by name (see PRESET_NAMES). */
  preset?: string;
  /** Stop with a LimitExceededError past these (rows, columns, field length, bytes). Default: none. */
  limits?: IngestLimits;
  /**
   * Add up flows as they are read, keeping the range and count of their rows: memory then grows with distinct flows,
   * not with rows. `true` or `'payments'` adds up rows with the same ends, stage, currency, date, period and
   * reference; `'flows'` adds up rows with the same ends, stage, currency and period (see AggregateGrain). Default:
   * `'payments'` for mapped tables, one flow per row for canonical flows tables.
   */
  aggregate?: boolean | AggregateGrain;
}

/** The rule names under which rows are skipped; each skipped row is counted under one. */
export const SKIP_RULES = { blankRow: 'blank-row', preamble: 'preamble', hxlTags: 'hxl-tags' } as const;

// A header further down than this is not looked for: the rows above it would be more than a title and a date.
const MAX_PREAMBLE_ROWS = 20;

export interface IngesterSettings {
  file: string;
  limits?: IngestLimits;
  strict: boolean;
  valueFormat: ValueFormat;
  matcher: HeaderMatcher;
  aggregate: AggregateGrain | undefined;
}

/** Checks the options that every reader shares and returns the value format they give. */
export function valueFormatOf(options: IngestOptions, mapping?: Mapping): ValueFormat {
  const decimal = options.decimal ?? mapping?.number?.decimal ?? '.';
  if (decimal !== '.' && decimal !== ',') throw new InvalidArgumentError('options.decimal', 'must be "." or ","');
  const format: ValueFormat = { decimal, powerOfTen: unitPowerOfTen(options.unit ?? mapping?.number?.unit ?? 'units') };
  if (mapping?.number?.exponent === true) format.exponent = true;
  return format;
}

/**
 * Keeps the books of one table: finds its header (after any preamble rows), hands every data row to the interpreter,
 * and counts each row exactly once as accepted, rejected (with its issues) or skipped (under a named rule).
 */
export class TableIngester {
  private interpreter: TableInterpreter | undefined;
  private header: TableHeader | undefined;
  private headerWidth = 0;
  private headerRow: number | undefined;
  private readonly seen: CsvRecord[] = [];
  private readonly sink: RecordSink;
  private readonly report: Omit<IngestReport, 'format'>;
  private expectTags = false;

  constructor(private readonly settings: IngesterSettings) {
    this.sink = new RecordSink(settings.aggregate, settings.file);
    this.report = {
      file: settings.file,
      rowsRead: 0,
      accepted: 0,
      rejected: 0,
      skipped: 0,
      skippedByRule: {},
      issues: [],
    };
  }

  /** Once the header is found: how rows are read, the header, and its width. */
  get matched(): { interpreter: TableInterpreter; header: TableHeader; width: number } | undefined {
    if (!this.interpreter) return undefined;
    return { interpreter: this.interpreter, header: this.header!, width: this.headerWidth };
  }

  /** The sink's accumulator, at the `flows` grain. */
  get accumulator(): FlowAccumulator | undefined {
    return this.sink.accumulator;
  }

  /** How the table writes its numbers. */
  get valueFormat(): ValueFormat {
    return this.settings.valueFormat;
  }

  /** Counts rows that a faster reader has accepted into the accumulator itself. */
  countAccepted(rows: number): void {
    this.report.rowsRead += rows;
    this.report.accepted += rows;
  }

  /** Counts a row that a faster reader has skipped under a mapping's rule. */
  countSkipped(rule: string): void {
    this.skip(rule);
  }

  /** Data rows read so far (accepted, rejected or skipped). */
  get rowsRead(): number {
    return this.report.rowsRead;
  }

  accept(records: CsvRecord[]): void {
    const limits = this.settings.limits;
    for (const record of records) {
      if (limits) this.checkLimits(record, limits);
      if (this.interpreter) this.readRecord(record);
      else this.seekHeader(record);
    }
  }

  /** Finishes the books; `extra` adds what only the caller knows (encoding, delimiter). */
  finish(extra: Partial<IngestReport> = {}): IngestResult {
    if (!this.interpreter) {
      if (this.seen.length === 0) throw new UnreadableInputError(this.settings.file, 'the input is empty');
      throw this.settings.matcher.noHeader(
        this.settings.file,
        this.seen.map((record) => record.fields),
      );
    }
    const report: IngestReport = { ...this.report, format: this.interpreter.format, ...extra };
    if (this.interpreter.mapping !== undefined) report.mapping = this.interpreter.mapping;
    if (this.headerRow !== undefined) report.headerRow = this.headerRow;
    if (this.sink.declaredTotals.length > 0) report.declaredTotals = this.sink.declaredTotals.length;
    const normalizations = this.interpreter.normalizations;
    if (normalizations && Object.keys(normalizations).length > 0) report.normalizations = { ...normalizations };
    return {
      file: this.settings.file,
      format: this.interpreter.format,
      flows: this.sink.flows,
      balances: this.sink.balances,
      watchlist: this.sink.watchlist,
      declaredTotals: this.sink.declaredTotals,
      report,
    };
  }

  private seekHeader(record: CsvRecord): void {
    const { matcher } = this.settings;
    const fixed = matcher.headerRow;
    const isCandidate = fixed === undefined || record.row === fixed;
    const header = indexHeader(record.fields);
    const interpreter = isCandidate ? matcher.match(header) : undefined;
    if (!interpreter) {
      this.seen.push(record);
      const tooFar = fixed === undefined ? this.seen.length >= MAX_PREAMBLE_ROWS : record.row >= fixed;
      if (tooFar)
        throw matcher.noHeader(
          this.settings.file,
          this.seen.map((seen) => seen.fields),
        );
      return;
    }
    // The rows above the header (a title, a date of publication) are read and skipped, so the books still add up.
    for (let count = 0; count < this.seen.length; count++) this.skip(SKIP_RULES.preamble);
    this.seen.length = 0;
    this.interpreter = interpreter;
    this.header = header;
    this.headerWidth = record.fields.length;
    this.headerRow = record.row;
    this.expectTags = true;
  }

  private readRecord(record: CsvRecord): void {
    const expectTags = this.expectTags;
    this.expectTags = false;
    if (record.fields.every((field) => field.trim() === '')) {
      this.skip(SKIP_RULES.blankRow);
      return;
    }
    // A second header row of HXL hashtags (#org+name, #value) right under the names, as IATI and HDX publish.
    if (expectTags && record.fields.every((field) => field.trim() === '' || field.trim().startsWith('#'))) {
      this.skip(SKIP_RULES.hxlTags);
      return;
    }
    const { file, valueFormat } = this.settings;
    const row = new TableRow(file, record.row, this.header!, record.fields, valueFormat);
    const rawRow = () => record.fields.join(',').slice(0, 200);
    let skippedBy: string | undefined;
    const width = this.headerWidth;
    if (record.malformed) {
      row.fail(undefined, 'malformed_quotes', 'the quotes of this row are not balanced', rawRow());
    } else if (record.fields.length < width) {
      row.fail(undefined, 'field_count', `${record.fields.length} fields where the header has ${width}`, rawRow());
    } else if (record.fields.slice(width).some((field) => field.trim() !== '')) {
      row.fail(undefined, 'field_count', `${record.fields.length} fields where the header has ${width}`, rawRow());
    } else {
      skippedBy = this.interpreter!.read(row, this.sink);
    }
    if (skippedBy !== undefined && row.issues.length === 0) {
      this.skip(skippedBy);
      return;
    }
    this.report.rowsRead++;
    if (row.issues.length > 0) {
      this.report.rejected++;
      this.report.issues.push(...row.issues);
      if (this.settings.strict) throw new IngestError(row.issues);
    } else {
      this.report.accepted++;
    }
  }

  private checkLimits(record: CsvRecord, limits: IngestLimits): void {
    const { file } = this.settings;
    // The header and the rows above it are not data rows; every other record is one more row read.
    const rowsSoFar = this.report.rowsRead + this.seen.length + (this.interpreter ? 1 : 0);
    if (limits.maxRows !== undefined && this.interpreter && rowsSoFar > limits.maxRows) {
      throw new LimitExceededError(file, 'rows', limits.maxRows, record.row);
    }
    if (limits.maxColumns !== undefined && record.fields.length > limits.maxColumns) {
      throw new LimitExceededError(file, 'columns', limits.maxColumns, record.row);
    }
    if (limits.maxFieldLength !== undefined && record.fields.some((field) => field.length > limits.maxFieldLength!)) {
      throw new LimitExceededError(file, 'fieldLength', limits.maxFieldLength, record.row);
    }
  }

  private skip(rule: string): void {
    this.report.rowsRead++;
    this.report.skipped++;
    countUnder(this.report.skippedByRule, rule);
  }
}
