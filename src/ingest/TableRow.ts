import { MAX_AMOUNT_DIGITS, type Decimal } from '../money/Decimal.js';
import { describeAmountProblem } from '../money/parseAmount.js';
import { currencyOfSign } from '../money/currencyOfSign.js';
import { scanAmount } from '../money/scanAmount.js';
import { scaledToDecimal } from '../money/scaledToDecimal.js';
import { isIsoDate } from '../model/isIsoDate.js';
import { isNodeKind, type NodeKind } from '../model/kinds.js';
import type { Stage } from '../model/stages.js';
import { setOwn } from '../model/setOwn.js';
import type { Provenance } from '../model/types.js';
import { columnKey } from './mapping/columnKey.js';
import { extraColumns } from './extraColumns.js';
import { parseStageName } from './parseStageName.js';
import type { RowIssue, RowIssueCode } from './RowIssue.js';
import { clip } from '../util/clip.js';

// YYYY-MM-DD, optionally followed by a time and a zone; the date part is kept.
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The columns of a table: names as written, and where each normalised name sits. */
export interface TableHeader {
  names: string[];
  index: Map<string, number>;
}

export interface ValueFormat {
  decimal: '.' | ',';
  powerOfTen: number;
  exponent?: boolean;
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

  /**
   * Reads an amount cell. When the cell carries an unambiguous currency sign (€, £, US$, R$ ...) that is not the
   * row's `currency`, the row is rejected rather than its money counted in the wrong currency.
   */
  amount(column: string, required: boolean, currency?: string): Decimal | undefined {
    const raw = this.rawOf(column);
    if (raw.trim() === '') {
      if (required) this.fail(column, 'missing_field', `${this.nameOf(column)} is empty`);
      return undefined;
    }
    const scanned = scanAmount(raw, this.format, MAX_AMOUNT_DIGITS);
    if (typeof scanned === 'string') {
      this.fail(
        column,
        'invalid_amount',
        `${JSON.stringify(clip(raw, 80))} is not an amount: ${describeAmountProblem(scanned)}`,
      );
      return undefined;
    }
    const written = scanned.symbol === undefined ? undefined : currencyOfSign(scanned.symbol);
    if (written !== undefined && currency !== undefined && written !== currency) {
      this.fail(
        column,
        'currency_mismatch',
        `${JSON.stringify(clip(raw, 80))} is written in ${written}, the row is in ${currency}`,
      );
      return undefined;
    }
    return scaledToDecimal(scanned, this.format.powerOfTen);
  }

  stage(column: string, fallback: Stage): Stage | undefined {
    const value = this.text(column);
    if (value === '') return fallback;
    const stage = parseStageName(value);
    if (!stage) {
      this.fail(column, 'unknown_stage', `unknown stage ${JSON.stringify(clip(value, 80))}`);
    }
    return stage;
  }

  /** A date written YYYY-MM-DD, or an ISO date-time whose date part is kept. */
  date(column: string): string | undefined {
    const value = this.text(column);
    if (value === '') return undefined;
    const datePart = ISO_DATE_TIME.exec(value)?.[1];
    if (datePart === undefined || !isIsoDate(datePart)) {
      this.fail(column, 'bad_date', `${JSON.stringify(clip(value, 80))} is not a valid YYYY-MM-DD date`);
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

  /**
   * Cells of columns the format does not know, kept so that nothing in the input is lost. A column with no name is
   * called `column_N` (its position from 1); a name the header repeats gets `_2`, `_3` on its later copies.
   */
  extras(known: ReadonlySet<string>): Record<string, string> | undefined {
    let extras: Record<string, string> | undefined;
    for (const { at, label } of extraColumns(this.header, known)) {
      const value = (this.fields[at] ?? '').trim();
      if (value === '') continue;
      extras ??= {};
      setOwn(extras, label, value);
    }
    return extras;
  }

  fail(column: string | undefined, code: RowIssueCode, message: string, value?: string): void {
    const name = column === undefined ? undefined : this.nameOf(column);
    // One issue per column and problem: two levels built from one empty column are one fault in the row.
    if (this.issues.some((issue) => issue.code === code && issue.column === name)) return;
    const issue: RowIssue = { file: this.file, row: this.row, code, message };
    if (column !== undefined) {
      issue.column = this.nameOf(column);
      issue.value = clip(value ?? this.rawOf(column), 1000);
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
