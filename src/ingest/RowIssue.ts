/** Why a row was rejected. The codes are part of the public contract; the messages are for people and may change. */
export type RowIssueCode =
  | 'missing_field'
  | 'invalid_amount'
  | 'unknown_stage'
  | 'bad_date'
  | 'bad_currency'
  | 'currency_mismatch'
  | 'unknown_kind'
  | 'self_flow'
  | 'field_count'
  | 'malformed_quotes';

/** A problem with one value of one row: enough to find it in the file and fix it. */
export interface RowIssue {
  file: string;
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The column's name as written in the header; absent when the problem is the row as a whole. */
  column?: string;
  /** The raw text of the cell (or of the row, for a row-level problem), as read. */
  value?: string;
  code: RowIssueCode;
  message: string;
}

/**
 * What happened to every row of one input. Always: rowsRead = accepted + rejected + skipped, and every skipped row is
 * counted under the rule that skipped it in `skippedByRule`. Rows read are all the rows after the header, and the
 * rows above it.
 */
export interface IngestReport {
  file: string;
  format: TableFormat;
  /** The mapping or preset that read the table, when one did. */
  mapping?: string;
  /** The text encoding read, and whether cauce detected it (true) or the caller forced it. */
  encoding?: string;
  encodingDetected?: boolean;
  /** Set when a UTF-8 file held bytes that were not UTF-8 (read as windows-1252). */
  mixedEncoding?: boolean;
  delimiter?: string;
  /** The row that held the column names (rows above it are counted as skipped by the rule `preamble`). */
  headerRow?: number;
  /** Rows that declared a total (counted among the accepted). */
  declaredTotals?: number;
  /** What was normalised in node ids and tax ids: `trim`, `pad`, `fold`, `taxid`, each with a count of values. */
  normalizations?: Record<string, number>;
  rowsRead: number;
  accepted: number;
  rejected: number;
  skipped: number;
  skippedByRule: Record<string, number>;
  issues: RowIssue[];
}

/** The canonical tables cauce recognises by their header. */
export type TableFormat = 'flows' | 'balances' | 'watchlist';
