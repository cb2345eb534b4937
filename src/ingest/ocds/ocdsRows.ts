import { UnreadableInputError } from '../../errors/UnreadableInputError.js';
import { isJsonObject, type JsonObject } from './isJsonObject.js';

/** The rule names under which the OCDS reader skips a release or record; each skipped one is counted under one. */
export const OCDS_SKIP_RULES = {
  /** A release with no award, payment or budget measure to read (planning and tender releases). */
  noMoney: 'no-money',
  /** An older release of a process whose later release is in the same package, and repeats its state. */
  superseded: 'superseded',
  /** A record whose releases are only links, with no compiled release to read. */
  linkedReleasesOnly: 'linked-releases-only',
} as const;

/** One row of an OCDS document: a release or a record, with the release to read for it. */
export interface OcdsRow {
  /** The 1-based position of the release or record in its list; 1 for a document that is one release or record. */
  row: number;
  /** The JSON path of the release to read, from the document's root ('' when the document is that release). */
  path: string;
  release?: JsonObject;
  skip?: string;
  /** Set when the row is not an object at all. */
  malformed?: { value: unknown };
}

/**
 * Splits an OCDS document into its rows: a release package (`releases`) or a list of releases gives one row per
 * release; a record package (`records`) one per record; a lone release or record one row. A record is read from its
 * `compiledRelease`, else from its latest embedded release. Within a package, releases of one process (`ocid`) repeat
 * its state as it was at each stage, so only the latest (by `date`, then by position) is read and the older ones are
 * skipped as `superseded`: reading them all would count the same award once per stage.
 */
export function ocdsRows(json: unknown, file: string): OcdsRow[] {
  if (Array.isArray(json)) return listRows(json, '');
  if (!isJsonObject(json)) {
    throw new UnreadableInputError(file, `expected an OCDS release, record or package, got ${describe(json)}`);
  }
  if (Array.isArray(json.records)) {
    return json.records.map((record, index) => recordRow(record, `records[${index}]`, index + 1));
  }
  if (isRecord(json)) return [recordRow(json, '', 1)];
  if (Array.isArray(json.releases)) return listRows(json.releases, 'releases');
  if (isRelease(json)) return [{ row: 1, path: '', release: json }];
  const keys = Object.keys(json).slice(0, 8).join(', ');
  throw new UnreadableInputError(
    file,
    `not OCDS: no ocid, releases, records or compiledRelease at the top level (keys: ${keys || 'none'})`,
  );
}

function listRows(list: unknown[], key: string): OcdsRow[] {
  const releases: Array<OcdsRow & { release: JsonObject }> = [];
  const rows: OcdsRow[] = list.map((item, index) => {
    const path = key === '' ? `[${index}]` : `${key}[${index}]`;
    if (!isJsonObject(item)) return { row: index + 1, path, malformed: { value: item } };
    if (isRecord(item)) return recordRow(item, path, index + 1);
    const row = { row: index + 1, path, release: item };
    releases.push(row);
    return row;
  });
  const latest = new Map<string, OcdsRow & { release: JsonObject }>();
  for (const row of releases) {
    const ocid = row.release.ocid;
    if (typeof ocid !== 'string') continue;
    const kept = latest.get(ocid);
    if (kept !== undefined && isNewer(kept.release, row.release)) {
      row.skip = OCDS_SKIP_RULES.superseded;
      continue;
    }
    if (kept !== undefined) kept.skip = OCDS_SKIP_RULES.superseded;
    latest.set(ocid, row);
  }
  return rows;
}

function recordRow(record: unknown, path: string, row: number): OcdsRow {
  if (!isJsonObject(record)) return { row, path, malformed: { value: record } };
  const prefix = path === '' ? '' : `${path}.`;
  if (isJsonObject(record.compiledRelease)) {
    return { row, path: `${prefix}compiledRelease`, release: record.compiledRelease };
  }
  const releases = Array.isArray(record.releases) ? record.releases : [];
  let chosen: number | undefined;
  releases.forEach((release, index) => {
    if (!isJsonObject(release) || !isRelease(release)) return;
    if (chosen === undefined || !isNewer(releases[chosen] as JsonObject, release)) chosen = index;
  });
  if (chosen === undefined) return { row, path, skip: OCDS_SKIP_RULES.linkedReleasesOnly };
  return { row, path: `${prefix}releases[${chosen}]`, release: releases[chosen] as JsonObject };
}

/** True when `a` is dated after `b`; on a tie or an unreadable date, the one further down the document is newer. */
function isNewer(a: JsonObject, b: JsonObject): boolean {
  const at = typeof a.date === 'string' ? Date.parse(a.date) : Number.NaN;
  const bt = typeof b.date === 'string' ? Date.parse(b.date) : Number.NaN;
  return !Number.isNaN(at) && !Number.isNaN(bt) && at > bt;
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
