// Tabs and line breaks are written as references so that attribute values keep them (a literal one reads as a space);
// the characters XML 1.0 forbids, lone surrogate halves included, become U+FFFD so that the document stays well-formed.
const REPLACED =
  /[&<>"'\t\n\r]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Escapes text for XML 1.0 character data and attribute values.
 *
 * @example
 * escapeXml('A & B <"C">') // 'A &amp; B &lt;&quot;C&quot;&gt;'
 */
export function escapeXml(text: string): string {
  return String(text).replace(REPLACED, (character) => ENTITIES[character] ?? '\uFFFD');
}
