const CANDIDATES = [',', ';', '\t', '|'] as const;

export type Delimiter = (typeof CANDIDATES)[number];

/**
 * Picks the delimiter of a table from its first line: the candidate that occurs most often outside quotes.
 * Ties go to the earlier candidate, so a one-column file reads as comma-separated.
 *
 * @example
 * detectDelimiter('from;to;amount\n') // ';'
 */
export function detectDelimiter(firstLine: string): Delimiter {
  const counts = new Map<string, number>(CANDIDATES.map((candidate) => [candidate, 0]));
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
    else if (!quoted && (char === '\n' || char === '\r')) break;
  }
  let best: Delimiter = ',';
  for (const candidate of CANDIDATES) if (counts.get(candidate)! > counts.get(best)!) best = candidate;
  return best;
}
