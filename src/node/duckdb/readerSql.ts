import type { DuckDbSource } from './DuckDbOptions.js';
import { sqlString } from './sqlText.js';

/**
 * The table function that reads a source: every CSV cell as text (amounts are cast exactly later, never guessed as
 * floats), quotes as RFC 4180 writes them; a Parquet file with the position of each row.
 */
export function readerSql(
  source: DuckDbSource,
  format: 'csv' | 'parquet',
  delimiter: string | undefined,
  header = true,
): string {
  const path = sqlString(source.path);
  if (format === 'parquet') return `read_parquet(${path}, file_row_number = true)`;
  const settings = [`header = ${header}`, 'all_varchar = true', `quote = '"'`, `escape = '"'`];
  if (delimiter !== undefined) settings.push(`delim = ${sqlString(delimiter)}`);
  if (source.gzip !== undefined) settings.push(`compression = ${source.gzip ? "'gzip'" : "'none'"}`);
  return `read_csv(${path}, ${settings.join(', ')})`;
}
