/** Where a command writes: data to `out` (stdout), messages to `err` (stderr). Tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}
