import { MappingError } from '../../errors/MappingError.js';
import { DATE_FORMATS } from '../mapping/parseDate.js';
import type { WatchlistMapping } from './WatchlistMapping.js';

const KEYS = ['kind', 'name', 'description', 'encoding', 'headerRow', 'aliases', 'entry', 'skip'];
const ENTRY_KEYS = ['taxId', 'name', 'status', 'listedOn', 'source', 'attributes'];

/**
 * Checks a watchlist mapping's shape before anything is read, so that a typo fails at once with the key it is in.
 * Returns the mapping typed; throws MappingError naming the key. Templates and conditions are checked when compiled.
 *
 * @example
 * validateWatchlistMapping({ kind: 'watchlist', entry: { taxId: '{RFC}', name: '{Nombre}', status: '{Estatus}' } }).kind
 * // 'watchlist'
 */
export function validateWatchlistMapping(input: unknown): WatchlistMapping {
  const mapping = object(input, '(root)');
  for (const key of Object.keys(mapping)) {
    if (!KEYS.includes(key)) throw new MappingError(key, `unknown key; the keys here are ${KEYS.join(', ')}`);
  }
  if (mapping.kind !== 'watchlist') throw new MappingError('kind', 'must be "watchlist"');
  for (const key of ['name', 'description', 'encoding'] as const) {
    if (mapping[key] !== undefined) string(mapping[key], key);
  }
  const entry = object(mapping.entry, 'entry');
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.includes(key)) {
      throw new MappingError(`entry.${key}`, `unknown key; the keys here are ${ENTRY_KEYS.join(', ')}`);
    }
  }
  for (const key of ['taxId', 'name', 'status'] as const) string(entry[key], `entry.${key}`);
  if (entry.source !== undefined) string(entry.source, 'entry.source');
  if (mapping.headerRow !== undefined && !(Number.isInteger(mapping.headerRow) && (mapping.headerRow as number) >= 1)) {
    throw new MappingError('headerRow', 'must be a row number from 1');
  }
  if (mapping.aliases !== undefined) {
    for (const [column, names] of Object.entries(object(mapping.aliases, 'aliases'))) {
      if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
        throw new MappingError(`aliases.${column}`, 'must be a list of column names');
      }
    }
  }
  if (entry.listedOn !== undefined) {
    const listedOn = object(entry.listedOn, 'entry.listedOn');
    for (const key of Object.keys(listedOn)) {
      if (key !== 'column' && key !== 'format') {
        throw new MappingError(`entry.listedOn.${key}`, 'unknown key; the keys here are column, format');
      }
    }
    string(listedOn.column, 'entry.listedOn.column');
    if (!DATE_FORMATS.includes(listedOn.format as never)) {
      throw new MappingError(
        'entry.listedOn.format',
        `unknown date format ${JSON.stringify(listedOn.format)}; use ${DATE_FORMATS.join(', ')}`,
      );
    }
  }
  if (entry.attributes !== undefined) {
    for (const [name, template] of Object.entries(object(entry.attributes, 'entry.attributes'))) {
      string(template, `entry.attributes.${name}`);
    }
  }
  if (mapping.skip !== undefined) {
    if (!Array.isArray(mapping.skip)) throw new MappingError('skip', 'must be a list of rules');
    mapping.skip.forEach((raw, at) => {
      const rule = object(raw, `skip[${at}]`);
      for (const key of Object.keys(rule)) {
        if (key !== 'name' && key !== 'where') {
          throw new MappingError(`skip[${at}].${key}`, 'unknown key; the keys here are name, where');
        }
      }
      string(rule.name, `skip[${at}].name`);
      object(rule.where, `skip[${at}].where`);
    });
  }
  return mapping as unknown as WatchlistMapping;
}

function object(value: unknown, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MappingError(key, 'must be an object');
  }
  return value as Record<string, unknown>;
}

function string(value: unknown, key: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new MappingError(key, 'is required and must be a non-empty string');
  }
  return value;
}
