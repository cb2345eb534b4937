import type { AmountUnit } from '../../money/unit.js';
import type { Stage } from '../../model/stages.js';
import type { Encoding } from '../decode/encodings.js';
import type { Delimiter } from '../detectDelimiter.js';
import type { Mapping } from '../mapping/Mapping.js';

/**
 * What a column holds, judged from its cells: `amount` (numbers with marks, decimals or an amount-like name),
 * `integer-code` (digits only: keys such as a ramo or a concept of expenditure), `code` (short tokens such as `M001`),
 * `text` (words), `date`, or `empty`.
 */
export type ColumnType = 'amount' | 'integer-code' | 'code' | 'text' | 'date' | 'empty';

/** How an amount column writes its numbers, as found by reading every cell under both decimal marks. */
export interface NumberFormatProfile {
  decimal: '.' | ',';
  /** The thousands mark seen (`,` `.` a space ...), if any cell has one. */
  thousands?: string;
  /** The most decimals any cell has. */
  maxDecimals: number;
  /** Some cells write zero as a lone dash (Excel's accounting format writes `" -   "`). */
  dashZeros: boolean;
  /** Some cells write negatives in parentheses: `(1,234)`. */
  parentheses: boolean;
  /** Some cells have a minus sign. */
  negatives: boolean;
  /** Some cells are in exponent notation (`5.727633833885193e-08`, as programs print floats). */
  exponent: boolean;
  /** Currency signs written with the amounts (`$`, `US$`, `€`). */
  currencySigns: string[];
  /** Non-empty cells that are not amounts under this format; such rows would be rejected. */
  invalid: number;
  /** Up to five of those cells, as written. */
  invalidExamples: string[];
}

/** A column whose cells pack two values around a separator, such as `State: Fund`. */
export interface PackedColumn {
  separator: string;
  /** Distinct values before and after the separator. */
  before: number;
  after: number;
}

export interface ColumnProfile {
  /** 1-based position in the header. */
  index: number;
  /** The name as the header writes it, trimmed. */
  name: string;
  type: ColumnType;
  /** Data rows with a non-empty cell in this column. */
  nonEmpty: number;
  /** Distinct trimmed non-empty values. */
  distinct: number;
  /** Up to three distinct values, in the order met. */
  examples: string[];
  /** For amount columns. */
  numberFormat?: NumberFormatProfile;
  /** For amount columns: the stage the name suggests (`aprobado`, `PEF_2016` -> approved), if any. */
  stage?: Stage;
  /** An amount column of percentages or ratios (by its name), never money. */
  percentage?: boolean;
  /** For code columns: the column beside it that names each code (`Ramo` -> `RAMO_DESCRIPCION`). */
  description?: string;
  /** For code columns with a description: the other columns a code needs to name one thing (UNIDAD needs Ramo). */
  keyColumns?: string[];
  packed?: PackedColumn;
}

/** Text that says in what unit the amounts are written. */
export interface UnitHint {
  unit: AmountUnit;
  /** The text found, e.g. `Miles de Pesos`. */
  text: string;
  where: 'preamble' | 'header' | 'column';
  /** The row it was found in (preamble), or the column (header, column). */
  row?: number;
  column?: string;
  /** For a column: every data row states the same unit, so it applies to the whole file. */
  everyRow?: boolean;
}

/** A row that looks like a total or subtotal rather than detail: a cell that is or starts with TOTAL, Nacional, Suma. */
export interface TotalRowCandidate {
  row: number;
  column: string;
  value: string;
}

/** A column that names each row's stage, in a long table (one row per programme and stage). */
export interface StageColumn {
  column: string;
  /** Each value that names a stage, and the stage. */
  stages: Record<string, Stage>;
  /** Rows whose value is a stage name. */
  stageRows: number;
  /** Values that are ratios or percentages (`Porcentaje Ejer/Aprob`), and how many rows have them. */
  percentageValues: string[];
  percentageRows: number;
  /** Rows whose value is neither: labels (a programme's name on a row of its own). */
  labelRows: number;
  /** Of those, rows with a non-zero amount. */
  labelRowsWithAmounts: number;
}

/**
 * The currency of the amounts, and how it was found: `column`, a column of ISO 4217 codes read row by row; `sign`, a
 * currency sign written with the amounts (`£1,234.56`); `values`, a column that names a currency on every row
 * (`Miles de Pesos`); `header`, an amount column's name (`Amount (GBP)`); `preamble`, a title row (`Cifras en
 * pesos`); `none`, nothing said which, and ingest applies its default currency (MXN).
 */
export interface CurrencyFinding {
  found: 'column' | 'sign' | 'values' | 'header' | 'preamble' | 'none';
  /** The ISO 4217 code, when one currency applies to every row. */
  code?: string;
  /** For `column`: the codes the column holds. */
  codes?: string[];
  /** The sign or the text that named the currency. */
  text?: string;
  /** The column it was found in or read from. */
  column?: string;
  /** For `preamble`: the row. */
  row?: number;
}

export interface LineEnds {
  style: 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';
  lf: number;
  crlf: number;
  cr: number;
}

/** What `inspectTable` found in a table, and the mapping it suggests for reading it. */
export interface TableInspection {
  file: string;
  /** The encoding read; absent when the input was already text. */
  encoding?: Encoding;
  /** The encoding was guessed from the bytes (false when the caller forced it, or for text input). */
  encodingDetected: boolean;
  /** UTF-8 text with some bytes that were not UTF-8 (read as windows-1252). */
  mixedEncoding?: boolean;
  delimiter: Delimiter;
  delimiterDetected: boolean;
  lineEnds: LineEnds;
  /** The row (1-based) that holds the column names. */
  headerRow: number;
  /** The rows above the header (titles, dates), their non-empty cells joined. */
  preamble: string[];
  /** The row of HXL hashtags under the header, if any. */
  hxlRow?: number;
  /** Records after the header row (the HXL row and blank rows included): what ingest reads besides the preamble. */
  rowCount: number;
  /** The data rows profiled (records after the header that are not blank or HXL tags, up to `sampleRows`). */
  rowsProfiled: number;
  columns: ColumnProfile[];
  unitHints: UnitHint[];
  /** The currency of the amounts, and how it was found; the suggested mapping's `currency` follows it. */
  currency: CurrencyFinding;
  stageColumn?: StageColumn;
  totalRows: TotalRowCandidate[];
  /**
   * A mapping that reads the table as it is: save it as JSON, check it, and pass it to ingest. Absent when the table
   * has no amount column or no column that names payers or recipients (`notes` say which).
   */
  suggestedMapping?: Mapping;
  /** Why the mapping is as it is, and what it leaves out. */
  notes: string[];
}
