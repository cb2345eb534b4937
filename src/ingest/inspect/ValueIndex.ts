/** Where a value comes from: a column, or the part of a packed column before or after its separator. */
export interface ValueSource {
  column: number;
  part?: 'before' | 'after';
  /** A name rather than a code: ids read it through `slug`, so that `Michoacán` and `Michoacan` meet. */
  slug?: boolean;
}

interface Encoded {
  ids: Int32Array;
  count: number;
  /** The id of the empty value, or -1 when no row is empty. */
  empty: number;
}

/**
 * The body rows of a table, with each column's values numbered, so that the questions the inspector asks of whole
 * columns (how many distinct ids, does this key name one description) cost one pass over integers. Values are compared
 * trimmed, with runs of spaces folded and without regard to case (`Policía Federal  ` is `policía federal`).
 */
export class ValueIndex {
  private readonly cache = new Map<string, Encoded>();

  constructor(
    readonly rows: string[][],
    private readonly separator = ':',
  ) {}

  /** The value as a mapping template reads it: trimmed, and split at the separator for a part. */
  text(row: string[], source: ValueSource): string {
    const cell = (row[source.column] ?? '').trim();
    if (source.part === undefined) return cell;
    const at = cell.indexOf(this.separator);
    if (source.part === 'before') return at === -1 ? cell : cell.slice(0, at).trim();
    return at === -1 ? '' : cell.slice(at + this.separator.length).trim();
  }

  /** How many distinct tuples the sources take (empty ones included). */
  distinct(sources: ValueSource[]): number {
    return this.encode(sources).count;
  }

  /** Rows in which every one of the sources is empty. */
  emptyRows(sources: ValueSource[]): number {
    const encoded = sources.map((source) => this.encode([source]));
    let count = 0;
    for (let at = 0; at < this.rows.length; at++) {
      if (encoded.every(({ ids, empty }) => ids[at] === empty)) count++;
    }
    return count;
  }

  /**
   * Whether the key names one value: over the rows where no source of either is empty, at most `tolerance` of the
   * key's values meet more than one value (typos and spelling variants in real files).
   */
  determines(key: ValueSource[], value: ValueSource[], tolerance = 0.01): boolean {
    const parts = [...key, ...value].map((source) => this.encode([source]));
    const keys = this.encode(key);
    const values = this.encode(value);
    const seen = new Int32Array(keys.count).fill(-1);
    const conflicting = new Uint8Array(keys.count);
    const allowed = Math.floor(tolerance * keys.count);
    let conflicts = 0;
    for (let at = 0; at < this.rows.length; at++) {
      if (parts.some(({ ids, empty }) => ids[at] === empty)) continue;
      const k = keys.ids[at]!;
      const v = values.ids[at]!;
      if (seen[k] === -1) seen[k] = v;
      else if (seen[k] !== v && conflicting[k] === 0) {
        conflicting[k] = 1;
        if (++conflicts > allowed) return false;
      }
    }
    return true;
  }

  private encode(sources: ValueSource[]): Encoded {
    const name = sources.map((source) => `${source.column}${source.part ?? ''}`).join(',');
    const cached = this.cache.get(name);
    if (cached) return cached;
    let encoded: Encoded;
    if (sources.length === 1) {
      const numbers = new Map<string, number>();
      const ids = new Int32Array(this.rows.length);
      this.rows.forEach((row, at) => {
        const value = this.text(row, sources[0]!).replace(/\s+/g, ' ').toLowerCase();
        let id = numbers.get(value);
        if (id === undefined) numbers.set(value, (id = numbers.size));
        ids[at] = id;
      });
      encoded = { ids, count: numbers.size, empty: numbers.get('') ?? -1 };
    } else {
      const head = this.encode(sources.slice(0, -1));
      const last = this.encode(sources.slice(-1));
      const numbers = new Map<number, number>();
      const ids = new Int32Array(this.rows.length);
      for (let at = 0; at < this.rows.length; at++) {
        const pair = head.ids[at]! * last.count + last.ids[at]!;
        let id = numbers.get(pair);
        if (id === undefined) numbers.set(pair, (id = numbers.size));
        ids[at] = id;
      }
      encoded = { ids, count: numbers.size, empty: -1 };
    }
    this.cache.set(name, encoded);
    return encoded;
  }
}
