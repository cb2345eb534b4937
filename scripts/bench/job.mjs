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

// What cauce's flows grain computes, in SQL, as a DuckDB user would write it: per (from, to, stage, currency, period)
// the exact sum, the count of rows, the date and reference when all rows share one, and a description of the payee.
// cauce also keeps each flow's first and last row; numbering rows in DuckDB (row_number() OVER ()) costs it its
// parallel scan, so the peer is measured without that, which only makes it faster. Amounts are cast to DECIMAL(18, 2),
// exact for these files and many times faster in DuckDB than a cast to DECIMAL(38, 2); their sum is DECIMAL(38, 2).
function duckPaymentsSql(file) {
  return `CREATE TABLE flows AS
    SELECT "from", "to", coalesce(stage, 'paid') AS stage, 'MXN' AS currency,
      sum(CAST(amount AS DECIMAL(18, 2))) AS amount, count(*) AS rows,
      CASE WHEN min(date) = max(date) THEN min(date) END AS date,
      CASE WHEN min(reference) = max(reference) THEN min(reference) END AS reference,
      first(to_name) AS to_name, first(to_tax_id) AS to_tax_id
    FROM read_csv(${quote(file)}, all_varchar = true, header = true)
    GROUP BY "from", "to", coalesce(stage, 'paid')`;
}

// Each budget line pays ramo -> unit and unit -> programme at three stages: one scan, two pairs per row.
function duckBudgetSql(file) {
  return `CREATE TABLE flows AS
    SELECT pair.f AS "from", pair.t AS "to", period,
      sum(approved) AS approved, sum(modified) AS modified, sum(exercised) AS exercised, count(*) AS rows
    FROM (
      SELECT unnest([{'f': 'ramo:' || RAMO, 't': 'ur:' || UR}, {'f': 'ur:' || UR, 't': 'pp:' || PP}]) AS pair,
        CICLO AS period, CAST(MONTO_APROBADO AS DECIMAL(18, 2)) AS approved,
        CAST(MONTO_MODIFICADO AS DECIMAL(18, 2)) AS modified, CAST(MONTO_EJERCIDO AS DECIMAL(18, 2)) AS exercised
      FROM read_csv(${quote(file)}, all_varchar = true, header = true)
    )
    GROUP BY pair.f, pair.t, period`;
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
    const stage = kind === 'budget' ? 'approved' : 'paid';
    timed('sankey', times, () => toSankey(graph, { stage, top: 20 }));
    // A page redraws its chart when the reader asks for more or fewer nodes: the graph's columns are made by then.
    timed('sankeyAgain', times, () => toSankey(graph, { stage, top: 10 }));
  }
}
out.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(out));
