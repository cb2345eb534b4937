// One measured job of the DuckDB comparison, run in a process of its own so that its peak memory is its own. Plain
// JavaScript on the built library (npm run bench builds it first): no TypeScript loader in the measured process.
// Prints one line of JSON: the milliseconds of each step, the groups made, and the process's peak RSS.
import { ingestFile } from '../../dist/node/index.js';
import { buildFlowGraph, flag, reconcile, toSankey } from '../../dist/index.js';

const [job, path, kind] = process.argv.slice(2);

const BUDGET_MAPPING = JSON.parse(process.env.CAUCE_BENCH_MAPPING ?? 'null');

function timed(step, times, run) {
  const start = performance.now();
  const result = run();
  times[step] = Math.round(performance.now() - start);
  return result;
}

async function timedAsync(step, times, run) {
  const start = performance.now();
  const result = await run();
  times[step] = Math.round(performance.now() - start);
  return result;
}

const quote = (text) => `'${text.replaceAll("'", "''")}'`;

// What cauce's flows grain computes, in SQL: per (from, to, stage, currency, period) the exact sum, the rows behind it
// (count, first and last row), the date and reference when all rows share one, and the first row's description.
function duckPaymentsSql(file) {
  return `CREATE TABLE flows AS
    WITH numbered AS (SELECT *, row_number() OVER () + 1 AS row FROM read_csv(${quote(file)}, all_varchar = true, header = true))
    SELECT "from", "to", coalesce(stage, 'paid') AS stage, 'MXN' AS currency,
      sum(CAST(amount AS DECIMAL(38, 2))) AS amount, count(*) AS rows, min(row) AS first_row, max(row) AS last_row,
      CASE WHEN min(date) = max(date) THEN min(date) END AS date,
      CASE WHEN min(reference) = max(reference) THEN min(reference) END AS reference,
      arg_min(to_name, row) AS to_name, arg_min(to_tax_id, row) AS to_tax_id
    FROM numbered GROUP BY "from", "to", coalesce(stage, 'paid')`;
}

function duckBudgetSql(file) {
  const level = (from, to) => `SELECT ${from} AS "from", ${to} AS "to", CICLO AS period,
      sum(CAST(MONTO_APROBADO AS DECIMAL(38, 2))) AS approved, sum(CAST(MONTO_MODIFICADO AS DECIMAL(38, 2))) AS modified,
      sum(CAST(MONTO_EJERCIDO AS DECIMAL(38, 2))) AS exercised, count(*) AS rows, min(row) AS first_row, max(row) AS last_row
    FROM numbered GROUP BY 1, 2, 3`;
  return `CREATE TABLE flows AS
    WITH numbered AS (SELECT *, row_number() OVER () + 1 AS row FROM read_csv(${quote(file)}, all_varchar = true, header = true))
    ${level("'ramo:' || RAMO", "'ur:' || UR")} UNION ALL ${level("'ur:' || UR", "'pp:' || PP")}`;
}

const times = {};
const out = { job, times };
if (job === 'duckdb') {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await timedAsync('group', times, () =>
    connection.run(kind === 'budget' ? duckBudgetSql(path) : duckPaymentsSql(path)),
  );
  const count = await connection.runAndReadAll('SELECT count(*) FROM flows');
  out.groups = Number(count.getRows()[0][0]);
} else {
  const options = kind === 'budget' ? { mapping: BUDGET_MAPPING, aggregate: 'flows' } : { aggregate: 'flows' };
  const result = await timedAsync('ingest', times, () => ingestFile(path, options));
  out.groups = result.flows.length;
  out.rows = result.report.rowsRead;
  if (job === 'cauce-pipeline') {
    const graph = timed('graph', times, () => buildFlowGraph(result));
    timed('reconcile', times, () => reconcile(graph));
    out.flags = timed('flags', times, () => flag(graph)).summary.total;
    timed('sankey', times, () => toSankey(graph, { stage: kind === 'budget' ? 'approved' : 'paid', top: 20 }));
  }
}
out.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(out));
