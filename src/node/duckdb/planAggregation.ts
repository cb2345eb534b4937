import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { UnrecognizedFormatError } from '../../errors/UnrecognizedFormatError.js';
import { resolveMapping } from '../../ingest/mapping/resolveMapping.js';
import { indexHeader, recognizeFormat } from '../../ingest/recognizeFormat.js';
import type { CellSql, DuckDbOptions, DuckDbSource, FlowSql, RowCheck, RowPlan } from './DuckDbOptions.js';
import { planCanonical } from './planCanonical.js';
import { planMapping } from './planMapping.js';
import { readerSql } from './readerSql.js';
import { WHITE_SPACE, sqlIdentifier, sqlString, sqlTrim } from './sqlText.js';

/** The queries that read one table: its flows, the count of rows by fate, and its first row issues. */
export interface AggregationPlan {
  file: string;
  format: 'csv' | 'parquet';
  mapping?: string;
  checks: RowCheck[];
  /** The attribute names of the columns kept as attributes, in the order of the `attributes` struct's fields. */
  extras: string[];
  flowsSql: string;
  /** Rows by fate: `accepted`, `rejected`, `blank-row`, `hxl-tags`. */
  countsSql: string;
  /** The first `limit` issues: row, index into `checks`, raw cell. */
  issuesSql(limit: number): string;
}

const DEFAULT_SCALE = 12;

/**
 * Builds the SQL that reads a CSV or Parquet table and adds it up to the `flows` grain (see aggregationSql). Every
 * option is checked before any SQL is written.
 */
export function planAggregation(source: DuckDbSource, options: DuckDbOptions = {}): AggregationPlan {
  if (typeof source !== 'object' || source === null || typeof source.path !== 'string' || source.path === '')
    throw new InvalidArgumentError('source.path', 'must be a non-empty string');
  if (
    !Array.isArray(source.columns) ||
    source.columns.length === 0 ||
    source.columns.some((c) => typeof c !== 'string')
  )
    throw new InvalidArgumentError('source.columns', 'must be the names of the columns, as the header writes them');
  const file = options.file ?? source.path;
  const format = source.format ?? (/\.parquet$/i.test(source.path) ? 'parquet' : 'csv');
  if (format !== 'csv' && format !== 'parquet')
    throw new InvalidArgumentError('source.format', 'must be csv or parquet');
  const defaultCurrency = options.defaultCurrency ?? 'MXN';
  if (!/^[A-Z]{3}$/.test(defaultCurrency))
    throw new InvalidArgumentError('options.defaultCurrency', 'must be an ISO 4217 code like MXN');
  const scale = options.scale ?? DEFAULT_SCALE;
  if (!Number.isInteger(scale) || scale < 0 || scale > 30)
    throw new InvalidArgumentError('options.scale', 'must be an integer from 0 to 30');
  if (options.decimal !== undefined && options.decimal !== '.')
    throw new InvalidArgumentError('options.decimal', 'the DuckDB engine reads "." decimal marks only');
  if (options.unit !== undefined && options.unit !== 'units')
    throw new InvalidArgumentError('options.unit', 'the DuckDB engine reads amounts in units only');
  if (options.encoding !== undefined && !/^utf-?8$/i.test(options.encoding))
    throw new InvalidArgumentError('options.encoding', 'the DuckDB engine reads UTF-8 only');
  if (options.delimiter !== undefined && ![',', ';', '\t', '|'].includes(options.delimiter))
    throw new InvalidArgumentError('options.delimiter', 'must be ",", ";", "\\t" or "|"');

  const resolved = resolveMapping({
    ...(options.mapping !== undefined ? { mapping: options.mapping } : {}),
    ...(options.preset !== undefined ? { preset: options.preset } : {}),
  });
  if (resolved?.kind === 'watchlist')
    throw new InvalidArgumentError('options.mapping', 'the DuckDB engine reads flows, not watchlists');
  const names = source.header ?? source.columns;
  if (names.length !== source.columns.length || names.some((name) => typeof name !== 'string'))
    throw new InvalidArgumentError('source.header', 'must be as many names as source.columns, in the same order');
  const header = indexHeader([...names]);
  const cells: CellSql[] = names.map((name, at) => ({
    name: name.replace(/^\ufeff/, '').trim(),
    raw: `r${at}`,
    trimmed: `t${at}`,
  }));
  let plan: RowPlan;
  if (resolved) {
    plan = planMapping(resolved.mapping, header, cells, file, defaultCurrency, scale);
  } else {
    const table = recognizeFormat(header);
    if (table === undefined) throw new UnrecognizedFormatError(file, [...names]);
    if (table !== 'flows')
      throw new InvalidArgumentError('source', `the DuckDB engine reads flows tables, and ${file} is a ${table} table`);
    plan = planCanonical(header, cells, defaultCurrency, scale);
  }

  const delimiter = options.delimiter ?? resolved?.mapping.delimiter;
  const common = commonSql(source, format, cells, plan, delimiter);
  const result: AggregationPlan = {
    file,
    format,
    checks: plan.checks,
    extras: plan.extras.map((extra) => extra.label),
    flowsSql: `${common},\n${flowsSql(plan, scale)}`,
    countsSql: `${common}\nSELECT cauce_status AS status, COUNT(*) AS row_count FROM checked GROUP BY cauce_status`,
    issuesSql: (limit) => `${common},\n${issuesSql(plan.checks, limit)}`,
  };
  if (plan.mapping !== undefined) result.mapping = plan.mapping;
  return result;
}

function commonSql(
  source: DuckDbSource,
  format: 'csv' | 'parquet',
  cells: CellSql[],
  plan: RowPlan,
  delimiter: string | undefined,
): string {
  // Rows are numbered as a spreadsheet numbers them: the header is row 1. A CSV's rows in the order read; a Parquet
  // file's by their position in the file.
  const row = format === 'parquet' ? 'file_row_number + 2' : 'row_number() OVER () + 1';
  const raw = source.columns.map((name, at) => `CAST(${sqlIdentifier(name)} AS VARCHAR) AS r${at}`);
  const trimmed = cells.map((cell) => `${sqlTrim(cell.raw)} AS ${cell.trimmed}`);
  // Blank: no cell holds anything but white space.
  const blank = `NOT regexp_matches(concat(${cells.map((cell) => `coalesce(${cell.raw}, '')`).join(', ')}, ''), ${sqlString(`[^${WHITE_SPACE.slice(1)}`)})`;
  // A row of HXL hashtags (#org+name) right under the header, as IATI and HDX publish.
  const tags = cells
    .map((cell) => `regexp_full_match(coalesce(${cell.raw}, ''), ${sqlString(`(?s)${WHITE_SPACE}*(#.*)?`)})`)
    .join(' AND ');
  const fails = plan.checks.map((check) => `(${check.fails})`).join('\n      OR ');
  return [
    'WITH source AS (',
    `  SELECT ${row} AS cauce_row, ${raw.join(', ')}`,
    `  FROM ${readerSql(source, format, delimiter)}`,
    '),',
    'cells AS (',
    `  SELECT *, ${trimmed.join(',\n    ')}`,
    '  FROM source',
    '),',
    'checked AS (',
    '  SELECT *, CASE',
    `    WHEN ${blank} THEN 'blank-row'`,
    `    WHEN cauce_row = 2 AND ${tags} THEN 'hxl-tags'`,
    `    WHEN ${fails} THEN 'rejected'`,
    "    ELSE 'accepted' END AS cauce_status",
    '  FROM cells',
    ')',
  ].join('\n');
}

function flowsSql(plan: RowPlan, scale: number): string {
  const text = (sql: string) => `CAST(${sql} AS VARCHAR)`;
  // A flow's fields, each a name and its SQL: a struct's entries where a row makes several flows, else plain columns.
  const fieldsOf = (flow: FlowSql): Array<[string, string]> => [
    ['from_id', text(flow.from.id)],
    ['from_kind', text(flow.from.kind)],
    ['from_name', text(flow.from.name)],
    ['from_tax_id', text(flow.from.taxId)],
    ['to_id', text(flow.to.id)],
    ['to_kind', text(flow.to.kind)],
    ['to_name', text(flow.to.name)],
    ['to_tax_id', text(flow.to.taxId)],
    ['amount', `CAST(${flow.amount} AS DECIMAL(38, ${scale}))`],
    ['stage', text(flow.stage)],
    ['currency', text(flow.currency)],
    ['period', text(flow.period)],
    ['flow_date', text(flow.date)],
    ['reference', text(flow.reference)],
  ];
  const struct = (flow: FlowSql, at: number) =>
    '{' +
    [`'ord': ${at}`, `'keep': (${flow.when})`, ...fieldsOf(flow).map(([name, sql]) => `'${name}': ${sql}`)].join(
      ',\n      ',
    ) +
    '}';
  const extras = plan.extras;
  // A row with cells in columns cauce has no field for is a flow of its own, so that they are kept.
  const solo =
    extras.length === 0
      ? ''
      : `, CASE WHEN ${extras.map((extra) => `${extra.trimmed} <> ''`).join(' OR ')} THEN cauce_row END AS cauce_solo, ` +
        extras.map((extra, at) => `NULLIF(${extra.trimmed}, '') AS x${at}`).join(', ');
  const width = plan.flows.length;
  const same = (field: string) =>
    `CASE WHEN COUNT(${field}) = COUNT(*) AND MIN(${field}) = MAX(${field}) THEN MIN(${field}) END`;
  const node = (end: string) =>
    `arg_min({'kind': ${end}_kind, 'name': ${end}_name, 'tax_id': ${end}_tax_id}, cauce_ord) AS ${end}_node`;
  const extraColumns = extras.length ? ', cauce_solo, ' + extras.map((_e, at) => `x${at}`).join(', ') : '';
  const single = plan.flows.length === 1 ? plan.flows[0]! : undefined;
  const fields = (flow: FlowSql) => fieldsOf(flow).map(([name, sql]) => `${sql} AS ${name}`);
  const made = single
    ? [
        // One flow per row: its fields, straight from the row.
        'flows AS (',
        `  SELECT cauce_row AS cauce_ord, cauce_row${solo},`,
        `    ${fields(single).join(',\n    ')}`,
        `  FROM checked WHERE cauce_status = 'accepted' AND (${single.when})`,
        ')',
      ]
    : [
        // One element per flow the row can make; Spark writes this explode(array(named_struct(...))), Trino UNNEST.
        'made AS (',
        `  SELECT cauce_row${solo}, unnest([${plan.flows.map(struct).join(',\n    ')}]) AS flow`,
        "  FROM checked WHERE cauce_status = 'accepted'",
        '),',
        'flows AS (',
        `  SELECT cauce_row * ${width} + flow.ord AS cauce_ord, cauce_row${extraColumns}, flow.*`,
        '  FROM made WHERE flow.keep',
        ')',
      ];
  return [
    ...made,
    'SELECT from_id, to_id, stage, currency, period, amount, row_count, first_row, last_row, flow_date, reference,',
    '  from_node.kind AS from_kind, from_node.name AS from_name, from_node.tax_id AS from_tax_id,',
    `  to_node.kind AS to_kind, to_node.name AS to_name, to_node.tax_id AS to_tax_id${extras.map((_e, at) => `, attributes.x${at} AS x${at}`).join('')}`,
    'FROM (',
    '  SELECT from_id, to_id, stage, currency, period,',
    '    CAST(SUM(amount) AS VARCHAR) AS amount,',
    '    COUNT(*) AS row_count, MIN(cauce_row) AS first_row, MAX(cauce_row) AS last_row, MIN(cauce_ord) AS cauce_ord,',
    `    ${same('flow_date')} AS flow_date,`,
    `    ${same('reference')} AS reference,`,
    // The ends as the first row of the flow describes them; a struct, because arg_min passes over NULL values.
    `    ${node('from')},`,
    `    ${node('to')}` +
      (extras.length
        ? `,\n    arg_min({${extras.map((_e, at) => `'x${at}': x${at}`).join(', ')}}, cauce_ord) AS attributes`
        : ''),
    '  FROM flows',
    `  GROUP BY from_id, to_id, stage, currency, period${extras.length ? ', cauce_solo' : ''}`,
    ')',
    'ORDER BY cauce_ord',
  ].join('\n');
}

function issuesSql(checks: RowCheck[], limit: number): string {
  const found = checks.map(
    (check, at) =>
      `CASE WHEN ${check.fails} THEN {'check': ${at}, 'cell': ${check.value === undefined ? 'CAST(NULL AS VARCHAR)' : `coalesce(${check.value}, '')`}} END`,
  );
  return [
    'issues AS (',
    `  SELECT cauce_row, unnest([${found.join(',\n    ')}]) AS issue`,
    "  FROM checked WHERE cauce_status = 'rejected'",
    ')',
    'SELECT cauce_row AS row_number, issue.check AS check_index, issue.cell AS cell',
    'FROM issues WHERE issue IS NOT NULL',
    `ORDER BY cauce_row, issue.check LIMIT ${Math.max(0, Math.floor(limit))}`,
  ].join('\n');
}
