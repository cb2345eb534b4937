import { MAX_AMOUNT_DIGITS, type Decimal } from '../money/Decimal.js';
import { describeAmountProblem } from '../money/parseAmount.js';
import { scanAmount } from '../money/scanAmount.js';
import { scaledToDecimal } from '../money/scaledToDecimal.js';
import type { AmountUnit } from '../money/unit.js';
import { isIsoDate } from '../model/isIsoDate.js';
import { isNodeKind, type NodeKind } from '../model/kinds.js';
import type { Stage } from '../model/stages.js';
import { setOwn } from '../model/setOwn.js';
import type { Provenance } from '../model/types.js';
import { parseStageName } from './parseStageName.js';
import type { RowIssue, RowIssueCode } from './RowIssue.js';

/** The columns of a table: names as written, and where each normalised name sits. */
export interface TableHeader {
  names: string[];
  index: Map<string, number>;
}

export interface ValueFormat {
  decimal: '.' | ',';
  powerOfTen: number;
}

/**
 * One data row being read: typed getters that record an issue (with file, row, column and raw value) instead of
 * throwing, so that a row reports every problem it has at once.
 */
export class TableRow {
  readonly issues: RowIssue[] = [];

  constructor(
    readonly file: string,
    readonly row: number,
    private readonly header: TableHeader,
    private readonly fields: string[],
    private readonly format: ValueFormat,
  ) {}

  get provenance(): Provenance {
    return { file: this.file, firstRow: this.row, lastRow: this.row, rows: 1 };
  }

  /** The trimmed text of a column, or '' when the column is absent or the cell empty. */
  text(column: string): string {
    const at = this.header.index.get(column);
    return at === undefined ? '' : (this.fields[at] ?? '').trim();
  }

  required(column: string): string | undefined {
    const value = this.text(column);
    if (value === '') this.fail(column, 'missing_field', `${this.nameOf(column)} is empty`);
    return value === '' ? undefined : value;
  }

  amount(column: string, required: boolean): Decimal | undefined {
    const raw = this.rawOf(column);
    if (raw.trim() === '') {
      if (required) this.fail(column, 'missing_field', `${this.nameOf(column)} is empty`);
      return undefined;
    }
    const scanned = scanAmount(raw, this.format, MAX_AMOUNT_DIGITS);
    if (typeof scanned === 'string') {
      this.fail(column, 'invalid_amount', `${JSON.stringify(raw)} is not an amount: ${describeAmountProblem(scanned)}`);
      return undefined;
    }
    return scaledToDecimal(scanned, this.format.powerOfTen);
  }

  stage(column: string, fallback: Stage): Stage | undefined {
    const value = this.text(column);
    if (value === '') return fallback;
    const stage = parseStageName(value);
    if (!stage) {
      this.fail(column, 'unknown_stage', `unknown stage ${JSON.stringify(value)}`);
    }
    return stage;
  }

  /** A date written YYYY-MM-DD, or an ISO date-time whose date part is kept. */
  date(column: string): string | undefined {
    const value = this.text(column);
    if (value === '') return undefined;
    const datePart = /^\d{4}-\d{2}-\d{2}(?=$|[T ]\d{2}:\d{2})/.exec(value)?.[0];
    if (datePart === undefined || !isIsoDate(datePart)) {
      this.fail(column, 'bad_date', `${JSON.stringify(value)} is not a valid YYYY-MM-DD date`);
      return undefined;
    }
    return datePart;
  }

  currency(column: string, fallback: string): string | undefined {
    const value = this.text(column).toUpperCase();
    if (value === '') return fallback;
    if (!/^[A-Z]{3}$/.test(value)) {
      this.fail(column, 'bad_currency', `${JSON.stringify(this.text(column))} is not an ISO 4217 currency code`);
      return undefined;
    }
    return value;
  }

  kind(column: string): NodeKind | undefined {
    const value = this.text(column)
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (value === '') return undefined;
    if (!isNodeKind(value)) this.fail(column, 'unknown_kind', `unknown node kind ${JSON.stringify(this.text(column))}`);
    return isNodeKind(value) ? value : undefined;
  }

  /** Cells of columns the format does not know, kept so that nothing in the input is lost. */
  extras(known: ReadonlySet<string>): Record<string, string> | undefined {
    let extras: Record<string, string> | undefined;
    for (const [name, at] of this.header.index) {
      if (known.has(name)) continue;
      const value = (this.fields[at] ?? '').trim();
      if (value === '') continue;
      extras ??= {};
      setOwn(extras, this.header.names[at]!.trim(), value);
    }
    return extras;
  }

  fail(column: string | undefined, code: RowIssueCode, message: string, value?: string): void {
    const issue: RowIssue = { file: this.file, row: this.row, code, message };
    if (column !== undefined) {
      issue.column = this.nameOf(column);
      issue.value = value ?? this.rawOf(column);
    } else if (value !== undefined) {
      issue.value = value;
    }
    this.issues.push(issue);
  }

  /** The cell of a column as read, untrimmed ('' when the column is absent). */
  raw(column: string): string {
    return this.rawOf(column);
  }

  /** The column's name as the header writes it. */
  columnName(column: string): string {
    return this.nameOf(column);
  }

  /** An exact zero, for cells a mapping says to read as zero. */
  zero(): Decimal {
    return scaledToDecimal({ negative: false, digits: '0', scale: 0 });
  }

  private rawOf(column: string): string {
    const at = this.header.index.get(column);
    return at === undefined ? '' : (this.fields[at] ?? '');
  }

  private nameOf(column: string): string {
    const at = this.header.index.get(column);
    return at === undefined ? column : this.header.names[at]!.trim();
  }
}
