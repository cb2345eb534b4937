import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { MappingError } from '../../errors/MappingError.js';
import type { AmountUnit } from '../../money/unit.js';
import type { NodeKind } from '../../model/kinds.js';
import type { Stage } from '../../model/stages.js';
import { toEncoding } from '../decode/encodings.js';
import type { AmountColumn, DateFormat, Mapping, NodeLevel, SkipRule } from '../mapping/Mapping.js';
import { validateMapping } from '../mapping/validateMapping.js';
import { CHAIN_ROLES, type ChainRole, dimensionUse } from './dimensionUse.js';
import type { FdpMappingOptions } from './mappingFromFdp.js';
import {
  type FdpAttribute,
  type FdpDimension,
  type FdpMeasure,
  type FdpPackage,
  type FdpPhase,
  type FdpResource,
  findField,
} from './readFdpDescriptor.js';

/** FDP's budget phases as cauce stages; `proposed` has none (a proposal is not yet money anyone may spend). */
export const PHASE_STAGES: Readonly<Record<Exclude<FdpPhase, 'proposed'>, Stage>> = {
  approved: 'approved',
  adjusted: 'modified',
  executed: 'exercised',
};

const UNITS: ReadonlyMap<number, AmountUnit> = new Map([
  [1, 'units'],
  [1000, 'thousands'],
  [1_000_000, 'millions'],
]);

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The measures that a resource carries: those that name it, and those that name no resource and fit its schema. */
export function measuresOf(pkg: FdpPackage, resource: FdpResource): FdpMeasure[] {
  return pkg.measures.filter((measure) =>
    measure.resource !== undefined
      ? measure.resource === resource.name
      : resource.fields === undefined || findField(resource, measure.source) !== undefined,
  );
}

/** Builds the mapping that reads one resource of a checked package (see `mappingFromFdp` for the rules). */
export function fdpMapping(pkg: FdpPackage, resource: FdpResource, options: FdpMappingOptions): Mapping {
  const proposed = options.proposed ?? 'error';
  if (proposed !== 'error' && proposed !== 'skip') {
    throw new InvalidArgumentError('options.proposed', 'must be "error" or "skip"');
  }
  const notes: string[] = [];
  const skip: SkipRule[] = [];
  const attributeTemplate = (attribute: FdpAttribute) => template(attribute, resource);

  // Time, phase, direction and reference dimensions describe the row; the others may be places in the chain.
  const byRole = new Map<ChainRole, FdpDimension[]>();
  const times: FdpDimension[] = [];
  const references: FdpDimension[] = [];
  const entities: FdpDimension[] = [];
  let phaseDimension: FdpDimension | undefined;
  for (const dimension of pkg.dimensions) {
    const use = dimensionUse(dimension);
    if (use.use === 'time') times.push(dimension);
    else if (use.use === 'reference') references.push(dimension);
    else if (use.use === 'entity') entities.push(dimension);
    else if (use.use === 'phase') phaseDimension = dimension;
    else if (use.use === 'direction') {
      const attribute = valueAttribute(dimension);
      if (attribute.constant !== undefined) {
        if (attribute.constant.trim().toLowerCase() === 'revenue') throw revenueError(`${attribute.key}.constant`);
      } else {
        // Revenue rows are money coming in: cauce follows spending, so they are counted out under a named rule.
        skip.push({ name: 'revenue', where: { [attribute.source!]: { matches: '^revenue$', flags: 'i' } } });
        attributeTemplate(attribute);
      }
    } else if (use.use === 'other') notes.push(`dimension ${dimension.name} (${use.why})`);
    else byRole.set(use.use, [...(byRole.get(use.use) ?? []), dimension]);
  }
  // An entity whose role the package does not name spends the money when no dimension is named as the payer; with
  // several such entities there is no telling which, so none is placed.
  if (entities.length === 1 && !byRole.has('payer')) byRole.set('payer', entities);
  else for (const dimension of entities) notes.push(`dimension ${dimension.name} (an entity of unnamed role)`);

  // Measures: one currency, one factor, a stage each.
  const measures = measuresOf(pkg, resource);
  if (measures.length === 0) {
    throw new MappingError(`${pkg.modelKey}.measures`, `no measure is a column of resource ${resource.name}`);
  }
  const first = measures[0]!;
  let phaseColumn: string | undefined;
  let fixedPhase: FdpPhase | undefined;
  if (phaseDimension) {
    const attribute = valueAttribute(phaseDimension);
    if (attribute.constant !== undefined) fixedPhase = phaseOf(attribute.constant, `${attribute.key}.constant`);
    else {
      attributeTemplate(attribute);
      phaseColumn = attribute.source!;
    }
  }
  const amounts: AmountColumn[] = [];
  for (const measure of measures) {
    if (measure.currency !== first.currency) {
      throw new MappingError(
        `${measure.key}.currency`,
        `is ${measure.currency} but ${first.key} is ${first.currency}; cauce reads one currency per resource`,
      );
    }
    if (measure.factor !== first.factor) {
      throw new MappingError(`${measure.key}.factor`, `differs from ${first.key}.factor; use one factor per resource`);
    }
    if (measure.direction === 'revenue') throw revenueError(`${measure.key}.direction`);
    const phase = measure.phase ?? fixedPhase;
    if (phase === 'proposed') {
      if (proposed === 'skip') {
        notes.push(`measure ${measure.name} (phase proposed)`);
        continue;
      }
      throw new MappingError(
        `${measure.key}.phase`,
        'cauce has no stage for a proposed budget; pass { proposed: "skip" } to leave this measure unread',
      );
    }
    if (phase !== undefined) {
      amounts.push({ column: measure.source, stage: PHASE_STAGES[phase] });
    } else if (phaseColumn !== undefined) {
      amounts.push({ column: measure.source, stageFrom: phaseColumn, stages: phaseStages() });
    } else {
      const stage = options.stage ?? (transactional(pkg) ? 'exercised' : undefined);
      if (stage === undefined) {
        throw new MappingError(
          `${measure.key}.phase`,
          'is missing and the package is not transactional, so the stage is unknown; pass { stage } to give it',
        );
      }
      amounts.push({ column: measure.source, stage });
    }
  }
  if (amounts.length === 0) {
    throw new MappingError(`${pkg.modelKey}.measures`, `every measure of resource ${resource.name} was left unread`);
  }
  if (phaseColumn !== undefined && amounts.some((amount) => amount.stageFrom !== undefined)) {
    if (proposed === 'skip') {
      skip.push({ name: 'proposed', where: { [phaseColumn]: { matches: '^proposed$', flags: 'i' } } });
    }
  }
  const unit = UNITS.get(first.factor);
  if (unit === undefined) {
    throw new MappingError(`${first.key}.factor`, 'cauce scales amounts by 1, 1000 or 1000000 only');
  }

  // The chain: each role in order, each dimension's levels from its top code down.
  const chain: NodeLevel[] = [];
  for (const role of CHAIN_ROLES) {
    for (const dimension of byRole.get(role) ?? []) {
      const levels = dimensionLevels(dimension, attributeTemplate);
      levels.forEach((level, depth) => {
        chain.push({ ...level, kind: kindOf(role, depth, chain.length > 0) });
      });
    }
  }
  if (chain.length === 0) {
    throw new MappingError(
      `${pkg.modelKey}.dimensions`,
      'no dimension is a payer, payee, classification, activity or location, so the money has no path',
    );
  }
  if (chain.length === 1) {
    // One classification alone is a budget split one way: the money comes from the package's own budget.
    const root = pkg.name ?? resource.name;
    chain.unshift({ id: literal(`package:${root}`), kind: 'source', name: literal(pkg.title ?? root) });
  }

  const mapping: Mapping = {
    name: `fdp:${pkg.name ? `${pkg.name}/` : ''}${resource.name}`,
    currency: first.currency,
    chain,
    amounts,
  };
  if (unit !== 'units') mapping.number = { unit };
  if (resource.encoding !== undefined) {
    try {
      mapping.encoding = toEncoding(resource.encoding);
    } catch {
      throw new MappingError(`${resource.key}.encoding`, `cauce does not read ${JSON.stringify(resource.encoding)}`);
    }
  }
  if (resource.delimiter !== undefined) {
    const delimiter = DELIMITERS.find((candidate) => candidate === resource.delimiter);
    if (!delimiter) throw new MappingError(`${resource.key}.dialect.delimiter`, 'use ",", ";", "\\t" or "|"');
    mapping.delimiter = delimiter;
  }

  const time = readTime(times, resource, attributeTemplate, notes);
  if (time.period !== undefined) mapping.period = time.period;
  if (time.date !== undefined) mapping.date = time.date;
  const [reference, ...otherReferences] = references;
  if (reference) mapping.reference = attributeTemplate(valueAttribute(reference));
  for (const dimension of otherReferences) notes.push(`dimension ${dimension.name} (a second reference)`);
  if (skip.length > 0) mapping.skip = skip;

  mapping.description =
    `Fiscal Data Package ${pkg.name ? `${pkg.name}, ` : ''}resource ${resource.name}` +
    (notes.length > 0 ? `. Not read: ${notes.join('; ')}` : '');
  return validateMapping(mapping);
}

/**
 * A dimension's levels, top first. Attributes that others name as `parent` make a hierarchy (a centre, then its
 * section), each level's id carrying the codes above it because a child's code may repeat under another parent;
 * otherwise the dimension is one level, identified by its primary key. A level's name is the attribute that is its
 * `labelfor` (or, when no attribute says `labelfor`, one called name, title or label); a level with no label is named
 * by its code. Other attributes become attributes of the last level's node.
 */
function dimensionLevels(
  dimension: FdpDimension,
  attributeTemplate: (attribute: FdpAttribute) => string,
): Array<Omit<NodeLevel, 'kind'>> {
  const { attributes } = dimension;
  const byName = new Map(attributes.map((attribute) => [attribute.name, attribute]));
  const anyLabelfor = attributes.some((attribute) => attribute.labelfor !== undefined);
  const isNameLike = (attribute: FdpAttribute) =>
    !anyLabelfor &&
    attributes.length > 1 &&
    !dimension.primaryKey.includes(attribute.name) &&
    /(^|[-_ ])(name|title|label)$/i.test(attribute.name);
  const nameLike = attributes.find(isNameLike);
  const codes = attributes.filter((attribute) => attribute.labelfor === undefined && attribute !== nameLike);
  if (codes.length === 0) {
    throw new MappingError(`${dimension.key}.attributes`, 'has only labels: no attribute gives a code or a value');
  }

  // The hierarchy, if any: from the attribute that has children but no parent, down one child at a time.
  const inHierarchy = codes.filter(
    (attribute) => attribute.parent !== undefined || codes.some((other) => other.parent === attribute.name),
  );
  let path: FdpAttribute[];
  if (inHierarchy.length > 0) {
    const tops = inHierarchy.filter((attribute) => attribute.parent === undefined);
    if (tops.length !== 1) {
      throw new MappingError(`${dimension.key}.attributes`, 'the parent links must form one line from a single top');
    }
    path = [tops[0]!];
    for (;;) {
      const children = inHierarchy.filter((attribute) => attribute.parent === path[path.length - 1]!.name);
      if (children.length > 1) {
        throw new MappingError(`${children[1]!.key}.parent`, `a second attribute under ${children[1]!.parent}`);
      }
      if (children.length === 0) break;
      path.push(children[0]!);
    }
    if (path.length !== inHierarchy.length) {
      throw new MappingError(`${dimension.key}.attributes`, 'the parent links must form one line from a single top');
    }
  } else {
    const keyed = dimension.primaryKey
      .map((name) => byName.get(name)!)
      .filter((attribute) => codes.includes(attribute));
    path = [keyed.length > 0 ? keyed : codes.length === 1 ? codes : [codes[0]!]].flat();
  }

  const prefix = literal(`${dimension.name}:`);
  const levels: Array<Omit<NodeLevel, 'kind'>> = [];
  if (inHierarchy.length > 0) {
    path.forEach((attribute, depth) => {
      const label =
        attributes.find((other) => other.labelfor === attribute.name) ??
        (depth === path.length - 1 ? nameLike : undefined);
      const id =
        prefix +
        path
          .slice(0, depth + 1)
          .map(attributeTemplate)
          .join('/');
      levels.push({ id, name: label ? attributeTemplate(label) : attributeTemplate(attribute) });
    });
  } else {
    // One level; a composite key joins its codes.
    const id = prefix + path.map(attributeTemplate).join('/');
    const label =
      attributes.find((other) => other.labelfor !== undefined && path.some((code) => code.name === other.labelfor)) ??
      nameLike;
    levels.push({ id, name: label ? attributeTemplate(label) : path.map(attributeTemplate).join(' ') });
  }
  const used = new Set([
    ...path.map((attribute) => attribute.name),
    ...attributes
      .filter(
        (attribute) =>
          attribute === nameLike ||
          (attribute.labelfor !== undefined && path.some((code) => code.name === attribute.labelfor)),
      )
      .map((attribute) => attribute.name),
  ]);
  const extra = attributes.filter((attribute) => !used.has(attribute.name));
  if (extra.length > 0) {
    levels[levels.length - 1]!.attributes = Object.fromEntries(
      extra.map((attribute) => [attribute.name, attributeTemplate(attribute)]),
    );
  }
  return levels;
}

function kindOf(role: ChainRole, depth: number, afterOthers: boolean): NodeKind {
  switch (role) {
    case 'payer':
      return 'agency';
    case 'administrative':
      return depth === 0 && !afterOthers ? 'agency' : 'unit';
    case 'functional':
    case 'activity':
      return 'programme';
    case 'economic':
      return 'budget_line';
    case 'location':
    case 'payee':
      return 'recipient';
  }
}

/**
 * The period and date of a row from the time dimensions: a year (a field typed integer or year, or an attribute or
 * dimension named for a year) is the period; a date (typed date or datetime, or untyped) is the payment date. Of
 * several dates, the one named `date`, else one named for execution or payment, else the first; the others are noted.
 */
function readTime(
  times: FdpDimension[],
  resource: FdpResource,
  attributeTemplate: (attribute: FdpAttribute) => string,
  notes: string[],
): { period?: string; date?: { column: string; format: DateFormat } } {
  const periods: Array<{ dimension: FdpDimension; attribute: FdpAttribute }> = [];
  const dates: Array<{ dimension: FdpDimension; attribute: FdpAttribute }> = [];
  for (const dimension of times) {
    const attribute = valueAttribute(dimension);
    const field = attribute.source === undefined ? undefined : findField(resource, attribute.source);
    const type = field?.type?.toLowerCase();
    const yearly =
      attribute.constant !== undefined ||
      type === 'integer' ||
      type === 'year' ||
      type === 'number' ||
      (type !== 'date' && type !== 'datetime' && /year|period/i.test(`${dimension.name} ${attribute.name}`));
    (yearly ? periods : dates).push({ dimension, attribute });
  }
  const result: { period?: string; date?: { column: string; format: DateFormat } } = {};
  const [period, ...otherPeriods] = periods;
  if (period) result.period = attributeTemplate(period.attribute);
  for (const { dimension } of otherPeriods) notes.push(`dimension ${dimension.name} (a second period)`);
  const preferred =
    dates.find(({ dimension }) => dimension.name.toLowerCase() === 'date') ??
    dates.find(({ dimension }) => /execut|paid|payment|transaction/i.test(dimension.name)) ??
    dates[0];
  if (preferred) {
    attributeTemplate(preferred.attribute);
    const field = findField(resource, preferred.attribute.source!);
    result.date = { column: preferred.attribute.source!, format: dateFormat(field?.format, field?.key) };
  }
  for (const { dimension } of dates) {
    if (dimension !== preferred?.dimension) notes.push(`dimension ${dimension.name} (a second date)`);
  }
  return result;
}

function dateFormat(format: string | undefined, key: string | undefined): DateFormat {
  const pattern = (format ?? 'default').replace(/^fmt:/, '');
  switch (pattern) {
    case 'default':
    case 'any':
    case '%Y-%m-%d':
      return 'iso';
    case '%d/%m/%Y':
      return 'dd/mm/yyyy';
    case '%m/%d/%Y':
      return 'mm/dd/yyyy';
    case '%d/%m/%y':
      return 'dd/mm/yy';
    default:
      throw new MappingError(`${key}.format`, `cauce does not read dates written ${JSON.stringify(format)}`);
  }
}

/** The attribute that holds a dimension's value: its primary key, or its only attribute, or its first. */
function valueAttribute(dimension: FdpDimension): FdpAttribute {
  const key = dimension.primaryKey[0];
  return dimension.attributes.find((attribute) => attribute.name === key) ?? dimension.attributes[0]!;
}

/** A template for one attribute: the column's cell, or the constant as literal text. */
function template(attribute: FdpAttribute, resource: FdpResource): string {
  if (attribute.constant !== undefined) return literal(attribute.constant);
  const column = attribute.source!;
  if (attribute.resource !== undefined && attribute.resource !== resource.name) {
    throw new MappingError(
      `${attribute.key}.resource`,
      `is ${attribute.resource}, but the measures are in ${resource.name}; cauce does not join resources`,
    );
  }
  if (resource.fields !== undefined && findField(resource, column) === undefined) {
    throw new MappingError(
      `${attribute.key}.source`,
      `column ${JSON.stringify(column)} is not a field of ${resource.name}`,
      column,
    );
  }
  // Template placeholders cannot escape these characters, so such a column cannot be named.
  if (/[{}|]|\?\s*$/.test(column)) {
    throw new MappingError(`${attribute.key}.source`, `cauce cannot read a column named ${JSON.stringify(column)}`);
  }
  return `{${column}}`;
}

function literal(text: string): string {
  return text.replace(/[{}]/g, (brace) => brace + brace);
}

function phaseOf(value: string, key: string): FdpPhase {
  const phase = value.trim().toLowerCase();
  if (phase === 'proposed' || phase === 'approved' || phase === 'adjusted' || phase === 'executed') return phase;
  throw new MappingError(key, 'must be one of proposed, approved, adjusted, executed');
}

/** How a phase column's values name stages: as the spec writes them, capitalised or upper case. */
function phaseStages(): Record<string, Stage> {
  const stages: Record<string, Stage> = {};
  for (const [phase, stage] of Object.entries(PHASE_STAGES)) {
    for (const spelling of [phase, phase[0]!.toUpperCase() + phase.slice(1), phase.toUpperCase()]) {
      stages[spelling] = stage;
    }
  }
  return stages;
}

function transactional(pkg: FdpPackage): boolean {
  // The spec writes `transaction`; published packages also write `transactional`.
  return pkg.granularity === 'transaction' || pkg.granularity === 'transactional';
}

function revenueError(key: string): MappingError {
  return new MappingError(key, 'cauce follows spending; a revenue measure or package is not read');
}
