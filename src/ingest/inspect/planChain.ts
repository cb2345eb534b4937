import type { NodeKind } from '../../model/kinds.js';
import { columnKey } from '../mapping/columnKey.js';
import type { ColumnProfile } from './TableInspection.js';
import type { ValueIndex, ValueSource } from './ValueIndex.js';

/** One level of the suggested chain: the values that name its nodes, and how its node ids are built. */
export interface ChainLevel {
  /** The column (or part of a packed column) it stands for, for people. */
  label: string;
  prefix: string;
  kind: NodeKind;
  /** The value that names the level: a code, a name, or a part of a packed column. */
  own: ValueSource;
  /** What names one node of the level on its own: the code with the columns it needs (Ramo, UNIDAD). */
  key: ValueSource[];
  /** What the node id is built from: the key, or the key under its parent's id when the level does not nest. */
  id: ValueSource[];
  /** Parts of the id (not the level's own value) that some rows leave empty: the id fills them with `-`. */
  fill: ValueSource[];
  /** The description column that names the nodes. */
  name?: ValueSource;
  /** The header columns that belong to this level (the code and its description, or the name). */
  columns: number[];
  /** Some rows leave it empty (a level only some rows have). */
  optional: boolean;
  /** The level's column's position, to break ties as the file orders its columns. */
  position: number;
  /** A name or text level: the same name under two parents is the same node. */
  isName: boolean;
}

export interface ChainPlan {
  levels: ChainLevel[];
  /** Candidate levels left out because the chain was long enough. */
  leftOut: string[];
}

// Past this, a chain is a cross-tabulation rather than a path of money.
const MAX_LEVELS = 5;
// A text column with more distinct values than this share of rows is free text (project names), not a level.
const MAX_NAME_SHARE = 0.5;
// A level with at least this many distinct values per body row names rows, not groups of them.
const ROW_ID_SHARE = 0.9;
// Columns of Mexico's clave presupuestaria that classify spending across the path of money rather than along it:
// function (GF, FN, SF), reassignment, institutional activity, modality (part of a programme's key), type of spending,
// funding source, investment portfolio; and report metadata.
const CLASSIFICATION_CODES = new Set(['gf', 'fn', 'sf', 'ra', 'ai', 'mod', 'tg', 'ff']);
const CLASSIFICATION_WORDS =
  /funcion|finalidad|reasignacion|actividad|modalidad|tipo de gasto|tipo gasto|fuente|cartera|unidad de medida|frecuencia|difusion/;
const TIME_WORDS = new Set([
  'mes',
  'month',
  'trimestre',
  'quarter',
  'semestre',
  'periodo',
  'fecha',
  'date',
  'dia',
  'day',
  'ciclo',
  'ano',
  'anio',
  'year',
]);
const PLACEHOLDERS = new Set(['', '0', '-', 'n/a', 'na', 'nd', 'n/d', 's/d']);
const KIND_WORDS: Array<[RegExp, NodeKind]> = [
  [/fideicomiso|trust|mandato/, 'trust'],
  [
    /entidad federativa|estado|state|municipio|localidad|beneficiario|proveedor|supplier|recipient|contratista/,
    'recipient',
  ],
  [/\bef\b|entidad fed/, 'recipient'],
  [/unidad|\bur\b/, 'unit'],
  [/programa|\bpp\b|fondo|fund|programme|program/, 'programme'],
  [/concepto|partida|objeto|capitulo|clave|linea/, 'budget_line'],
  [/subramo|ramo|\bente\b|dependencia|institucion|sector|secretaria|poder|organismo|agency/, 'agency'],
];

/**
 * Chooses the node chain of a suggested mapping from the columns that name things: code columns (with their
 * descriptions), categorical name columns, and the two halves of a packed `State: Fund` column. Columns that classify
 * across the money's path (function, funding source), dates, periods and mostly-placeholder columns are left out.
 *
 * The root is the level most others nest under (a unit's key names its ramo); then each step takes a level that nests
 * under the last one, fewest distinct first; when none does, the level with the fewest distinct values under the path
 * so far, and a code level that does not nest gets its parent's key in its id (a concept under a programme is a budget
 * line of that programme). A name level keeps its own id: a state is one node whichever fund pays it.
 *
 * @example
 * planChain(index, columns, excluded).levels.map((level) => level.prefix) // ['ramo', 'pp', 'unidad', 'ef', 'concepto'] (PEF 2016)
 */
export function planChain(index: ValueIndex, columns: ColumnProfile[], excluded: ReadonlySet<number>): ChainPlan {
  const candidates = candidateLevels(index, columns, excluded);
  if (candidates.length < 2) {
    const root = constantRoot(columns, excluded);
    if (root && candidates.length === 1) candidates.unshift(root);
  }
  const levels: ChainLevel[] = [];
  if (candidates.length === 0) return { levels, leftOut: [] };
  if (candidates.length === 1) {
    // One level names only the recipients: the caller supplies the payer.
    const only = candidates[0]!;
    only.kind = 'recipient';
    return { levels: [only], leftOut: [] };
  }

  const nests = (child: ChainLevel, parent: ValueSource[]) => index.determines(child.key, parent);
  const distinct = (sources: ValueSource[]) => index.distinct(sources);
  const byTies = (a: ChainLevel, b: ChainLevel) => distinct(a.key) - distinct(b.key) || a.position - b.position;

  // A column with a value of its own on (nearly) every row names the row itself (a project number): it nests under
  // anything, so it would be taken first; it can only be the last level.
  const leaves = candidates.filter((level) => distinct(level.key) >= ROW_ID_SHARE * index.rows.length);
  const remaining = candidates.filter((level) => !leaves.includes(level));
  if (remaining.length === 0) remaining.push(leaves.shift()!);
  const nestedCount = new Map(
    remaining.map((level) => [level, remaining.filter((other) => other !== level && nests(other, level.key)).length]),
  );
  remaining.sort((a, b) => nestedCount.get(b)! - nestedCount.get(a)! || byTies(a, b));
  const root = remaining.shift()!;
  root.id = root.key;
  levels.push(root);
  if (remaining.length === 0 && leaves.length > 0) remaining.push(leaves.shift()!);

  while (remaining.length > 0 && levels.length < MAX_LEVELS) {
    const last = levels[levels.length - 1]!;
    const nested = remaining.filter((level) => nests(level, last.id)).sort(byTies);
    let next: ChainLevel;
    if (nested.length > 0) {
      next = nested[0]!;
      next.id = next.key;
    } else {
      const path = pathOf(levels);
      const under = (level: ChainLevel) => union(path, level.key);
      next = [...remaining].sort((a, b) => distinct(under(a)) - distinct(under(b)) || a.position - b.position)[0]!;
      next.id = next.isName ? next.key : under(next);
    }
    remaining.splice(remaining.indexOf(next), 1);
    levels.push(next);
    if (remaining.length === 0 && leaves.length > 0) remaining.push(leaves.shift()!);
  }
  remaining.push(...leaves);
  levels.forEach((level, at) => {
    level.kind = kindOf(level, at, levels.length);
    level.fill = level.id.filter((source) => source !== level.own && index.emptyRows([source]) > 0);
  });
  return { levels, leftOut: remaining.map((level) => level.label) };
}

function candidateLevels(index: ValueIndex, columns: ColumnProfile[], excluded: ReadonlySet<number>): ChainLevel[] {
  const describedBy = new Map<number, number>();
  const descriptions = new Set<number>();
  const byName = new Map(columns.map((column) => [column.name, column.index - 1]));
  for (const column of columns) {
    if (column.description === undefined) continue;
    const at = byName.get(column.description)!;
    describedBy.set(column.index - 1, at);
    descriptions.add(at);
  }
  const seenKeys = new Set<string>();
  const levels: ChainLevel[] = [];
  const prefixes = new Set<string>();
  const prefixOf = (name: string) => {
    const base =
      columnKey(name)
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .replace(/^(?:id|cve|clave|cod|codigo|num|numero)(?:_(?:de|del))?(?:_(?:la|el|los|las))?_(?=.)/, '') || 'node';
    let prefix = base;
    for (let copy = 2; prefixes.has(prefix); copy++) prefix = `${base}_${copy}`;
    prefixes.add(prefix);
    return prefix;
  };
  const rows = index.rows.length;

  for (const column of columns) {
    const at = column.index - 1;
    const key = columnKey(column.name);
    const duplicate = seenKeys.has(key);
    seenKeys.add(key);
    if (duplicate || key === '' || /[{}|]/.test(column.name) || excluded.has(at)) continue;
    if (!['code', 'integer-code', 'text'].includes(column.type) || column.distinct <= 1) continue;
    if (isClassification(key) || isTime(key) || mostlyPlaceholder(index, at)) continue;
    // A description names its code's level, unless it packs two levels of its own.
    if (descriptions.has(at) && !column.packed) continue;
    const description = describedBy.get(at);
    if (column.packed) {
      for (const part of ['before', 'after'] as const) {
        const own: ValueSource = { column: at, part, slug: true };
        levels.push({
          label: `${column.name} (${part} "${column.packed.separator}")`,
          prefix: prefixOf(`${column.name}_${part}`),
          kind: 'intermediary',
          own,
          key: [own],
          id: [own],
          fill: [],
          name: own,
          columns: [at],
          optional: index.emptyRows([own]) > 0,
          position: at + (part === 'after' ? 0.5 : 0),
          isName: true,
        });
      }
      continue;
    }
    if (column.type === 'text' && column.distinct > Math.max(50, MAX_NAME_SHARE * rows)) continue;
    const own: ValueSource = { column: at, ...(column.type === 'text' ? { slug: true } : {}) };
    const keyColumns = (column.keyColumns ?? []).map((name) => ({ column: byName.get(name)! }));
    const level: ChainLevel = {
      label: column.name,
      prefix: prefixOf(column.name),
      kind: 'intermediary',
      own,
      key: [...keyColumns, own],
      id: [...keyColumns, own],
      fill: [],
      columns: description === undefined ? [at] : [at, description],
      optional: index.emptyRows([own]) > 0,
      position: at,
      isName: column.type === 'text',
    };
    if (column.type === 'text') level.name = own;
    else if (description !== undefined) level.name = { column: description };
    levels.push(level);
  }
  // A code whose description was split into levels is named by them: (state, fund) is the clave.
  const split = new Set(levels.filter((level) => level.own.part !== undefined).map((level) => level.own.column));
  return levels.filter((level) => {
    const description = describedBy.get(level.own.column);
    return level.own.part !== undefined || description === undefined || !split.has(description);
  });
}

/** A column with one value on every row (`SECTOR` = Gobierno Federal) can stand for the payer when nothing else can. */
function constantRoot(columns: ColumnProfile[], excluded: ReadonlySet<number>): ChainLevel | undefined {
  const column = columns.find(
    (candidate) =>
      candidate.distinct === 1 &&
      (candidate.type === 'text' || candidate.type === 'code') &&
      !excluded.has(candidate.index - 1) &&
      !/[{}|]/.test(candidate.name) &&
      !isTime(columnKey(candidate.name)),
  );
  if (!column) return undefined;
  const own: ValueSource = { column: column.index - 1, slug: true };
  return {
    label: column.name,
    prefix:
      columnKey(column.name)
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '') || 'source',
    kind: 'source',
    own,
    key: [own],
    id: [own],
    fill: [],
    name: own,
    columns: [column.index - 1],
    optional: false,
    position: -1,
    isName: true,
  };
}

/** The id sources of the last level, and of the levels above it down to one every row has. */
function pathOf(levels: ChainLevel[]): ValueSource[] {
  let path: ValueSource[] = [];
  for (let at = levels.length - 1; at >= 0; at--) {
    path = union(levels[at]!.id, path);
    if (!levels[at]!.optional) break;
  }
  return path;
}

function union(first: ValueSource[], second: ValueSource[]): ValueSource[] {
  const same = (a: ValueSource, b: ValueSource) => a.column === b.column && a.part === b.part;
  return [...first, ...second.filter((source) => !first.some((other) => same(other, source)))];
}

function isClassification(key: string): boolean {
  const bare = key.replace(/^(?:id|cve|clave|cod|codigo)[\s_]+/, '');
  return CLASSIFICATION_CODES.has(bare) || CLASSIFICATION_WORDS.test(key.replace(/_/g, ' '));
}

function isTime(key: string): boolean {
  return key.split(/[^a-z0-9]+/).some((word) => TIME_WORDS.has(word));
}

function mostlyPlaceholder(index: ValueIndex, column: number): boolean {
  let count = 0;
  for (const row of index.rows) if (PLACEHOLDERS.has((row[column] ?? '').trim().toLowerCase())) count++;
  return count > index.rows.length / 2;
}

function kindOf(level: ChainLevel, at: number, length: number): NodeKind {
  if (level.kind === 'source') return 'source';
  if (level.own.part === undefined) {
    const words = columnKey(level.label).replace(/_/g, ' ');
    for (const [pattern, kind] of KIND_WORDS) if (pattern.test(words)) return kind;
  }
  if (at === 0) return 'agency';
  return at === length - 1 ? 'recipient' : 'intermediary';
}
