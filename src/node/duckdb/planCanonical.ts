import { columnKey } from '../../ingest/mapping/columnKey.js';
import { extraColumns } from '../../ingest/extraColumns.js';
import { FLOW_COLUMNS } from '../../ingest/readFlowRow.js';
import type { TableHeader } from '../../ingest/TableRow.js';
import { clip } from '../../util/clip.js';
import type { CellSql, NodeSql, RowCheck, RowPlan } from './DuckDbOptions.js';
import { sqlString } from './sqlText.js';
import { valueSql } from './valueSql.js';

const KNOWN: ReadonlySet<string> = new Set([...FLOW_COLUMNS.required, ...FLOW_COLUMNS.optional]);
const quoted = (value: string) => JSON.stringify(clip(value, 80));

/**
 * The plan for cauce's canonical flows table, row by row as readFlowRow reads it: the same defaults (stage `paid`,
 * the default currency), the same checks in the same order, and the columns it has no field for kept as attributes
 * (a row with any is a flow of its own, never added up).
 */
export function planCanonical(header: TableHeader, cells: CellSql[], defaultCurrency: string, scale: number): RowPlan {
  const EMPTY: CellSql = { name: '', raw: "''", trimmed: "''" };
  const cell = (column: string): CellSql => {
    const at = header.index.get(column);
    return at === undefined ? { ...EMPTY, name: column } : cells[at]!;
  };
  const from = cell('from');
  const to = cell('to');
  const currencyCell = cell('currency');
  const amountCell = cell('amount');
  const stageCell = cell('stage');
  const dateCell = cell('date');
  // A column the file lacks reads as empty: its default, or nothing.
  const or = (column: CellSql, read: (trimmed: string) => string, fallback: string) =>
    column.trimmed === "''" ? fallback : read(column.trimmed);
  const currency = or(currencyCell, (t) => valueSql.currency(t, defaultCurrency), sqlString(defaultCurrency));
  const amount = valueSql.amount(amountCell.trimmed, scale);
  const stage = or(stageCell, (t) => valueSql.stage(t, 'paid'), "'paid'");
  const date = or(dateCell, valueSql.date, 'NULL');
  const node = (end: 'from' | 'to', id: CellSql): NodeSql => ({
    id: id.trimmed,
    kind: or(cell(`${end}_kind`), valueSql.kind, 'NULL'),
    name: or(cell(`${end}_name`), valueSql.text, 'NULL'),
    taxId: or(cell(`${end}_tax_id`), valueSql.taxId, 'NULL'),
  });
  const kindCheck = (end: 'from' | 'to'): RowCheck => {
    const kindCell = cell(`${end}_kind`);
    return {
      code: 'unknown_kind',
      column: kindCell.name,
      value: kindCell.raw,
      fails: `${kindCell.trimmed} <> '' AND ${valueSql.kind(kindCell.trimmed)} IS NULL`,
      message: (value) => `unknown node kind ${JSON.stringify(value.trim())}`,
    };
  };
  const missing = (column: CellSql): RowCheck => ({
    code: 'missing_field',
    column: column.name,
    value: column.raw,
    fails: `${column.trimmed} = ''`,
    message: () => `${column.name} is empty`,
  });

  const checks: RowCheck[] = [
    missing(from),
    missing(to),
    {
      code: 'bad_currency',
      column: currencyCell.name,
      value: currencyCell.raw,
      fails: `${currency} IS NULL`,
      message: (value) => `${JSON.stringify(value.trim())} is not an ISO 4217 currency code`,
    },
    missing(amountCell),
    {
      code: 'invalid_amount',
      column: amountCell.name,
      value: amountCell.raw,
      fails: `${amountCell.trimmed} <> '' AND NOT ${valueSql.amountIsValid(amountCell.trimmed, scale)}`,
      message: (value) =>
        `${quoted(value)} is not an amount the engine reads: digits with an optional sign and "." decimal mark, ` +
        `at most ${scale} decimal places and ${38 - scale} integer digits`,
    },
    {
      code: 'unknown_stage',
      column: stageCell.name,
      value: stageCell.raw,
      fails: `${stage} IS NULL`,
      message: (value) => `unknown stage ${quoted(value.trim())}`,
    },
    {
      code: 'bad_date',
      column: dateCell.name,
      value: dateCell.raw,
      fails: `${dateCell.trimmed} <> '' AND ${date} IS NULL`,
      message: (value) => `${quoted(value.trim())} is not a valid YYYY-MM-DD date`,
    },
    kindCheck('from'),
    kindCheck('to'),
    {
      code: 'self_flow',
      column: to.name,
      value: to.raw,
      fails: `${from.trimmed} <> '' AND ${from.trimmed} = ${to.trimmed}`,
      message: (value) => `a flow from ${JSON.stringify(value.trim())} to itself`,
    },
  ];

  // Columns cauce has no field for, named as the in-process reader names them.
  const extras: RowPlan['extras'] = extraColumns(header, KNOWN).map(({ at, label }) => ({
    label,
    trimmed: cells[at]!.trimmed,
  }));

  return {
    checks: checks.filter((check) => check.column === undefined || check.value !== "''"),
    flows: [
      {
        when: 'TRUE',
        from: node('from', from),
        to: node('to', to),
        amount,
        stage,
        currency,
        period: or(cell('period'), valueSql.text, 'NULL'),
        date,
        reference: or(cell('reference'), valueSql.text, 'NULL'),
      },
    ],
    extras,
  };
}
