import { type Delimiter, detectDelimiter } from '../detectDelimiter.js';

// Enough lines to see past a title and a date above the header.
const LINES = 20;
const LOOKAHEAD = 1 << 16;

/**
 * Picks the delimiter of a table that may open with title rows: each of the first non-blank lines votes for the
 * delimiter it holds most of (see `detectDelimiter`), and the most voted wins. A title such as `Presupuesto, 2016`
 * above a `;`-separated table then does not decide alone. Ties go to the first line's choice.
 *
 * @example
 * detectTableDelimiter('Cuenta Pública, 2016\nramo;monto\n1;100\n') // ';'
 */
export function detectTableDelimiter(text: string): Delimiter {
  const lines = text
    .slice(0, LOOKAHEAD)
    .split(/\r\n?|\n/)
    .filter((line) => /[,;\t|]/.test(line))
    .slice(0, LINES);
  if (lines.length === 0) return detectDelimiter(text.slice(0, LOOKAHEAD));
  const votes = new Map<Delimiter, number>();
  for (const line of lines) {
    const choice = detectDelimiter(line);
    votes.set(choice, (votes.get(choice) ?? 0) + 1);
  }
  let best = detectDelimiter(lines[0]!);
  for (const [choice, count] of votes) if (count > votes.get(best)!) best = choice;
  return best;
}
