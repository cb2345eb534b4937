/** The command line's exit codes, as DESIGN.md fixes them. */
export const EXIT = {
  done: 0,
  /** Flags at or above `--fail-on` fired. */
  flagged: 1,
  usage: 2,
  /** Input that cannot be read at all (a missing file, an unknown format, a strict ingest that met a bad row). */
  unreadable: 3,
} as const;
