import type { DateFormat, SkipRule } from '../mapping/Mapping.js';

/**
 * A declarative mapping for a published list of companies or people (SAT's article 69-B list, a debarment list):
 * how each row becomes a watchlist entry rather than flows. JSON-serialisable like a flow mapping, and written with
 * the same templates (`{COLUMN}`, `{COLUMN?}`, filters such as `|taxid` or `|before(//)`), aliases and skip rules.
 */
export interface WatchlistMapping {
  /** Tells this mapping from a flow mapping. */
  kind: 'watchlist';
  name?: string;
  description?: string;
  /** Force an encoding; default: detected. */
  encoding?: string;
  /** The row (1-based) that holds the column names; default: the first row that has every column the mapping needs. */
  headerRow?: number;
  /** Other names a column goes by in some files; a `*` stands for any text. */
  aliases?: Record<string, string[]>;
  /** How each row becomes an entry. */
  entry: WatchlistEntryTemplates;
  /** Rows to skip, each counted under its rule's name; checked before anything else. */
  skip?: SkipRule[];
}

export interface WatchlistEntryTemplates {
  /** Template of the listed party's tax id; normalised like every tax id (upper case, no spaces, dots or dashes). */
  taxId: string;
  /** Template of the listed party's name; runs of spaces are folded. */
  name: string;
  /** Template of the status; it is lower-cased. */
  status: string;
  /** The column of the date the party was listed, and how it is written. */
  listedOn?: { column: string; format: DateFormat };
  /** Where the list comes from, written on every entry, e.g. `SAT 69-B`. */
  source?: string;
  /** More values to keep on each entry, each a template; empty values are left out. */
  attributes?: Record<string, string>;
}
