import { open, stat } from 'node:fs/promises';
import { IngestError } from '../../errors/IngestError.js';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { UnreadableInputError } from '../../errors/UnreadableInputError.js';
import type { FlowRecord, IngestResult, NodeRef } from '../../ingest/records.js';
import type { IngestReport, RowIssue } from '../../ingest/RowIssue.js';
import { Decimal } from '../../money/Decimal.js';
import type { NodeKind } from '../../model/kinds.js';
import { setOwn } from '../../model/setOwn.js';
import type { Stage } from '../../model/stages.js';
import { clip } from '../../util/clip.js';
import type { DuckDbOptions, DuckDbSource } from './DuckDbOptions.js';
import { loadDuckDb } from './loadDuckDb.js';
import { planAggregation } from './planAggregation.js';
import { readerSql } from './readerSql.js';

type Row = Record<string, unknown>;

/**
 * Reads a CSV (gzip too) or Parquet table with DuckDB, in memory, and adds it up to the `flows` grain inside the
 * engine (see aggregationSql): what crosses into JavaScript grows with payer-payee pairs, not with rows. Returns an
 * IngestResult like the in-process reader's with `aggregate: 'flows'` (exact Decimal sums, provenance, the books of
 * every row), which buildFlowGraph takes like any other. Needs the optional package `@duckdb/node-api`.
 *
 * Rejected rows are counted in full; the first `maxIssues` (100) issues are returned. Skipped rows: `blank-row` and
 * `hxl-tags`, as in-process.
 *
 * @example
 * const result = await ingestWithDuckDb('payments-2016.csv.gz');
 * result.report; // { rowsRead: 5000000, accepted: 4999998, rejected: 2, ... }
 * const graph = buildFlowGraph([result]);
 */
export async function ingestWithDuckDb(path: string, options: DuckDbOptions = {}): Promise<IngestResult> {
  if (typeof path !== 'string' || path === '') throw new InvalidArgumentError('path', 'must be a non-empty string');
  const file = options.file ?? path;
  const maxIssues = options.maxIssues ?? 100;
  if (!Number.isInteger(maxIssues) || maxIssues < 0)
    throw new InvalidArgumentError('options.maxIssues', 'must be a whole number, 0 or more');
  const kind = await sniff(path, file);
  const { DuckDBInstance } = await loadDuckDb();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const unreadable = (error: unknown) =>
    new UnreadableInputError(file, `the DuckDB engine could not read it: ${(error as Error).message}`, {
      cause: error,
    });
  const query = async (sql: string): Promise<Row[]> => {
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[];
    } catch (error) {
      throw unreadable(error);
    }
  };
  try {
    const source: DuckDbSource = { path, columns: [], ...kind };
    const delimiter = options.delimiter ?? options.mapping?.delimiter;
    const described = await query(`DESCRIBE SELECT * FROM ${readerSql(source, kind.format, delimiter)}`);
    source.columns = described
      .map((column) => String(column.column_name))
      .filter((name) => kind.format === 'csv' || name !== 'file_row_number');
    if (kind.format === 'csv') {
      // The header as the file writes it: DuckDB's names for a repeated or blank column are its own.
      const [first] = await query(`SELECT * FROM ${readerSql(source, 'csv', delimiter, false)} LIMIT 1`);
      const written = Object.values(first ?? {}).map((cell) =>
        cell === null || cell === undefined ? '' : String(cell),
      );
      if (written.length === source.columns.length) source.header = written;
    }
    const plan = planAggregation(source, { ...options, file });

    const byStatus = new Map((await query(plan.countsSql)).map((row) => [String(row.status), Number(row.row_count)]));
    const rejected = byStatus.get('rejected') ?? 0;
    const issues: RowIssue[] = [];
    if (rejected > 0 && (maxIssues > 0 || options.strict)) {
      for (const row of await query(plan.issuesSql(options.strict ? plan.checks.length : maxIssues))) {
        const check = plan.checks[Number(row.check_index)]!;
        const cell = row.cell === null || row.cell === undefined ? undefined : String(row.cell);
        const issue: RowIssue = {
          file,
          row: Number(row.row_number),
          code: check.code,
          message: check.message(cell ?? ''),
        };
        if (check.column !== undefined) issue.column = check.column;
        if (cell !== undefined) issue.value = clip(cell, 1000);
        issues.push(issue);
      }
    }
    if (options.strict && issues.length > 0)
      throw new IngestError(issues.filter((issue) => issue.row === issues[0]!.row));

    // The rows are counted and checked before the flows are made: a strict read fails without aggregating the file.
    const flows: FlowRecord[] = [];
    try {
      // Read chunk by chunk, column by column: far cheaper than a JavaScript object per row from the engine.
      const result = await connection.stream(plan.flowsSql);
      const names = result.columnNames();
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const columns = chunk.getColumns();
        for (let at = 0; at < chunk.rowCount; at++) {
          const row: Row = {};
          names.forEach((name, index) => (row[name] = columns[index]![at]));
          flows.push(toFlowRecord(row, file, plan.extras));
        }
      }
    } catch (error) {
      throw unreadable(error);
    }

    const skippedByRule: Record<string, number> = {};
    for (const rule of ['blank-row', 'hxl-tags']) {
      const count = byStatus.get(rule);
      if (count) skippedByRule[rule] = count;
    }
    const skipped = Object.values(skippedByRule).reduce((sum, count) => sum + count, 0);
    const accepted = byStatus.get('accepted') ?? 0;
    const report: IngestReport = {
      file,
      format: 'flows',
      ...(plan.mapping !== undefined ? { mapping: plan.mapping } : {}),
      ...(delimiter !== undefined ? { delimiter } : {}),
      rowsRead: accepted + rejected + skipped,
      accepted,
      rejected,
      skipped,
      skippedByRule,
      issues,
    };
    return { file, format: 'flows', flows, balances: [], watchlist: [], declaredTotals: [], report };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Parquet or CSV, and gzip, by the file's first bytes rather than its name. */
async function sniff(path: string, file: string): Promise<{ format: 'csv' | 'parquet'; gzip?: boolean }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UnreadableInputError(file, 'not a file');
    if (info.size === 0) throw new UnreadableInputError(file, 'the input is empty');
    const handle = await open(path, 'r');
    try {
      const bytes = Buffer.alloc(4);
      await handle.read(bytes, 0, 4, 0);
      if (bytes.toString('latin1') === 'PAR1') return { format: 'parquet' };
      return { format: 'csv', gzip: bytes[0] === 0x1f && bytes[1] === 0x8b };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UnreadableInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new UnreadableInputError(file, reason, { cause: error });
  }
}

function toFlowRecord(row: Row, file: string, extras: string[]): FlowRecord {
  const flow: FlowRecord = {
    from: nodeRef(row, 'from'),
    to: nodeRef(row, 'to'),
    // DuckDB's decimal text, exact: never a float between the engine and the Decimal.
    amount: new Decimal(String(row.amount)),
    currency: String(row.currency),
    stage: String(row.stage) as Stage,
    provenance: { file, firstRow: Number(row.first_row), lastRow: Number(row.last_row), rows: Number(row.row_count) },
  };
  if (row.flow_date !== null) flow.date = String(row.flow_date);
  if (row.period !== null) flow.period = String(row.period);
  if (row.reference !== null) flow.reference = String(row.reference);
  let attributes: Record<string, string> | undefined;
  extras.forEach((label, at) => {
    const value = row[`x${at}`];
    if (value === null || value === undefined) return;
    attributes ??= {};
    setOwn(attributes, label, String(value));
  });
  if (attributes) flow.attributes = attributes;
  return flow;
}

function nodeRef(row: Row, end: 'from' | 'to'): NodeRef {
  const ref: NodeRef = { id: String(row[`${end}_id`]) };
  const kind = row[`${end}_kind`];
  if (kind !== null) ref.kind = kind as NodeKind;
  const name = row[`${end}_name`];
  if (name !== null) ref.name = String(name);
  const taxId = row[`${end}_tax_id`];
  if (taxId !== null) ref.taxId = String(taxId);
  return ref;
}
