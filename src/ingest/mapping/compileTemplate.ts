import { MappingError } from '../../errors/MappingError.js';
import { normalizeTaxId } from '../../model/normalizeTaxId.js';

export interface TemplateColumn {
  name: string;
  optional: boolean;
}

/** Counts of what templates changed in ids, so that ingest can report its normalisations. */
export type NormalizationCounts = Record<string, number>;

/** A piece of a parsed template: literal text, or a placeholder (its column, and whether filters transform it). */
export type TemplatePart = string | { column: TemplateColumn; filtered: boolean };

export interface Template {
  source: string;
  columns: TemplateColumn[];
  /** The template as parsed, for engines that build the same value another way (SQL). */
  parts: TemplatePart[];
  /** Builds the value from a row; `cell` returns the raw cell of a column ('' when absent). */
  evaluate(cell: (column: string) => string, counts?: NormalizationCounts): string;
  /**
   * The column of the first placeholder that comes out empty in this row (after its filters: `or()` and `default()`
   * may fill it), or undefined when every placeholder has a value. An id with an empty part (`ur:01-`) is no id.
   */
  emptyPart(cell: (column: string) => string): string | undefined;
}

type Filter = (value: string, counts: NormalizationCounts | undefined, cell: (column: string) => string) => string;

const FILTERS: Record<string, (argument: string | undefined, key: string) => Filter> = {
  upper: () => (value) => value.toUpperCase(),
  lower: () => (value) => value.toLowerCase(),
  fold: () => (value, counts) => count(counts, 'fold', value, value.replace(/\s+/g, ' ')),
  taxid: () => (value, counts) => count(counts, 'taxid', value, normalizeTaxId(value)),
  pad: (argument, key) => {
    const width = Number(argument);
    if (!Number.isInteger(width) || width < 1 || width > 20)
      throw new MappingError(key, 'pad(N) needs a width from 1 to 20');
    // Pads the digits that end the value: U57 -> U057, 5 -> 005; a value with no trailing digits is left alone.
    return (value, counts) =>
      count(
        counts,
        'pad',
        value,
        value.replace(/\d+$/, (digits) => digits.padStart(width, '0')),
      );
  },
  before: (argument, key) => {
    if (!argument) throw new MappingError(key, 'before(SEPARATOR) needs a separator');
    return (value) => (value.includes(argument) ? value.slice(0, value.indexOf(argument)).trim() : value);
  },
  after: (argument, key) => {
    if (!argument) throw new MappingError(key, 'after(SEPARATOR) needs a separator');
    return (value) => (value.includes(argument) ? value.slice(value.indexOf(argument) + argument.length).trim() : '');
  },
  default: (argument) => (value) => (value === '' ? (argument ?? '') : value),
  // Ids that must not depend on how a name is accented or cased (Michoacán / Michoacan): ascii, lower case, dashes.
  slug: () => (value) =>
    value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
  match: (argument, key) => {
    let pattern: RegExp;
    try {
      pattern = new RegExp(argument ?? '');
    } catch (error) {
      throw new MappingError(key, `match(...) is not a regular expression: ${(error as Error).message}`);
    }
    // The first capture group, or the whole match; '' when the value does not match.
    return (value) => {
      const found = pattern.exec(value);
      return found ? (found[1] ?? found[0]) : '';
    };
  },
  map: (argument, key) => {
    // map(9999=999;N/A=) replaces whole values; anything not listed is kept.
    const pairs = new Map<string, string>();
    for (const pair of (argument ?? '').split(';')) {
      const at = pair.indexOf('=');
      if (at === -1)
        throw new MappingError(key, `map(...) takes FROM=TO pairs separated by ";", got ${JSON.stringify(pair)}`);
      pairs.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return (value, counts) => count(counts, 'map', value, pairs.has(value) ? pairs.get(value)! : value);
  },
  month: () => (value) => {
    const key = value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    return Object.hasOwn(MONTHS, key) ? MONTHS[key]! : value;
  },
  or: (argument, key) => {
    const column = (argument ?? '').trim();
    if (column === '') throw new MappingError(key, 'or(COLUMN) needs a column name');
    return (value, _counts, cell) => (value === '' ? cell(column).trim() : value);
  },
};

const MONTH_NAMES = [
  ['enero', 'january', 'jan', 'ene'],
  ['febrero', 'february', 'feb'],
  ['marzo', 'march', 'mar'],
  ['abril', 'april', 'apr', 'abr'],
  ['mayo', 'may'],
  ['junio', 'june', 'jun'],
  ['julio', 'july', 'jul'],
  ['agosto', 'august', 'aug', 'ago'],
  ['septiembre', 'setiembre', 'september', 'sep', 'sept'],
  ['octubre', 'october', 'oct'],
  ['noviembre', 'november', 'nov'],
  ['diciembre', 'december', 'dec', 'dic'],
];
const MONTHS: Record<string, string> = Object.fromEntries(
  MONTH_NAMES.flatMap((names, at) => names.map((name) => [name, String(at + 1).padStart(2, '0')])),
);

function count(counts: NormalizationCounts | undefined, rule: string, before: string, after: string): string {
  if (counts && before !== after) counts[rule] = (counts[rule] ?? 0) + 1;
  return after;
}

type Part = string | { column: TemplateColumn; filters: Filter[]; extraColumns: TemplateColumn[] };

/**
 * Parses a template such as `"ur:{Ramo}-{UNIDAD|pad(3)}"`. `{{` and `}}` write literal braces. Errors name `key`, the
 * path of the template in the mapping.
 */
export function compileTemplate(source: string, key: string): Template {
  if (typeof source !== 'string')
    throw new MappingError(key, `expected a template string, got ${JSON.stringify(source)}`);
  const parts: Part[] = [];
  let literal = '';
  for (let at = 0; at < source.length;) {
    const char = source[at]!;
    if ((char === '{' || char === '}') && source[at + 1] === char) {
      literal += char;
      at += 2;
      continue;
    }
    if (char === '}') throw new MappingError(key, `unmatched "}" in ${JSON.stringify(source)}`);
    if (char !== '{') {
      literal += char;
      at++;
      continue;
    }
    const close = closingBrace(source, at);
    if (close === -1) throw new MappingError(key, `unclosed "{" in ${JSON.stringify(source)}`);
    if (literal) parts.push(literal);
    literal = '';
    parts.push(parsePlaceholder(source.slice(at + 1, close), key));
    at = close + 1;
  }
  if (literal) parts.push(literal);
  const columns = parts.flatMap((part) => (typeof part === 'string' ? [] : [part.column, ...part.extraColumns]));

  return {
    source,
    columns,
    parts: parts.map((part) =>
      typeof part === 'string'
        ? part
        : { column: part.column, filtered: part.filters.length > 0 || part.extraColumns.length > 0 },
    ),
    evaluate(cell, counts) {
      let value = '';
      for (const part of parts) {
        if (typeof part === 'string') {
          value += part;
          continue;
        }
        const raw = cell(part.column.name);
        let piece = raw.trim();
        if (counts && piece !== raw) counts.trim = (counts.trim ?? 0) + 1;
        for (const filter of part.filters) piece = filter(piece, counts, cell);
        value += piece;
      }
      return value;
    },
    // A template of literal text only is never empty; one with columns is when every column it names is.
    emptyPart(cell) {
      for (const part of parts) {
        if (typeof part === 'string') continue;
        let piece = cell(part.column.name).trim();
        for (const filter of part.filters) piece = filter(piece, undefined, cell);
        // Blame the last column tried: with or(FALLBACK), the fallback was empty too.
        if (piece === '') return part.extraColumns.at(-1)?.name ?? part.column.name;
      }
      return undefined;
    },
  };
}

function parsePlaceholder(body: string, key: string): Part {
  const [rawName, ...rawFilters] = splitOutsideParentheses(body, '|');
  const extraColumns: TemplateColumn[] = [];
  let name = rawName!.trim();
  const optional = name.endsWith('?');
  if (optional) name = name.slice(0, -1).trim();
  if (name === '') throw new MappingError(key, `an empty column name in "{${body}}"`);
  const filters = rawFilters.map((text) => {
    const match = /^\s*([a-z]+)\s*(?:\((.*)\))?\s*$/.exec(text);
    if (!match || !Object.hasOwn(FILTERS, match[1]!)) {
      throw new MappingError(key, `unknown filter "${text.trim()}"; filters: ${Object.keys(FILTERS).join(', ')}`);
    }
    if (match[1] === 'or') {
      const other = (match[2] ?? '').trim();
      extraColumns.push({ name: other.replace(/\?$/, ''), optional: other.endsWith('?') });
      return FILTERS.or!(other.replace(/\?$/, ''), key);
    }
    return FILTERS[match[1]!]!(match[2], key);
  });
  return { column: { name, optional }, filters, extraColumns };
}

/**
 * Where the placeholder opened at `open` closes: the first `}` outside a filter's parentheses, so that a regular
 * expression such as `match(^\d{2}$)` can hold braces. -1 when it never closes.
 */
function closingBrace(source: string, open: number): number {
  let depth = 0;
  for (let at = open + 1; at < source.length; at++) {
    const char = source[at];
    if (char === '\\') at++;
    else if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === '}' && depth === 0) return at;
  }
  return -1;
}

/** Splits on a separator outside parentheses, so that `match(^(A|B))` stays one filter. */
function splitOutsideParentheses(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '\\') at++;
    else if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, at));
      start = at + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
