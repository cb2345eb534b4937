import { columnKey } from './mapping/columnKey.js';
import type { TableHeader } from './TableRow.js';

/** A column the format has no field for: its position, and the label its cells are kept under. */
export interface ExtraColumn {
  at: number;
  label: string;
}

const worked = new WeakMap<TableHeader, WeakMap<ReadonlySet<string>, ExtraColumn[]>>();

/**
 * The columns of a header whose names are not among `known` (column keys), labelled as cauce keeps their cells: the
 * name as written (a byte-order mark and outer spaces dropped), `column_N` for a column with no name (its position
 * from 1), and `_2`, `_3` on later copies of a name the header repeats. Worked out once per header and set of known
 * names, since every row of a table has the same; both engines, in-process and DuckDB, label columns through it.
 */
export function extraColumns(header: TableHeader, known: ReadonlySet<string>): ExtraColumn[] {
  let byKnown = worked.get(header);
  if (!byKnown) worked.set(header, (byKnown = new WeakMap()));
  let columns = byKnown.get(known);
  if (columns) return columns;
  columns = [];
  const used = new Set<string>();
  header.names.forEach((rawName, at) => {
    const name = rawName.replace(/^\ufeff/, '').trim();
    const key = header.index.get(columnKey(name)) === at ? columnKey(name) : undefined;
    let label = name === '' ? `column_${at + 1}` : name;
    for (let copy = 2; used.has(label); copy++) label = `${name}_${copy}`;
    used.add(label);
    if (key === undefined || !known.has(key)) columns.push({ at, label });
  });
  byKnown.set(known, columns);
  return columns;
}
