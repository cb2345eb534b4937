// XML 1.0 allows tab, newline, carriage return, U+0020-U+D7FF, U+E000-U+FFFD and U+10000 up. Control characters
// make the document ill-formed even as &#1; references, so they are removed; a lone surrogate half becomes U+FFFD.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Makes any text safe as XML character data or as a quoted attribute value: the five special characters become
 * references, and the characters XML forbids are dropped. Data from a source file (a name with `<script>`, a `"` or a
 * control character) then reads as the same text, never as markup.
 *
 * @example
 * escapeSvgText('A & B <"C">') // 'A &amp; B &lt;&quot;C&quot;&gt;'
 */
export function escapeSvgText(text: string): string {
  return String(text)
    .replace(FORBIDDEN, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}
