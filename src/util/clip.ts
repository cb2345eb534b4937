/**
 * Shortens a text from data for a message or an issue: a 10 MB cell must not make a 10 MB error. What is cut is said,
 * with the full length, so that nobody mistakes the clipped text for the cell.
 */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
