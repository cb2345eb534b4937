import type { Condition, Matcher, SkipRule, TotalRule } from '../mapping/Mapping.js';
import { isTotalLabel } from './isTotalLabel.js';
import { levelTemplate } from './levelTemplate.js';
import type { ChainLevel } from './planChain.js';
import type { ValueIndex } from './ValueIndex.js';

/** A row that looks like a total: its fields, and the columns whose cells say so. */
export interface TotalRow {
  fields: string[];
  columns: number[];
}

// More distinct total labels than this in one column are matched by a pattern rather than listed.
const MAX_LISTED = 20;
const TOTAL_PATTERN = '^(?:total|nacional|suma|subtotal|gran total)\\b';

/**
 * Turns the rows that look like totals into mapping rules. A total in a level of the chain (`PROGRAMA` = TOTAL, the
 * state `Total` in `Total: FAIS`) declares the total of the nearest level above it that the row fills: a `totals`
 * rule names that node, with `{ empty: true }` conditions on the levels in between, most specific first so that the
 * first rule that matches is the right one. A total in the root level, or in a column outside the chain, has no node
 * to name: a `skip` rule leaves it out, counted under its name. A row that names something below the level of its
 * total word is detail (`SUMA` is also a municipality of Yucatán), returned in `detail` and given no rule.
 *
 * @example
 * planTotals(levels, rows, names, index).totals[0] // { name: 'total-of-ente', where: { PROGRAMA: 'TOTAL', ... }, ... }
 */
export function planTotals(
  levels: ChainLevel[],
  rows: TotalRow[],
  names: string[],
  index: ValueIndex,
): { totals: TotalRule[]; skip: SkipRule[]; detail: TotalRow[] } {
  const totalGroups = new Map<
    string,
    { level: number; column: number; part?: 'before' | 'after'; above: number; values: Set<string> }
  >();
  const skipGroups = new Map<string, { column: number; part?: 'before' | 'after'; values: Set<string> }>();
  const detail: TotalRow[] = [];
  for (const { fields, columns } of rows) {
    let hit: { level: number; column: number; part?: 'before' | 'after'; value: string } | undefined;
    for (const column of columns) {
      levels.forEach((level, at) => {
        if (!level.columns.includes(column) || (hit && hit.level <= at)) return;
        const value = level.own.part === undefined ? (fields[column] ?? '').trim() : index.text(fields, level.own);
        if (level.own.part !== undefined && !isTotalLabel(value)) return;
        hit = { level: at, column, value, ...(level.own.part ? { part: level.own.part } : {}) };
      });
    }
    // A total names nothing below its own level; a row that does is detail about a place called Suma (Yucatán).
    const level = hit?.level;
    const named = (below: ChainLevel) => below.own.column !== hit!.column && index.text(fields, below.own) !== '';
    if (level !== undefined && levels.slice(level + 1).some(named)) {
      detail.push({ fields, columns });
      continue;
    }
    let above = -1;
    if (hit) {
      for (let at = hit.level - 1; at >= 0; at--) {
        if (index.text(fields, levels[at]!.own) !== '') {
          above = at;
          break;
        }
      }
    }
    if (!hit || above === -1) {
      const column = hit?.column ?? columns[0]!;
      const key = `${column}|${hit?.part ?? ''}`;
      const group = skipGroups.get(key) ?? { column, values: new Set<string>() };
      if (hit?.part) group.part = hit.part;
      group.values.add(hit?.value ?? (fields[column] ?? '').trim());
      skipGroups.set(key, group);
      continue;
    }
    const key = `${hit.level}|${hit.column}|${hit.part ?? ''}|${above}`;
    const group = totalGroups.get(key) ?? { level: hit.level, column: hit.column, above, values: new Set<string>() };
    if (hit.part) group.part = hit.part;
    group.values.add(hit.value);
    totalGroups.set(key, group);
  }

  const used = new Set<string>();
  const unique = (name: string) => {
    let unique = name;
    for (let copy = 2; used.has(unique); copy++) unique = `${name}-${copy}`;
    used.add(unique);
    return unique;
  };
  const totals = [...totalGroups.values()]
    .map((group) => {
      const where: Condition = { [names[group.column]!.trim()]: matcher([...group.values], group.part) };
      for (let at = group.above + 1; at < group.level; at++) {
        const own = levels[at]!.own;
        // Only a whole column can be tested for emptiness; a part of a packed column is empty with its column.
        if (own.part === undefined) where[names[own.column]!.trim()] = { empty: true };
      }
      return { where, level: levels[group.above]! };
    })
    .sort((a, b) => Object.keys(b.where).length - Object.keys(a.where).length)
    .map(({ where, level }) => ({
      name: unique(`total-of-${level.prefix}`),
      where,
      node: levelTemplate(level, names),
    }));
  const skip = [...skipGroups.values()].map((group) => ({
    name: unique('total-rows'),
    where: { [names[group.column]!.trim()]: matcher([...group.values], group.part) },
  }));
  return { totals, skip, detail };
}

function matcher(values: string[], part?: 'before' | 'after'): Matcher {
  if (part !== undefined) {
    const alternatives = values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    return { matches: part === 'before' ? `^(?:${alternatives})\\s*:` : `:\\s*(?:${alternatives})$` };
  }
  if (values.length > MAX_LISTED) return { matches: TOTAL_PATTERN, flags: 'i' };
  return values.length === 1 ? values[0]! : { in: values.sort() };
}
