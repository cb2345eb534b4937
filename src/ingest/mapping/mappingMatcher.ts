import { MappingError } from '../../errors/MappingError.js';
import type { Decimal } from '../../money/Decimal.js';
import type { NodeKind } from '../../model/kinds.js';
import type { Stage } from '../../model/stages.js';
import { parseStageName } from '../parseStageName.js';
import type { NodeRef } from '../records.js';
import type { HeaderMatcher, TableInterpreter } from '../TableInterpreter.js';
import type { TableHeader, TableRow } from '../TableRow.js';
import { columnKey } from './columnKey.js';
import { type CompiledCondition, compileCondition } from './compileCondition.js';
import { compileTemplate, type NormalizationCounts, type Template } from './compileTemplate.js';
import type { AmountColumn, Condition, DateFormat, Mapping } from './Mapping.js';
import { parseDate } from './parseDate.js';
import { createColumnResolver } from './createColumnResolver.js';
import { type ColumnUse, missingColumnsError } from './missingColumnsError.js';

interface CompiledLevel {
  key: string;
  kind: NodeKind;
  optional: boolean;
  id: Template;
  name?: Template;
  taxId?: Template;
  attributes: Array<[string, Template]>;
}

/**
 * Compiles a validated mapping and returns the header matcher that binds it to a file: the header is the first row
 * that has every column the mapping needs (or the `headerRow` it names); a file without them fails with a
 * MappingError naming the key and the column, before any data row is read.
 */
export function mappingMatcher(mapping: Mapping, defaultCurrency: string): HeaderMatcher {
  const uses: ColumnUse[] = [];
  const template = (source: string, key: string) => {
    const compiled = compileTemplate(source, key);
    for (const column of compiled.columns) uses.push({ key, name: column.name, optional: column.optional });
    return compiled;
  };
  const condition = (where: Condition, key: string) => {
    const compiled = compileCondition(where, key);
    for (const column of compiled.columns) uses.push({ key: column.key, name: column.name, optional: column.optional });
    return compiled;
  };

  const levels: CompiledLevel[] = mapping.chain.map((level, at) => {
    const key = `chain[${at}]`;
    const compiled: CompiledLevel = {
      key,
      kind: level.kind,
      optional: level.optional === true,
      id: template(level.id, `${key}.id`),
      attributes: Object.entries(level.attributes ?? {}).map(([name, source]) => [
        name,
        template(source, `${key}.attributes.${name}`),
      ]),
    };
    if (level.name !== undefined) compiled.name = template(level.name, `${key}.name`);
    if (level.taxId !== undefined) compiled.taxId = template(level.taxId, `${key}.taxId`);
    return compiled;
  });
  const amounts = mapping.amounts.map((amount, at) => {
    uses.push({ key: `amounts[${at}].column`, name: amount.column, optional: amount.optional === true });
    if (amount.stageFrom !== undefined)
      uses.push({ key: `amounts[${at}].stageFrom`, name: amount.stageFrom, optional: false });
    return amount;
  });
  const skips = (mapping.skip ?? []).map((rule, at) => ({
    name: rule.name,
    where: condition(rule.where, `skip[${at}].where`),
  }));
  const totals = (mapping.totals ?? []).map((rule, at) => ({
    name: rule.name,
    where: condition(rule.where, `totals[${at}].where`),
    node: template(rule.node, `totals[${at}].node`),
  }));
  const period = mapping.period === undefined ? undefined : template(mapping.period, 'period');
  const reference = mapping.reference === undefined ? undefined : template(mapping.reference, 'reference');
  const currency = template(mapping.currency ?? defaultCurrency, 'currency');
  const date = mapping.date;
  if (date) uses.push({ key: 'date.column', name: date.column, optional: false });

  const resolve = createColumnResolver(mapping.aliases);
  const amountKeys = mapping.amounts.map((_amount, at) => `amounts[${at}].column`);
  const missing = (header: TableHeader) => {
    const gaps = uses.filter((use) => !use.optional && resolve(header, use.name) === undefined);
    // Optional amount columns may each be missing, but not all of them.
    const present = uses.filter((use) => amountKeys.includes(use.key) && resolve(header, use.name) !== undefined);
    if (present.length === 0 && !gaps.some((gap) => amountKeys.includes(gap.key))) {
      gaps.push(uses.find((use) => use.key === amountKeys[0])!);
    }
    return gaps;
  };

  return {
    ...(mapping.headerRow !== undefined ? { headerRow: mapping.headerRow } : {}),
    match(header) {
      if (missing(header).length > 0) return undefined;
      // Two amount entries that meet in one column (through an alias, or a name written twice) would count it twice.
      const amountColumns = new Map<string, string>();
      mapping.amounts.forEach((amount, at) => {
        const column = resolve(header, amount.column);
        if (column === undefined) return;
        const twice = amountColumns.get(column);
        if (twice !== undefined) {
          throw new MappingError(
            `amounts[${at}].column`,
            `reads the same column as ${twice}, which would count it twice`,
            amount.column,
          );
        }
        amountColumns.set(column, `amounts[${at}].column`);
      });
      const bound = new Map<string, string>();
      const keyColumns = new Set<string>();
      for (const use of uses) {
        const key = resolve(header, use.name);
        if (key === undefined) continue;
        bound.set(columnKey(use.name), key);
        if (!amountKeys.includes(use.key)) keyColumns.add(key);
      }
      const amountColumnKeys = [...amountColumns.keys()];
      const interpreter = bindInterpreter({
        name: mapping.name ?? 'mapping',
        levels,
        amounts,
        skips,
        totals,
        period,
        reference,
        currency,
        date,
        column: (name) => bound.get(columnKey(name)),
      });
      if (!amountColumnKeys.some((key) => keyColumns.has(key))) {
        interpreter.columns = { keyColumns: [...keyColumns], amountColumns: amountColumnKeys };
      }
      return interpreter;
    },
    noHeader: (file, candidates) => missingColumnsError(file, candidates, uses, missing),
  };
}

interface Bound {
  name: string;
  levels: CompiledLevel[];
  amounts: AmountColumn[];
  skips: Array<{ name: string; where: CompiledCondition }>;
  totals: Array<{ name: string; where: CompiledCondition; node: Template }>;
  period: Template | undefined;
  reference: Template | undefined;
  currency: Template;
  date: { column: string; format: DateFormat | DateFormat[] } | undefined;
  /** The header key of a column the mapping names (undefined for an optional column the file lacks). */
  column(name: string): string | undefined;
}

function bindInterpreter(bound: Bound): TableInterpreter {
  const normalizations: NormalizationCounts = {};
  const interpreter: TableInterpreter = {
    format: 'flows',
    mapping: bound.name,
    normalizations,
    read(row, sink) {
      const cell = (name: string) => {
        const key = bound.column(name);
        return key === undefined ? '' : row.raw(key);
      };
      for (const rule of bound.skips) if (rule.where.test(cell)) return rule.name;

      const currency = bound.currency.evaluate(cell).toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) {
        row.fail(
          bound.currency.columns[0] ? bound.column(bound.currency.columns[0].name) : undefined,
          'bad_currency',
          `${JSON.stringify(currency)} is not an ISO 4217 currency code`,
        );
      }
      const period = bound.period?.evaluate(cell);
      const values = readAmounts(row, bound, cell, currency);
      const total = bound.totals.find((rule) => rule.where.test(cell));
      if (total) {
        const counts: NormalizationCounts = {};
        const emptyColumn = total.node.emptyPart(cell);
        if (emptyColumn !== undefined) {
          const key = bound.column(emptyColumn);
          row.fail(
            key,
            'missing_field',
            `${key ? row.columnName(key) : emptyColumn} is empty, so the total names no node`,
          );
        }
        const node = total.node.evaluate(cell, counts);
        if (row.issues.length > 0) return undefined;
        addCounts(normalizations, counts);
        for (const { stage, amount } of values) {
          sink.declaredTotals.push({
            node,
            stage,
            currency,
            amount,
            ...(period ? { period } : {}),
            rule: total.name,
            provenance: row.provenance,
          });
        }
        return undefined;
      }

      // Normalisations are counted for the rows that are kept, not for the rejected ones.
      const counts: NormalizationCounts = {};
      const chain = readChain(row, bound, cell, counts);
      const date = readDate(row, bound);
      if (row.issues.length > 0 || !chain) return undefined;
      addCounts(normalizations, counts);
      const reference = bound.reference?.evaluate(cell);
      for (const { stage, amount } of values) {
        for (let at = 0; at + 1 < chain.length; at++) {
          sink.addFlow({
            from: chain[at]!,
            to: chain[at + 1]!,
            amount,
            currency,
            stage,
            ...(date ? { date } : {}),
            ...(period ? { period } : {}),
            ...(reference ? { reference } : {}),
            provenance: row.provenance,
          });
        }
      }
      return undefined;
    },
  };
  return interpreter;
}

function readAmounts(
  row: TableRow,
  bound: Bound,
  cell: (name: string) => string,
  currency: string,
): Array<{ stage: Stage; amount: Decimal }> {
  const values: Array<{ stage: Stage; amount: Decimal }> = [];
  for (const spec of bound.amounts) {
    const key = bound.column(spec.column);
    if (key === undefined) continue; // an optional amount column this file does not have
    let stage = spec.stage;
    if (spec.stageFrom !== undefined) {
      const label = cell(spec.stageFrom).trim();
      stage = spec.stages
        ? Object.hasOwn(spec.stages, label)
          ? spec.stages[label]
          : undefined
        : parseStageName(label);
      if (!stage) {
        row.fail(bound.column(spec.stageFrom), 'unknown_stage', `unknown stage ${JSON.stringify(label)}`);
        continue;
      }
    }
    if (row.raw(key).trim() === '') {
      const whenEmpty = spec.whenEmpty ?? 'reject';
      if (whenEmpty === 'skip') continue;
      if (whenEmpty === 'reject') {
        row.fail(key, 'missing_field', `${row.columnName(key)} is empty`);
        continue;
      }
      values.push({ stage: stage!, amount: row.zero() });
      continue;
    }
    const amount = row.amount(key, true, currency);
    if (amount) values.push({ stage: stage!, amount });
  }
  return values;
}

function readChain(
  row: TableRow,
  bound: Bound,
  cell: (name: string) => string,
  normalizations: NormalizationCounts,
): NodeRef[] | undefined {
  const chain: NodeRef[] = [];
  for (const level of bound.levels) {
    const emptyColumn = level.id.emptyPart(cell);
    if (emptyColumn !== undefined) {
      if (level.optional) continue;
      const key = bound.column(emptyColumn);
      row.fail(
        key,
        'missing_field',
        `${key ? row.columnName(key) : emptyColumn} is empty, so the ${level.kind} has no id`,
      );
      continue;
    }
    const ref: NodeRef = { id: level.id.evaluate(cell, normalizations), kind: level.kind };
    const name = level.name?.evaluate(cell);
    if (name) ref.name = name.replace(/\s+/g, ' ');
    const taxId = level.taxId?.evaluate(cell, normalizations);
    if (taxId) ref.taxId = taxId;
    if (level.attributes.length > 0) {
      ref.attributes = {};
      for (const [key, template] of level.attributes) {
        const value = template.evaluate(cell);
        if (value !== '')
          Object.defineProperty(ref.attributes, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
    // A level that repeats the node above it (an institution that is its own ramo) is the same node, not a flow.
    if (chain.length > 0 && chain[chain.length - 1]!.id === ref.id) continue;
    chain.push(ref);
  }
  if (chain.length < 2 && row.issues.length === 0) {
    row.fail(undefined, 'missing_field', 'the row names fewer than two nodes, so it makes no flow');
  }
  return row.issues.length > 0 ? undefined : chain;
}

function readDate(row: TableRow, bound: Bound): string | undefined {
  if (!bound.date) return undefined;
  const key = bound.column(bound.date.column)!;
  const text = row.raw(key).trim();
  if (text === '') return undefined;
  const formats = Array.isArray(bound.date.format) ? bound.date.format : [bound.date.format];
  for (const format of formats) {
    const date = parseDate(text, format);
    if (date) return date;
  }
  row.fail(key, 'bad_date', `${JSON.stringify(text)} is not a date written ${formats.join(' or ')}`);
  return undefined;
}

function addCounts(into: NormalizationCounts, counts: NormalizationCounts): void {
  for (const [rule, count] of Object.entries(counts)) into[rule] = (into[rule] ?? 0) + count;
}
