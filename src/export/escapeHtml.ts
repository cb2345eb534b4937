// HTML has no way to write the C0 control characters (and DEL) as text, and a lone surrogate half is not a
// character: each becomes U+FFFD, so a bad byte in a source file stays visible where it was instead of vanishing.
const UNWRITABLE =
  /[\u0000-\u0008\u000B\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Makes any text safe as HTML text or as a quoted attribute value (single or double quotes): `& < > " '` become
 * references. A name such as `<script>` or `"><img onerror=...>` from a source file then reads as the same text,
 * never as markup.
 *
 * @example
 * escapeHtml(`<a href="x">Tom's & Co</a>`) // '&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Co&lt;/a&gt;'
 */
export function escapeHtml(text: string): string {
  return String(text)
    .replace(UNWRITABLE, '\uFFFD')
    .replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}
