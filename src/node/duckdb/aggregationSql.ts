import type { DuckDbOptions, DuckDbSource } from './DuckDbOptions.js';
import { planAggregation } from './planAggregation.js';

/**
 * The SQL that reads a CSV (gzip too) or Parquet table and adds it up to the `flows` grain: one row per payer, payee,
 * stage, currency and period, with the exact sum (DECIMAL(38, scale)), the count and range of the rows behind it, the
 * date and reference when all its rows share them, and the payer's and payee's kind, name and tax id from its first
 * row. DuckDB's dialect, its adding up kept to plain GROUP BY, SUM, MIN, MAX, COUNT and arg_min. To run it on Spark or
 * Trino, translate: the readers (read_csv, read_parquet with file_row_number), struct and list literals ({...},
 * [...]) with unnest (named_struct / explode, ROW / UNNEST), HUGEINT (DECIMAL(38, 0)), arg_min (min_by),
 * regexp_full_match (regexp_like with anchors), strip_accents and nfc_normalize. cauce runs it on DuckDB only.
 *
 * Reads cauce's canonical flows table, and mappings whose templates are plain (literal text and `{COLUMN}`), whose
 * amounts have a fixed stage, with no skip or totals rules and no dates to parse; anything else is a MappingError or
 * an InvalidArgumentError naming the key and why. Rows with an amount that is not plain digits (sign, `.` decimal
 * mark, at most `scale` decimal places), an empty end, a payer that is its payee, or any other value cauce would
 * reject are left out of the sums: ingestWithDuckDb counts and reports them.
 *
 * Rows are numbered as a spreadsheet numbers them (the header is row 1): a CSV's in the order read, a Parquet file's
 * by position (`file_row_number` + 2). A CSV line break inside a quoted field, or an empty line, makes the engine's
 * row numbers differ from cauce's after it: the engine counts records, and does not see empty lines.
 *
 * @example
 * const sql = aggregationSql({ path: 'payments.parquet', columns: ['from', 'to', 'amount', 'date'] });
 * // WITH source AS (SELECT file_row_number + 2 AS cauce_row, ... FROM read_parquet('payments.parquet', ...)) ...
 * // SELECT from_id, to_id, stage, currency, period, CAST(SUM(amount) AS VARCHAR) AS amount, ... GROUP BY ...
 */
export function aggregationSql(source: DuckDbSource, options: DuckDbOptions = {}): string {
  return planAggregation(source, options).flowsSql;
}
