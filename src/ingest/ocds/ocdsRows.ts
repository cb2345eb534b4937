import { UnreadableInputError } from '../../errors/UnreadableInputError.js';
import { type CompiledRelease, compileReleases, type ReleaseSource } from './compileReleases.js';
import { isJsonObject, type JsonObject } from './isJsonObject.js';

/** The rule names under which the OCDS reader skips a release or record; each skipped one is counted under one. */
export const OCDS_SKIP_RULES = {
  /**
   * A release with no award, payment or budget measure to read (planning and tender releases), or whose only ones
   * committed nothing (unsuccessful or cancelled awards).
   */
  noMoney: 'no-money',
  /**
   * A release whose awards, payments and budget measures were all published again by a later release of the same
   * process (`ocid`) in the same document, as they were or changed: that money is read once, from the later release.
   */
  superseded: 'superseded',
  /** A record whose releases are only links, with no compiled release to read. */
  linkedReleasesOnly: 'linked-releases-only',
} as const;

/** One row of an OCDS document: a release or a record. */
export interface OcdsRow {
  /** The 1-based position of the release or record in its list; 1 for a document that is one release or record. */
  row: number;
  /** The JSON path of the release or record, from the document's root ('' when the document is that one). */
  path: string;
  /** For a release, the release as published. */
  release?: JsonObject;
  skip?: string;
  /** Set when the row is not an object at all. */
  malformed?: { value: unknown };
}

/** One release to read and the rows it was compiled from: a process's releases, or one record. */
export interface OcdsReading {
  compiled: CompiledRelease;
  rows: OcdsRow[];
}

export interface OcdsDocument {
  /** Every row of the document, in order. */
  rows: OcdsRow[];
  /** What to read, in the order of each one's first row; every row that is neither malformed nor skipped is in one. */
  readings: OcdsReading[];
}

/**
 * Splits an OCDS document into its rows and what to read from them: a release package (`releases`) or a list of
 * releases gives one row per release; a record package (`records`) one per record; a lone release or record one row.
 * A record is read from its `compiledRelease`, else from its embedded releases compiled. Releases are partial: each
 * says what changed at one stage of a process, so the releases of one process (`ocid`) in a package are compiled
 * into one, as a record would be (see `compileReleases`), and read once: reading them one by one would either count
 * an award once per stage that repeats it or, keeping only the latest, lose the award that an implementation release
 * does not repeat.
 */
export function ocdsRows(json: unknown, file: string): OcdsDocument {
  if (Array.isArray(json)) return listRows(json, '');
  if (!isJsonObject(json)) {
    throw new UnreadableInputError(file, `expected an OCDS release, record or package, got ${describe(json)}`);
  }
  if (Array.isArray(json.records)) {
    const rows: OcdsRow[] = [];
    const readings = json.records.map((record, index) => recordReading(rows, record, `records[${index}]`, index + 1));
    return { rows, readings: readings.filter((reading) => reading !== undefined) };
  }
  if (isRecord(json)) {
    const rows: OcdsRow[] = [];
    const reading = recordReading(rows, json, '', 1);
    return { rows, readings: reading ? [reading] : [] };
  }
  if (Array.isArray(json.releases)) return listRows(json.releases, 'releases');
  if (isRelease(json)) {
    const row: OcdsRow = { row: 1, path: '', release: json };
    return {
      rows: [row],
      readings: [{ compiled: compileReleases([{ release: json, row: 1, path: '' }]), rows: [row] }],
    };
  }
  const keys = Object.keys(json).slice(0, 8).join(', ');
  throw new UnreadableInputError(
    file,
    `not OCDS: no ocid, releases, records or compiledRelease at the top level (keys: ${keys || 'none'})`,
  );
}

function listRows(list: unknown[], key: string): OcdsDocument {
  const rows: OcdsRow[] = [];
  // In the order of their first rows: a record's reading, or the releases of one process gathered to be compiled
  // once the list is read (a release without an ocid is a process of its own).
  const slots: Array<OcdsReading | { rows: OcdsRow[]; sources: ReleaseSource[] }> = [];
  const byOcid = new Map<string, { rows: OcdsRow[]; sources: ReleaseSource[] }>();
  list.forEach((item, index) => {
    const path = key === '' ? `[${index}]` : `${key}[${index}]`;
    if (!isJsonObject(item)) {
      rows.push({ row: index + 1, path, malformed: { value: item } });
      return;
    }
    if (isRecord(item)) {
      const reading = recordReading(rows, item, path, index + 1);
      if (reading) slots.push(reading);
      return;
    }
    const row: OcdsRow = { row: index + 1, path, release: item };
    rows.push(row);
    const ocid = typeof item.ocid === 'string' ? item.ocid : undefined;
    let process = ocid === undefined ? undefined : byOcid.get(ocid);
    if (process === undefined) {
      process = { rows: [], sources: [] };
      slots.push(process);
      if (ocid !== undefined) byOcid.set(ocid, process);
    }
    process.rows.push(row);
    process.sources.push({ release: item, row: row.row, path });
  });
  const readings = slots.map((slot) =>
    'compiled' in slot ? slot : { compiled: compileReleases(slot.sources), rows: slot.rows },
  );
  return { rows, readings };
}

/** Adds a record's row, and gives what to read from it: none for a record of linked releases only. */
function recordReading(rows: OcdsRow[], record: unknown, path: string, row: number): OcdsReading | undefined {
  if (!isJsonObject(record)) {
    rows.push({ row, path, malformed: { value: record } });
    return undefined;
  }
  const entry: OcdsRow = { row, path };
  rows.push(entry);
  const prefix = path === '' ? '' : `${path}.`;
  if (isJsonObject(record.compiledRelease)) {
    const compiled = compileReleases([{ release: record.compiledRelease, row, path: `${prefix}compiledRelease` }]);
    return { compiled, rows: [entry] };
  }
  const releases = Array.isArray(record.releases) ? record.releases : [];
  const sources: ReleaseSource[] = [];
  releases.forEach((release, index) => {
    // Linked releases (`{url, date, tag}`) carry nothing to read.
    if (isJsonObject(release) && isRelease(release))
      sources.push({ release, row, path: `${prefix}releases[${index}]` });
  });
  if (sources.length > 0) return { compiled: compileReleases(sources), rows: [entry] };
  entry.skip = OCDS_SKIP_RULES.linkedReleasesOnly;
  return undefined;
}

function isRecord(json: JsonObject): boolean {
  if (isJsonObject(json.compiledRelease) || isJsonObject(json.versionedRelease)) return true;
  // A record names its process and lists its releases; a release package lists releases but has no ocid.
  return typeof json.ocid === 'string' && Array.isArray(json.releases);
}

/** A release: it names its process, or carries one of the sections that hold money. */
function isRelease(json: JsonObject): boolean {
  return (
    typeof json.ocid === 'string' || ['awards', 'contracts', 'tender', 'planning', 'buyer'].some((key) => key in json)
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return typeof value;
}
