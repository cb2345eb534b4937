// Small pieces of SQL text shared by the plans. Standard SQL where it exists, so that the text adapts to Spark or
// Trino with little more than renaming functions.

/** A string literal: single quotes doubled. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A quoted identifier: double quotes doubled, so any header name is a column. */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The characters JavaScript's `trim()` and `\s` treat as white space, as an RE2/Java character class: ASCII white
 * space and vertical tab, Unicode separators (`\p{Z}`: no-break space, thin spaces, line and paragraph separators)
 * and the byte order mark. cauce trims cells with `trim()`, so the engine must trim the same characters.
 */
export const WHITE_SPACE = '[\\s\\x0b\\p{Z}\\x{feff}]';

/** A cell as text, trimmed as cauce trims it; NULL (an empty CSV field) reads as ''. */
export function sqlTrim(expression: string): string {
  return `regexp_replace(coalesce(${expression}, ''), ${sqlString(`^${WHITE_SPACE}+|${WHITE_SPACE}+$`)}, '', 'g')`;
}
