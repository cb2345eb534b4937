import { MappingError } from '../../errors/MappingError.js';
import { isNodeKind, NODE_KINDS } from '../../model/kinds.js';
import { isStage, STAGES } from '../../model/stages.js';
import type { Mapping } from './Mapping.js';
import { DATE_FORMATS } from './parseDate.js';

const TOP_KEYS = [
  'name',
  'description',
  'encoding',
  'delimiter',
  'headerRow',
  'number',
  'currency',
  'aliases',
  'chain',
  'amounts',
  'period',
  'date',
  'reference',
  'totals',
  'skip',
  'aggregate',
];
const LEVEL_KEYS = ['id', 'kind', 'name', 'taxId', 'attributes', 'optional'];
const AMOUNT_KEYS = ['column', 'stage', 'stageFrom', 'stages', 'whenEmpty', 'optional'];

/**
 * Checks a mapping's shape and values before anything is read, so that a typo fails at once with the key it is in.
 * Returns the mapping typed; throws MappingError naming the key.
 */
export function validateMapping(input: unknown): Mapping {
  const mapping = object(input, '(root)');
  onlyKeys(mapping, TOP_KEYS, '');
  for (const key of ['name', 'description', 'encoding', 'currency', 'period', 'reference'] as const) {
    if (mapping[key] !== undefined) string(mapping[key], key);
  }
  if (mapping.delimiter !== undefined && ![',', ';', '\t', '|'].includes(mapping.delimiter as string)) {
    throw new MappingError('delimiter', 'use ",", ";", "\\t" or "|"');
  }
  if (mapping.headerRow !== undefined && !(Number.isInteger(mapping.headerRow) && (mapping.headerRow as number) >= 1)) {
    throw new MappingError('headerRow', 'must be a row number from 1');
  }
  if (mapping.number !== undefined) {
    const number = object(mapping.number, 'number');
    onlyKeys(number, ['decimal', 'unit', 'exponent'], 'number.');
    if (number.exponent !== undefined && typeof number.exponent !== 'boolean') {
      throw new MappingError('number.exponent', 'must be true or false');
    }
    if (number.decimal !== undefined && number.decimal !== '.' && number.decimal !== ',') {
      throw new MappingError('number.decimal', 'must be "." or ","');
    }
    if (number.unit !== undefined && !['units', 'thousands', 'millions'].includes(number.unit as string)) {
      throw new MappingError('number.unit', 'must be units, thousands or millions');
    }
  }
  if (mapping.aliases !== undefined) {
    for (const [column, names] of Object.entries(object(mapping.aliases, 'aliases'))) {
      if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) {
        throw new MappingError(`aliases.${column}`, 'must be a list of column names');
      }
    }
  }
  const chain = mapping.chain;
  if (!Array.isArray(chain) || chain.length < 2) {
    throw new MappingError('chain', 'is required: a list of at least two node levels, from payer to recipient');
  }
  chain.forEach((raw, at) => {
    const key = `chain[${at}]`;
    const level = object(raw, key);
    onlyKeys(level, LEVEL_KEYS, `${key}.`);
    string(level.id, `${key}.id`);
    if (!isNodeKind(level.kind)) {
      throw new MappingError(`${key}.kind`, `unknown kind ${JSON.stringify(level.kind)}; use ${NODE_KINDS.join(', ')}`);
    }
    if (level.optional !== undefined && typeof level.optional !== 'boolean') {
      throw new MappingError(`${key}.optional`, 'must be true or false');
    }
    if (level.attributes !== undefined) object(level.attributes, `${key}.attributes`);
  });
  const amounts = mapping.amounts;
  if (!Array.isArray(amounts) || amounts.length === 0) {
    throw new MappingError('amounts', 'is required: a list of amount columns, each with a stage');
  }
  amounts.forEach((raw, at) => {
    const key = `amounts[${at}]`;
    const amount = object(raw, key);
    onlyKeys(amount, AMOUNT_KEYS, `${key}.`);
    string(amount.column, `${key}.column`);
    if (amount.stageFrom !== undefined) string(amount.stageFrom, `${key}.stageFrom`);
    if ((amount.stage === undefined) === (amount.stageFrom === undefined)) {
      throw new MappingError(key, 'needs exactly one of stage (a fixed stage) or stageFrom (a column naming it)');
    }
    if (amount.stage !== undefined && !isStage(amount.stage)) {
      throw new MappingError(`${key}.stage`, `unknown stage ${JSON.stringify(amount.stage)}; use ${STAGES.join(', ')}`);
    }
    if (amount.stages !== undefined) {
      if (amount.stageFrom === undefined) throw new MappingError(`${key}.stages`, 'goes with stageFrom');
      for (const [value, stage] of Object.entries(object(amount.stages, `${key}.stages`))) {
        if (!isStage(stage)) {
          throw new MappingError(
            `${key}.stages.${value}`,
            `unknown stage ${JSON.stringify(stage)}; use ${STAGES.join(', ')}`,
          );
        }
      }
    }
    if (amount.optional !== undefined && typeof amount.optional !== 'boolean') {
      throw new MappingError(`${key}.optional`, 'must be true or false');
    }
    if (amount.whenEmpty !== undefined && !['reject', 'skip', 'zero'].includes(amount.whenEmpty as string)) {
      throw new MappingError(`${key}.whenEmpty`, 'must be reject, skip or zero');
    }
  });
  if (mapping.date !== undefined) {
    const date = object(mapping.date, 'date');
    onlyKeys(date, ['column', 'format'], 'date.');
    string(date.column, 'date.column');
    validateDateFormat(date.format, 'date.format');
  }
  for (const list of ['totals', 'skip'] as const) {
    if (mapping[list] === undefined) continue;
    if (!Array.isArray(mapping[list])) throw new MappingError(list, 'must be a list of rules');
    (mapping[list] as unknown[]).forEach((raw, at) => {
      const key = `${list}[${at}]`;
      const rule = object(raw, key);
      onlyKeys(rule, list === 'totals' ? ['name', 'where', 'node'] : ['name', 'where'], `${key}.`);
      string(rule.name, `${key}.name`);
      object(rule.where, `${key}.where`);
      if (list === 'totals') string(rule.node, `${key}.node`);
    });
  }
  if (mapping.aggregate !== undefined && ![true, false, 'payments', 'flows'].includes(mapping.aggregate as never)) {
    throw new MappingError('aggregate', 'must be true, false, "payments" or "flows"');
  }
  return mapping as unknown as Mapping;
}

function object(value: unknown, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MappingError(key, 'must be an object');
  return value as Record<string, unknown>;
}

function string(value: unknown, key: string): string {
  if (typeof value !== 'string' || value === '')
    throw new MappingError(key, 'is required and must be a non-empty string');
  return value;
}

function onlyKeys(value: Record<string, unknown>, allowed: string[], prefix: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new MappingError(`${prefix}${key}`, `unknown key; the keys here are ${allowed.join(', ')}`);
    }
  }
}

/** A date format, or a list of them tried in order; shared with watchlist mappings. */
export function validateDateFormat(format: unknown, key: string): void {
  const formats = Array.isArray(format) ? format : [format];
  if (formats.length === 0) throw new MappingError(key, 'names no date format');
  for (const one of formats) {
    if (!DATE_FORMATS.includes(one as never)) {
      throw new MappingError(key, `unknown date format ${JSON.stringify(one)}; use ${DATE_FORMATS.join(', ')}`);
    }
  }
}
