import { compileTemplate } from '../../ingest/mapping/compileTemplate.js';
import { MappingError } from '../../errors/MappingError.js';
import { createColumnResolver } from '../../ingest/mapping/createColumnResolver.js';
import type { Mapping } from '../../ingest/mapping/Mapping.js';
import type { TableHeader } from '../../ingest/TableRow.js';
import { clip } from '../../util/clip.js';
import type { CellSql, FlowSql, NodeSql, RowCheck, RowPlan } from './DuckDbOptions.js';
import { WHITE_SPACE, sqlString } from './sqlText.js';
import { valueSql } from './valueSql.js';

type Part = string | { column: string };

/**
 * The plan for a mapped table, row by row as mappingMatcher reads it, for the mappings that SQL can express without
 * cauce's own code: plain templates (literal text and `{COLUMN}`), amounts with a fixed stage, no skip or totals
 * rules, no dates to parse. Anything else is a MappingError naming the key and why, so that nothing is read
 * differently from the in-process reader.
 */
export function planMapping(
  mapping: Mapping,
  header: TableHeader,
  cells: CellSql[],
  file: string,
  defaultCurrency: string,
  scale: number,
): RowPlan {
  refuseWhatSqlCannotRead(mapping);
  const resolve = createColumnResolver(mapping.aliases);
  const cellOf = (name: string, key: string): CellSql => {
    const column = resolve(header, name);
    if (column === undefined)
      throw new MappingError(key, `column ${JSON.stringify(name)} is not in the header of ${file}`, name);
    return cells[header.index.get(column)!]!;
  };
  const template = (source: string, key: string) => {
    const parts = parseTemplate(source, key).map((part) =>
      typeof part === 'string' ? part : cellOf(part.column, key),
    );
    const sql =
      parts.length === 0
        ? "''"
        : parts.map((part) => (typeof part === 'string' ? sqlString(part) : part.trimmed)).join(' || ');
    return { sql: `(${sql})`, cells: parts.filter((part): part is CellSql => typeof part !== 'string') };
  };

  const checks: RowCheck[] = [];
  // One issue per column and problem, as TableRow.fail keeps them: checks that meet are joined.
  const check = (add: RowCheck) => {
    const same = checks.find((other) => other.code === add.code && other.column === add.column && other.column);
    if (same) same.fails = `(${same.fails}) OR (${add.fails})`;
    else checks.push(add);
  };

  const currency = template(mapping.currency ?? defaultCurrency, 'currency');
  const currencyValue = valueSql.currency(currency.sql);
  const currencyCell = currency.cells[0];
  check({
    code: 'bad_currency',
    ...(currencyCell ? { column: currencyCell.name, value: currencyCell.raw } : {}),
    fails: `${currencyValue} IS NULL`,
    message: (value) =>
      `${JSON.stringify(currencyCell ? value.trim().toUpperCase() : '')} is not an ISO 4217 currency code`,
  });

  const amountColumns = new Map<string, string>();
  const amounts = mapping.amounts.map((spec, at) => {
    const key = `amounts[${at}].column`;
    const cell = cellOf(spec.column, key);
    const twice = amountColumns.get(cell.name);
    if (twice !== undefined)
      throw new MappingError(key, `reads the same column as ${twice}, which would count it twice`, spec.column);
    amountColumns.set(cell.name, key);
    const value = valueSql.amount(cell.trimmed, scale);
    const whenEmpty = spec.whenEmpty ?? 'reject';
    if (whenEmpty === 'reject') {
      check({
        code: 'missing_field',
        column: cell.name,
        value: cell.raw,
        fails: `${cell.trimmed} = ''`,
        message: () => `${cell.name} is empty`,
      });
    }
    check({
      code: 'invalid_amount',
      column: cell.name,
      value: cell.raw,
      fails: `${cell.trimmed} <> '' AND NOT ${valueSql.amountIsValid(cell.trimmed, scale)}`,
      message: (raw) =>
        `${JSON.stringify(clip(raw, 80))} is not an amount the engine reads: digits with an optional sign and "." ` +
        `decimal mark, at most ${scale} decimal places and ${38 - scale} integer digits`,
    });
    return {
      stage: sqlString(spec.stage!),
      value:
        whenEmpty === 'zero'
          ? `CASE WHEN ${cell.trimmed} = '' THEN CAST(0 AS DECIMAL(38, ${scale})) ELSE ${value} END`
          : value,
      present: whenEmpty === 'skip' ? `${cell.trimmed} <> ''` : 'TRUE',
    };
  });

  const levels = mapping.chain.map((level, at) => {
    const key = `chain[${at}]`;
    const id = template(level.id, `${key}.id`);
    // The id names the first of its columns that is empty, as Template.emptyPart does.
    id.cells.forEach((cell, index) => {
      const before = id.cells.slice(0, index).map((earlier) => `${earlier.trimmed} <> ''`);
      check({
        code: 'missing_field',
        column: cell.name,
        value: cell.raw,
        fails: [...before, `${cell.trimmed} = ''`].join(' AND '),
        message: () => `${cell.name} is empty, so the ${level.kind} has no id`,
      });
    });
    const name = level.name === undefined ? undefined : template(level.name, `${key}.name`).sql;
    const taxId = level.taxId === undefined ? undefined : template(level.taxId, `${key}.taxId`).sql;
    const node: NodeSql = {
      id: id.sql,
      kind: sqlString(level.kind),
      name:
        name === undefined
          ? 'NULL'
          : `CASE WHEN ${name} <> '' THEN regexp_replace(${name}, '${WHITE_SPACE}+', ' ', 'g') END`,
      taxId: taxId === undefined ? 'NULL' : valueSql.text(taxId),
    };
    return node;
  });

  // A level that repeats the node above it is that node: the flow into the next level starts at the first of the run.
  const same = (at: number) => `${levels[at]!.id} = ${levels[at - 1]!.id}`;
  const runStart = (at: number): string => {
    if (at === 0) return '0';
    const cases = [];
    for (let start = at; start >= 1; start--) cases.push(`WHEN NOT (${same(start)}) THEN ${start}`);
    return `CASE ${cases.join(' ')} ELSE 0 END`;
  };
  const pick = (at: number, field: keyof NodeSql): string => {
    if (at === 0) return levels[0]![field];
    const start = runStart(at);
    return `CASE ${start} ${levels
      .slice(0, at + 1)
      .map((level, index) => `WHEN ${index} THEN ${level[field]}`)
      .join(' ')} END`;
  };

  const others = checks.map((earlier) => `(${earlier.fails})`).join(' OR ');
  checks.push({
    code: 'missing_field',
    fails: `NOT (${others}) AND ${
      levels.length < 2
        ? 'TRUE'
        : levels
            .slice(1)
            .map((_level, at) => same(at + 1))
            .join(' AND ')
    }`,
    message: () => 'the row names fewer than two nodes, so it makes no flow',
  });

  const period = mapping.period === undefined ? 'NULL' : valueSql.text(template(mapping.period, 'period').sql);
  const reference =
    mapping.reference === undefined ? 'NULL' : valueSql.text(template(mapping.reference, 'reference').sql);
  const flows: FlowSql[] = [];
  for (const amount of amounts) {
    for (let at = 1; at < levels.length; at++) {
      flows.push({
        when: `${amount.present} AND NOT (${same(at)})`,
        from: {
          id: pick(at - 1, 'id'),
          kind: pick(at - 1, 'kind'),
          name: pick(at - 1, 'name'),
          taxId: pick(at - 1, 'taxId'),
        },
        to: levels[at]!,
        amount: amount.value,
        stage: amount.stage,
        currency: currencyValue,
        period,
        date: 'NULL',
        reference,
      });
    }
  }
  return { mapping: mapping.name ?? 'mapping', checks, flows, extras: [] };
}

function refuseWhatSqlCannotRead(mapping: Mapping): void {
  const refuse = (key: string, why: string) => {
    throw new MappingError(key, `the DuckDB engine cannot read this: ${why}; read the file without it`);
  };
  if (mapping.encoding !== undefined && !/^utf-?8$/i.test(mapping.encoding)) refuse('encoding', 'it reads UTF-8 only');
  if (mapping.headerRow !== undefined && mapping.headerRow !== 1) refuse('headerRow', 'the header must be row 1');
  if (mapping.number?.decimal === ',') refuse('number.decimal', 'it reads "." decimal marks only');
  if (mapping.number?.unit !== undefined && mapping.number.unit !== 'units')
    refuse('number.unit', 'it reads units only');
  if (mapping.number?.exponent === true) refuse('number.exponent', 'it does not read exponents');
  if (mapping.skip?.length) refuse('skip', 'skip rules are not pushed down');
  if (mapping.totals?.length) refuse('totals', 'totals rules are not pushed down');
  if (mapping.date !== undefined) refuse('date', 'dates are parsed by cauce only');
  mapping.chain.forEach((level, at) => {
    if (level.optional) refuse(`chain[${at}].optional`, 'optional levels are not pushed down');
    if (level.attributes && Object.keys(level.attributes).length > 0)
      refuse(`chain[${at}].attributes`, 'level attributes are not pushed down');
  });
  mapping.amounts.forEach((amount, at) => {
    if (amount.stageFrom !== undefined || amount.stage === undefined)
      refuse(`amounts[${at}].stageFrom`, 'amounts need a fixed stage');
    if (amount.optional) refuse(`amounts[${at}].optional`, 'optional amount columns are not pushed down');
  });
}

/**
 * A plain template's literal text and columns, as the in-process reader parses it; filters and optional columns are
 * refused.
 */
function parseTemplate(source: string, key: string): Part[] {
  return compileTemplate(source, key).parts.map((part) => {
    if (typeof part === 'string') return part;
    if (part.filtered || part.column.optional) {
      throw new MappingError(
        key,
        `the DuckDB engine reads plain templates only (text and {COLUMN}), not a filter or an optional column in ${JSON.stringify(source)}`,
      );
    }
    return { column: part.column.name };
  });
}
