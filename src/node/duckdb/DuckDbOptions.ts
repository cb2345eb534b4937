import type { Delimiter } from '../../ingest/detectDelimiter.js';
import type { Mapping } from '../../ingest/mapping/Mapping.js';
import type { RowIssueCode } from '../../ingest/RowIssue.js';

/** A file for the engine to read, and what is known of it before reading. */
export interface DuckDbSource {
  /** The file, as the engine opens it. */
  path: string;
  /** Its column names in order, as the engine's SQL names them. */
  columns: readonly string[];
  /**
   * The names as the header writes them, where they differ from `columns`: DuckDB renames a repeated name (`note_1`)
   * and a blank one (`column5`), and cauce matches and labels columns by what the file says, as the in-process reader
   * does. Default: `columns`.
   */
  header?: readonly string[];
  /** Default: `parquet` for a name ending `.parquet`, else `csv`. */
  format?: 'csv' | 'parquet';
  /** CSV only: whether the file is gzip-compressed. Default: guessed by the engine from the name (`.gz`). */
  gzip?: boolean;
}

/** How the engine reads a table; the same names as the in-process reader's options, where they mean the same. */
export interface DuckDbOptions {
  /** The name used in provenance and row issues. Default: the path. */
  file?: string;
  /** The currency of rows that state none. Default `MXN`. */
  defaultCurrency?: string;
  /** Read the table with this mapping (plain templates only; see aggregationSql) instead of as a flows table. */
  mapping?: Mapping;
  /** Read the table with a preset's mapping, by name. */
  preset?: string;
  /** CSV only. Default: detected by the engine. */
  delimiter?: Delimiter;
  /** Only `.` is read by the engine. */
  decimal?: '.' | ',';
  /** Only `units` is read by the engine. */
  unit?: 'units' | 'thousands' | 'millions';
  /** Only UTF-8 is read by the engine. */
  encoding?: string;
  /**
   * Decimal places amounts are summed with, as DECIMAL(38, scale): 38 - scale digits are left for the integer part.
   * An amount with more decimal places (other than trailing zeros) is rejected as `invalid_amount`, never rounded.
   * Default 12, from 0 to 30.
   */
  scale?: number;
  /** How many row issues to return; the count of rejected rows is always complete. Default 100. */
  maxIssues?: number;
  /** Throw an IngestError carrying the issues of the first rejected row. Default false. */
  strict?: boolean;
}

/** One way a row can be rejected, as SQL: `fails` is true when the row has the problem. */
export interface RowCheck {
  code: RowIssueCode;
  /** The column's name as the header writes it; absent for a problem of the whole row. */
  column?: string;
  /** SQL of the raw cell the issue reports. */
  value?: string;
  fails: string;
  /** The issue's message, from the raw cell. */
  message(value: string): string;
}

/** A node end of a flow, as SQL expressions (NULL when absent). */
export interface NodeSql {
  id: string;
  kind: string;
  name: string;
  taxId: string;
}

/** One flow an accepted row makes, as SQL expressions over its cells. */
export interface FlowSql {
  /** True when the row makes this flow (a mapping's amount may be skipped when empty; a repeated level is no flow). */
  when: string;
  from: NodeSql;
  to: NodeSql;
  amount: string;
  stage: string;
  currency: string;
  period: string;
  date: string;
  reference: string;
}

/** How one row of a table is checked and turned into flows. */
export interface RowPlan {
  /** The mapping's name, for a mapped table. */
  mapping?: string;
  checks: RowCheck[];
  flows: FlowSql[];
  /** Canonical tables: the columns cauce has no field for, with the names their attributes take. */
  extras: Array<{ label: string; trimmed: string }>;
}

/** The cells of one column, as SQL: the raw text and the trimmed text. */
export interface CellSql {
  name: string;
  raw: string;
  trimmed: string;
}
