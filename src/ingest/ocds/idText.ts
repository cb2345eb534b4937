/**
 * The text of an OCDS id or code. Publishers write ids as strings or as JSON numbers (INAI writes `"id": 340`); an
 * empty string, null, a boolean or an object is no id.
 *
 * @example
 * idText(340)     // '340'
 * idText(' P01 ') // 'P01'
 * idText(null)    // undefined
 */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
