import { MappingError } from '../../errors/MappingError.js';
import { normalizeTaxId } from '../../model/normalizeTaxId.js';

export interface TemplateColumn {
  name: string;
  optional: boolean;
}

/** Counts of what templates changed in ids, so that ingest can report its normalisations. */
export type NormalizationCounts = Record<string, number>;

export interface Template {
  source: string;
  columns: TemplateColumn[];
  /** Builds the value from a row; `cell` returns the raw cell of a column ('' when absent). */
  evaluate(cell: (column: string) => string, counts?: NormalizationCounts): string;
  /** True when every column the template names is empty in the row (the value is then only literal text). */
  isEmpty(cell: (column: string) => string): boolean;
}

type Filter = (value: string, counts: NormalizationCounts | undefined) => string;

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
};

function count(counts: NormalizationCounts | undefined, rule: string, before: string, after: string): string {
  if (counts && before !== after) counts[rule] = (counts[rule] ?? 0) + 1;
  return after;
}

type Part = string | { column: TemplateColumn; filters: Filter[] };

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
    const close = source.indexOf('}', at);
    if (close === -1) throw new MappingError(key, `unclosed "{" in ${JSON.stringify(source)}`);
    if (literal) parts.push(literal);
    literal = '';
    parts.push(parsePlaceholder(source.slice(at + 1, close), key));
    at = close + 1;
  }
  if (literal) parts.push(literal);
  const columns = parts.flatMap((part) => (typeof part === 'string' ? [] : [part.column]));

  return {
    source,
    columns,
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
        for (const filter of part.filters) piece = filter(piece, counts);
        value += piece;
      }
      return value;
    },
    isEmpty: (cell) => columns.every((column) => cell(column.name).trim() === ''),
  };
}

function parsePlaceholder(body: string, key: string): Part {
  const [rawName, ...rawFilters] = body.split('|');
  let name = rawName!.trim();
  const optional = name.endsWith('?');
  if (optional) name = name.slice(0, -1).trim();
  if (name === '') throw new MappingError(key, `an empty column name in "{${body}}"`);
  const filters = rawFilters.map((text) => {
    const match = /^\s*([a-z]+)\s*(?:\((.*)\))?\s*$/.exec(text);
    if (!match || !Object.hasOwn(FILTERS, match[1]!)) {
      throw new MappingError(key, `unknown filter "${text.trim()}"; filters: ${Object.keys(FILTERS).join(', ')}`);
    }
    return FILTERS[match[1]!]!(match[2], key);
  });
  return { column: { name, optional }, filters };
}
