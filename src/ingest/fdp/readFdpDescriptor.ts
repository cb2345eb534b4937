import { MappingError } from '../../errors/MappingError.js';
import { columnKey } from '../mapping/columnKey.js';

/** A column of a resource, as its Table Schema describes it. */
export interface FdpField {
  name: string;
  type?: string;
  format?: string;
  /** The key of the field in the descriptor, for errors: `resources[0].schema.fields[3]`. */
  key: string;
}

export interface FdpResource {
  name: string;
  path?: string;
  encoding?: string;
  delimiter?: string;
  /** Absent when the resource has no schema: its columns are then only known from the file's header. */
  fields?: FdpField[];
  key: string;
}

export const FDP_PHASES = ['proposed', 'approved', 'adjusted', 'executed'] as const;
export type FdpPhase = (typeof FDP_PHASES)[number];

export interface FdpMeasure {
  name: string;
  source: string;
  currency: string;
  factor: number;
  /** The resource the measure names; absent when it names none. */
  resource?: string;
  direction?: 'expenditure' | 'revenue';
  phase?: FdpPhase;
  key: string;
}

export interface FdpAttribute {
  name: string;
  /** The column the values come from, or */
  source?: string;
  /** one value for every row. */
  constant?: string;
  labelfor?: string;
  parent?: string;
  resource?: string;
  key: string;
}

export interface FdpDimension {
  name: string;
  dimensionType?: string;
  classificationType?: string;
  attributes: FdpAttribute[];
  primaryKey: string[];
  key: string;
}

/** A Fiscal Data Package descriptor, checked and put in a shape the mapping builder can rely on. */
export interface FdpPackage {
  name?: string;
  title?: string;
  granularity?: string;
  resources: FdpResource[];
  measures: FdpMeasure[];
  dimensions: FdpDimension[];
  /** `model` (spec 0.3.0), or `mapping`, its name in the 0.3.0 drafts that many published packages still use. */
  modelKey: 'model' | 'mapping';
}

/**
 * Checks a `datapackage.json` descriptor against the parts of the Fiscal Data Package spec (0.3) that cauce reads:
 * resources with names, a model with measures (source, ISO 4217 currency, factor, phase, direction) and dimensions
 * (attributes with a source or a constant, `labelfor`, `parent`, `primaryKey`). Every source column must be a field
 * of its resource's schema, when the resource has one. Throws MappingError naming the key at fault.
 */
export function readFdpDescriptor(descriptor: unknown): FdpPackage {
  const root = object(descriptor, '(root)');
  if (!Array.isArray(root.resources) || root.resources.length === 0) {
    throw new MappingError('resources', 'is required: the list of the package’s data files');
  }
  const resources = root.resources.map((raw, at) => readResource(raw, `resources[${at}]`));
  const names = new Set<string>();
  for (const resource of resources) {
    if (names.has(resource.name)) throw new MappingError(`${resource.key}.name`, `repeats ${resource.name}`);
    names.add(resource.name);
  }

  const modelKey = root.model !== undefined ? 'model' : root.mapping !== undefined ? 'mapping' : undefined;
  if (modelKey === undefined) {
    throw new MappingError('model', 'is required: the measures (amount columns) and dimensions of the data');
  }
  const model = object(root[modelKey], modelKey);
  const measures = entries(model.measures, `${modelKey}.measures`).map(([name, raw]) =>
    readMeasure(name, raw, `${modelKey}.measures.${name}`, resources),
  );
  const dimensions = entries(model.dimensions, `${modelKey}.dimensions`).map(([name, raw]) =>
    readDimension(name, raw, `${modelKey}.dimensions.${name}`, resources),
  );

  const pkg: FdpPackage = { resources, measures, dimensions, modelKey };
  for (const key of ['name', 'title', 'granularity'] as const) {
    if (typeof root[key] === 'string' && root[key] !== '') pkg[key] = root[key];
  }
  return pkg;
}

/** The field of a resource's schema that a column name matches (the way mappings match columns), if any. */
export function findField(resource: FdpResource, column: string): FdpField | undefined {
  const key = columnKey(column);
  return resource.fields?.find((field) => columnKey(field.name) === key);
}

function readResource(raw: unknown, key: string): FdpResource {
  const resource = object(raw, key);
  const name = string(resource.name, `${key}.name`);
  const result: FdpResource = { name, key };
  if (typeof resource.path === 'string' && resource.path !== '') result.path = resource.path;
  if (resource.encoding !== undefined) result.encoding = string(resource.encoding, `${key}.encoding`);
  if (resource.dialect !== undefined) {
    const dialect = object(resource.dialect, `${key}.dialect`);
    if (dialect.delimiter !== undefined) result.delimiter = string(dialect.delimiter, `${key}.dialect.delimiter`);
  }
  if (resource.schema !== undefined) {
    const schema = object(resource.schema, `${key}.schema`);
    if (!Array.isArray(schema.fields)) throw new MappingError(`${key}.schema.fields`, 'must be a list of fields');
    result.fields = schema.fields.map((rawField, at) => {
      const fieldKey = `${key}.schema.fields[${at}]`;
      const field = object(rawField, fieldKey);
      const read: FdpField = { name: string(field.name, `${fieldKey}.name`), key: fieldKey };
      if (typeof field.type === 'string') read.type = field.type;
      if (typeof field.format === 'string') read.format = field.format;
      return read;
    });
  }
  return result;
}

function readMeasure(name: string, raw: unknown, key: string, resources: FdpResource[]): FdpMeasure {
  const measure = object(raw, key);
  const source = string(measure.source, `${key}.source`);
  if (measure.currency === undefined) {
    throw new MappingError(`${key}.currency`, 'is required: the ISO 4217 code of the amounts, e.g. EUR');
  }
  const currency = string(measure.currency, `${key}.currency`).trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new MappingError(`${key}.currency`, `${JSON.stringify(measure.currency)} is not an ISO 4217 code`);
  }
  const factor = measure.factor ?? 1;
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor <= 0) {
    throw new MappingError(`${key}.factor`, 'must be a positive number');
  }
  const result: FdpMeasure = { name, source, currency, factor, key };
  if (measure.resource !== undefined) result.resource = resourceName(measure.resource, `${key}.resource`, resources);
  if (measure.direction !== undefined) {
    if (measure.direction !== 'expenditure' && measure.direction !== 'revenue') {
      throw new MappingError(`${key}.direction`, 'must be expenditure or revenue');
    }
    result.direction = measure.direction;
  }
  if (measure.phase !== undefined) {
    if (!FDP_PHASES.includes(measure.phase as FdpPhase)) {
      throw new MappingError(`${key}.phase`, `must be one of ${FDP_PHASES.join(', ')}`);
    }
    result.phase = measure.phase as FdpPhase;
  }
  // The column must exist where the measure is read: in its own resource, or, when it names none, in some resource.
  const candidates = result.resource ? resources.filter((resource) => resource.name === result.resource) : resources;
  if (candidates.every((resource) => resource.fields !== undefined && !findField(resource, source))) {
    const where = result.resource ? `resource ${result.resource}` : 'any resource';
    throw new MappingError(`${key}.source`, `column ${JSON.stringify(source)} is not a field of ${where}`, source);
  }
  return result;
}

function readDimension(name: string, raw: unknown, key: string, resources: FdpResource[]): FdpDimension {
  const dimension = object(raw, key);
  const attributes = entries(dimension.attributes, `${key}.attributes`).map(([attributeName, rawAttribute]) => {
    const attributeKey = `${key}.attributes.${attributeName}`;
    const attribute = object(rawAttribute, attributeKey);
    const read: FdpAttribute = { name: attributeName, key: attributeKey };
    if ((attribute.source === undefined) === (attribute.constant === undefined)) {
      throw new MappingError(`${attributeKey}.source`, 'needs exactly one of source (a column) or constant (a value)');
    }
    if (attribute.source !== undefined) read.source = string(attribute.source, `${attributeKey}.source`);
    else if (typeof attribute.constant === 'string' || typeof attribute.constant === 'number') {
      read.constant = String(attribute.constant);
    } else {
      throw new MappingError(`${attributeKey}.constant`, 'must be a string or a number');
    }
    for (const link of ['labelfor', 'parent'] as const) {
      if (attribute[link] !== undefined) read[link] = string(attribute[link], `${attributeKey}.${link}`);
    }
    if (attribute.resource !== undefined) {
      read.resource = resourceName(attribute.resource, `${attributeKey}.resource`, resources);
    }
    return read;
  });
  const known = new Set(attributes.map((attribute) => attribute.name));
  for (const attribute of attributes) {
    for (const link of ['labelfor', 'parent'] as const) {
      const target = attribute[link];
      if (target !== undefined && (!known.has(target) || target === attribute.name)) {
        throw new MappingError(`${attribute.key}.${link}`, `names ${JSON.stringify(target)}, not another attribute`);
      }
    }
    if (attribute.source !== undefined) {
      const candidates = attribute.resource
        ? resources.filter((resource) => resource.name === attribute.resource)
        : resources;
      if (candidates.every((resource) => resource.fields !== undefined && !findField(resource, attribute.source!))) {
        throw new MappingError(
          `${attribute.key}.source`,
          `column ${JSON.stringify(attribute.source)} is not a field of ${attribute.resource ?? 'any resource'}`,
          attribute.source,
        );
      }
    }
  }
  let primaryKey: string[] = [];
  if (dimension.primaryKey !== undefined) {
    primaryKey = Array.isArray(dimension.primaryKey) ? dimension.primaryKey : [dimension.primaryKey];
    primaryKey.forEach((attribute, at) => {
      if (typeof attribute !== 'string' || !known.has(attribute)) {
        throw new MappingError(`${key}.primaryKey`, `item ${at} names no attribute of the dimension`);
      }
    });
  }
  const result: FdpDimension = { name, attributes, primaryKey, key };
  for (const type of ['dimensionType', 'classificationType'] as const) {
    if (dimension[type] !== undefined) result[type] = string(dimension[type], `${key}.${type}`);
  }
  return result;
}

function resourceName(value: unknown, key: string, resources: FdpResource[]): string {
  const name = string(value, key);
  if (!resources.some((resource) => resource.name === name)) {
    throw new MappingError(key, `names ${JSON.stringify(name)}, which is not a resource of the package`);
  }
  return name;
}

function entries(value: unknown, key: string): Array<[string, unknown]> {
  const found = Object.entries(object(value, key));
  if (found.length === 0) throw new MappingError(key, 'must name at least one');
  return found;
}

function object(value: unknown, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MappingError(key, 'must be an object');
  }
  return value as Record<string, unknown>;
}

function string(value: unknown, key: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MappingError(key, 'is required and must be a non-empty string');
  }
  return value;
}
