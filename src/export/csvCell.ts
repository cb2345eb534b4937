// A cell a spreadsheet would run as a formula: OWASP's list of the characters that start one.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell of an RFC 4180 CSV: quoted when it holds a comma, a quote or a line break, with quotes doubled. When
 * `neutralize` is set, text that a spreadsheet would read as a formula gets a leading apostrophe (OWASP's advice for
 * CSV injection), which spreadsheets show as text and do not run.
 */
export function csvCell(text: string, neutralize: boolean): string {
  const safe = neutralize && FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
