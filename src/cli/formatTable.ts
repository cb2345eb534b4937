/** Lays rows out in aligned columns for a terminal; columns whose header starts with `>` are right-aligned. */
export function formatTable(header: string[], dataRows: string[][]): string {
  const rows = dataRows.map((row) => row.map(forTerminal));
  const right = header.map((name) => name.startsWith('>'));
  const names = header.map((name) => name.replace(/^>/, ''));
  const widths = names.map((name, at) => Math.max(name.length, ...rows.map((row) => (row[at] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, at) => (right[at] ? cell.padStart(widths[at]!) : cell.padEnd(widths[at]!)))
      .join('  ')
      .trimEnd();
  return [line(names), ...rows.map(line)].join('\n') + '\n';
}

/** Replaces control characters (an ANSI escape in a node name could rewrite the user's terminal) with U+FFFD. */
export function forTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}
