import { idText } from './idText.js';
import { isJsonObject, type JsonObject } from './isJsonObject.js';

/** One release as published: the row it is counted under and its JSON path from the document's root. */
export interface ReleaseSource {
  release: JsonObject;
  /** The 1-based row (release or record) of the document the release belongs to. */
  row: number;
  /** The JSON path of the release from the document's root ('' when the document is that release). */
  path: string;
}

/** Where a part of a compiled release was published: the row and the JSON path of the release that last set it. */
export interface Origin {
  row: number;
  path: string;
}

/** A release to read, with the way back from each of its parts to the release that published it. */
export interface CompiledRelease {
  release: JsonObject;
  /**
   * The origin of the part at `relative` (a path such as `awards[0].value.amount`); for a part that is not there,
   * the origin of its nearest ancestor that is, followed by the rest of the path.
   */
  locate(relative: string): Origin;
  /** The rows that set some value inside the part at `relative`, in increasing order. */
  rowsUnder(relative: string): number[];
}

// The origin of each key of each object and array the compiler built. Values in no map (strings, numbers, lists of
// strings) are leaves: they come whole from one release.
type Origins = WeakMap<object, Map<string | number, Origin>>;

/**
 * Compiles the releases of one contracting process (one `ocid`) the way an OCDS record's `compiledRelease` is built,
 * so that partial releases add up instead of hiding each other: an implementation release that lists only payments
 * keeps the award published before it. The releases are taken in `date` order (by position on a tie; a release
 * without a readable date counts as the oldest) and merged field by field, the later winning: objects are merged,
 * arrays of objects are merged item by item by `id` (an item without one by its position, since a later release
 * repeats the lists of the earlier ones and appending would count a payment once per release), other arrays are
 * replaced whole, an empty array or object changes nothing, and `null` removes a field.
 *
 * A single release is read as published, and so is a record's own `compiledRelease`.
 *
 * @example
 * const award = { ocid: 'X', date: '2016-01-01', awards: [{ id: 'a1', value: { amount: 100 } }] };
 * const payment = { ocid: 'X', date: '2016-02-01', contracts: [{ id: 'c1', awardID: 'a1' }] };
 * const { release, locate } = compileReleases([
 *   { release: award, row: 1, path: 'releases[0]' },
 *   { release: payment, row: 2, path: 'releases[1]' },
 * ]);
 * release.awards     // [{ id: 'a1', value: { amount: 100 } }]
 * locate('awards[0]') // { row: 1, path: 'releases[0].awards[0]' }
 */
export function compileReleases(sources: readonly ReleaseSource[]): CompiledRelease {
  if (sources.length === 0) throw new RangeError('compileReleases needs at least one release');
  if (sources.length === 1) return asPublished(sources[0]!);
  const ordered = sources
    .map((source, position) => ({ source, position, time: timeOf(source.release) }))
    .sort((a, b) => a.time - b.time || a.position - b.position)
    .map(({ source }) => source);
  const origins: Origins = new WeakMap();
  const identities = new WeakMap<unknown[], Map<string, number>>();
  const release: JsonObject = {};
  for (const source of ordered) mergeObject(release, source.release, source.row, source.path, origins, identities);
  const latest = ordered[ordered.length - 1]!;
  const root: Origin = { row: latest.row, path: latest.path };

  const locate = (relative: string): Origin => {
    const segments = parsePath(relative);
    let node: unknown = release;
    let best = root;
    let rest = 0;
    for (let at = 0; at < segments.length; at++) {
      const origin = isContainer(node) ? origins.get(node)?.get(segments[at]!) : undefined;
      if (origin === undefined) break;
      best = origin;
      rest = at + 1;
      node = (node as Record<string | number, unknown>)[segments[at]!];
    }
    return { row: best.row, path: joinPath(best.path, segments.slice(rest)) };
  };

  const rowsUnder = (relative: string): number[] => {
    let node: unknown = release;
    for (const segment of parsePath(relative)) {
      node = isContainer(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
    }
    const rows = new Set<number>();
    if (isContainer(node) && origins.has(node)) collectRows(node, origins, rows);
    if (rows.size === 0) rows.add(locate(relative).row);
    return [...rows].sort((a, b) => a - b);
  };

  return { release, locate, rowsUnder };
}

function asPublished(source: ReleaseSource): CompiledRelease {
  return {
    release: source.release,
    locate: (relative) => ({ row: source.row, path: joinPath(source.path, parsePath(relative)) }),
    rowsUnder: () => [source.row],
  };
}

function mergeObject(
  target: JsonObject,
  source: JsonObject,
  row: number,
  path: string,
  origins: Origins,
  identities: WeakMap<unknown[], Map<string, number>>,
): void {
  const keyOrigins = originsOf(target, origins);
  for (const [key, value] of Object.entries(source)) {
    const childPath = joinPath(path, [key]);
    if (value === null) {
      delete target[key];
      keyOrigins.delete(key);
    } else if (isJsonObject(value)) {
      if (Object.keys(value).length === 0) continue;
      let child = target[key];
      if (!isJsonObject(child)) {
        child = {};
        target[key] = child;
      }
      keyOrigins.set(key, { row, path: childPath });
      mergeObject(child as JsonObject, value, row, childPath, origins, identities);
    } else if (Array.isArray(value) && value.length > 0 && value.every(isJsonObject)) {
      let list = target[key];
      if (!Array.isArray(list) || !identities.has(list)) {
        list = [];
        target[key] = list;
        identities.set(list as unknown[], new Map());
      }
      keyOrigins.set(key, { row, path: childPath });
      const items = list as JsonObject[];
      const byIdentity = identities.get(items)!;
      const itemOrigins = originsOf(items, origins);
      value.forEach((item, index) => {
        const id = idText(item.id);
        const identity = id === undefined ? `#${index}` : `id:${id}`;
        let at = byIdentity.get(identity);
        if (at === undefined) {
          at = items.length;
          items.push({});
          byIdentity.set(identity, at);
        }
        const itemPath = `${childPath}[${index}]`;
        itemOrigins.set(at, { row, path: itemPath });
        mergeObject(items[at]!, item, row, itemPath, origins, identities);
      });
    } else if (Array.isArray(value) && value.length === 0) {
      // An empty list takes nothing away from what earlier releases said (planning releases publish `awards: []`).
      const current = target[key];
      if (!Array.isArray(current) || current.length === 0) {
        target[key] = [];
        keyOrigins.set(key, { row, path: childPath });
      }
    } else {
      target[key] = value;
      keyOrigins.set(key, { row, path: childPath });
    }
  }
}

function originsOf(container: object, origins: Origins): Map<string | number, Origin> {
  let map = origins.get(container);
  if (map === undefined) {
    map = new Map();
    origins.set(container, map);
  }
  return map;
}

function collectRows(container: object, origins: Origins, rows: Set<number>): void {
  for (const [key, origin] of origins.get(container) ?? []) {
    const value = (container as Record<string | number, unknown>)[key];
    if (isContainer(value) && origins.has(value)) collectRows(value, origins, rows);
    // An empty list says nothing: the release that repeats it has not contributed to the part.
    else if (!(Array.isArray(value) && value.length === 0)) rows.add(origin.row);
  }
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** A release's date in milliseconds; no readable date sorts first. */
function timeOf(release: JsonObject): number {
  const time = typeof release.date === 'string' ? Date.parse(release.date) : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** `awards[0].value.amount` -> ['awards', 0, 'value', 'amount']. */
function parsePath(relative: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of relative.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  }
  return segments;
}

function joinPath(base: string, segments: ReadonlyArray<string | number>): string {
  let path = base;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path = path === '' ? segment : `${path}.${segment}`;
  }
  return path;
}
