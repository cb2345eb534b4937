import { NODE_KINDS } from '../../model/kinds.js';
import { STAGE_NAMES } from '../../ingest/parseStageName.js';
import { WHITE_SPACE, sqlString } from './sqlText.js';

// YYYY-MM-DD, optionally followed by a time and a zone, as TableRow reads a date.
const ISO_DATE_TIME =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?';

/**
 * SQL for reading the values of a trimmed cell as cauce reads them. Each reader returns NULL when the cell does not
 * hold a valid value, so that a check can tell an empty cell (the default applies) from a bad one.
 */
export const valueSql = {
  /**
   * Whether a cell holds an amount written plainly: sign, digits, a `.` decimal mark, at most `scale` decimal places
   * (trailing zeros aside) and 38 - scale integer digits (leading zeros aside). Exponents, `_` and thousands
   * separators, which a bare cast would take or misread, do not match.
   */
  amountIsValid(trimmed: string, scale: number): string {
    const integer = `0*[0-9]{1,${38 - scale}}`;
    const pattern =
      scale === 0
        ? `[+-]?(${integer}(\\.0*)?|\\.0+)`
        : `[+-]?(${integer}(\\.[0-9]{0,${scale}}0*)?|\\.[0-9]{1,${scale}}0*)`;
    return `regexp_full_match(${trimmed}, '${pattern}')`;
  },

  /**
   * A valid amount (see amountIsValid) as DECIMAL(38, scale), exactly. The digits are read as a HUGEINT count of
   * 10^-scale and then given their scale: a direct cast of text to DECIMAL(38, s) is as exact, but far slower in
   * DuckDB.
   */
  amount(trimmed: string, scale: number): string {
    const unsigned = `ltrim(${trimmed}, '+-')`;
    const digits = `split_part(${unsigned}, '.', 1) || rpad(split_part(${unsigned}, '.', 2), ${scale}, '0')`;
    const sign = `CASE WHEN starts_with(${trimmed}, '-') THEN -1 ELSE 1 END`;
    const unit = scale === 0 ? '1' : `0.${'0'.repeat(scale - 1)}1`;
    return `CAST(TRY_CAST(${digits} AS HUGEINT) * ${sign} AS DECIMAL(38, 0)) * CAST('${unit}' AS DECIMAL(38, ${scale}))`;
  },

  /** A stage name in English or Spanish (accents and case folded); `fallback` when the cell is empty. */
  stage(trimmed: string, fallback: string): string {
    const cases = Object.entries(STAGE_NAMES)
      .map(([name, stage]) => `WHEN ${sqlString(name)} THEN ${sqlString(stage)}`)
      .join(' ');
    return `CASE lower(strip_accents(${trimmed})) WHEN '' THEN ${sqlString(fallback)} ${cases} END`;
  },

  /** An ISO 4217 code, upper-cased; `fallback` when the cell is empty, where there is one (else NULL: no currency). */
  currency(trimmed: string, fallback?: string): string {
    const empty = fallback === undefined ? '' : `WHEN ${trimmed} = '' THEN ${sqlString(fallback)} `;
    return `CASE ${empty}WHEN regexp_full_match(upper(${trimmed}), '[A-Z]{3}') THEN upper(${trimmed}) END`;
  },

  /** The date part of an ISO date or date-time that is a real calendar day; NULL when empty or invalid. */
  date(trimmed: string): string {
    return `CASE WHEN regexp_full_match(${trimmed}, ${sqlString(ISO_DATE_TIME)}) AND TRY_CAST(substr(${trimmed}, 1, 10) AS DATE) IS NOT NULL THEN substr(${trimmed}, 1, 10) END`;
  },

  /** A node kind, lower case with runs of spaces and dashes as `_`; NULL when empty or unknown. */
  kind(trimmed: string): string {
    const folded = `regexp_replace(lower(${trimmed}), ${sqlString(`(${WHITE_SPACE}|-)+`)}, '_', 'g')`;
    return `CASE WHEN ${folded} IN (${NODE_KINDS.map(sqlString).join(', ')}) THEN ${folded} END`;
  },

  /** A tax id as normalizeTaxId writes it; NULL when empty. */
  taxId(trimmed: string): string {
    const upper = `upper(nfc_normalize(${trimmed}))`;
    const unprefixed = `regexp_replace(${upper}, '^RFC[-:]${WHITE_SPACE}*([A-ZÑ&]{3,4}-?[0-9]{6})', '\\1')`;
    return `NULLIF(regexp_replace(${unprefixed}, '(${WHITE_SPACE}|[.-])', '', 'g'), '')`;
  },

  /** Text, NULL when empty. */
  text(trimmed: string): string {
    return `NULLIF(${trimmed}, '')`;
  },
};
