import type { RecordSink } from './RecordSink.js';
import type { TableFormat } from './RowIssue.js';
import type { TableHeader, TableRow } from './TableRow.js';

/** Reads the data rows of one kind of table, once its header is known. */
export interface TableInterpreter {
  format: TableFormat;
  /** The mapping's name, for a mapped table. */
  mapping?: string;
  /**
   * Reads one data row into the sink. Problems are recorded on the row (it is then rejected); the name of a skip rule
   * is returned when the row is skipped under it.
   */
  read(row: TableRow, sink: RecordSink): string | undefined;
  /** Normalisations counted so far. */
  normalizations?: Record<string, number>;
  /**
   * The columns a row is read from, by header key: what a row gives depends on the cells of `keyColumns` alone, and
   * the cells of `amountColumns` only set the amounts of its flows. A reader may then read a row once per distinct
   * key and reuse what it gave. Absent when an amount column decides more than its amount (a condition reads it).
   */
  columns?: { keyColumns: string[]; amountColumns: string[] };
}

/** Decides which row is a table's header and how to read the rows under it. */
export interface HeaderMatcher {
  /** The interpreter for a table with this header, or undefined when the row is not the header. */
  match(header: TableHeader): TableInterpreter | undefined;
  /** The error to throw when none of the first rows is a header this matcher knows. */
  noHeader(file: string, candidates: string[][]): Error;
  /** A fixed header row (1-based), when the caller knows it. */
  headerRow?: number;
}
