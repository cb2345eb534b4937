import { parseArgs } from 'node:util';
import type { RowIssue } from '../../ingest/RowIssue.js';
import { Decimal } from '../../money/Decimal.js';
import { formatAmount } from '../../money/formatAmount.js';
import { summarizeGraph } from '../../model/summarizeGraph.js';
import { INPUT_OPTIONS, toIngestOptions } from '../commonOptions.js';
import { EXIT } from '../exitCodes.js';
import { formatTable, forTerminal } from '../formatTable.js';
import type { Io } from '../Io.js';
import { loadInputs } from '../loadInputs.js';
import { toJson } from '../toJson.js';

export const INGEST_HELP = `Usage: cauce ingest <files...> [--json] [input options]

Reads CSV files (gzip too; - for stdin) into one graph and reports what happened to every row: rows read, accepted,
rejected (with file, row, column, value and reason) and skipped by rule; nodes and flows; exact totals by stage and
currency. Canonical flows, balances and watchlist tables need no options; other tables need --preset or --mapping.

Input options (every command that reads files takes them):
  --preset NAME            read with a shipped mapping
  --mapping FILE           read with a mapping saved as JSON (e.g. from cauce inspect)
  --strict                 stop at the first bad row (exit 3)
  --default-currency CODE  currency of rows that state none (default MXN)
  --encoding NAME          utf-8, windows-1252, iso-8859-1, cp850 (default: detected)
  --delimiter D            , ; tab | (default: detected)
  --decimal . | ,          decimal mark of amounts (default .)
  --unit U                 units, thousands or millions (default units)
  --aggregate G            add rows up as they are read: flows (by payer, payee, stage, period), payments (also by
                           date and reference), none (one flow per row; canonical tables' default)
  --engine duckdb          read CSV/Parquet files with DuckDB at the flows grain (npm install @duckdb/node-api)
  --quiet                  no progress bar on stderr (drawn for files over 5 MB when stderr is a terminal)
`;

export async function ingestCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: INPUT_OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(INGEST_HELP);
    return EXIT.done;
  }
  const { results, graph } = await loadInputs(positionals, await toIngestOptions(values), io.progress);
  const summary = summarizeGraph(graph);
  const rows = { read: 0, accepted: 0, rejected: 0, skipped: 0 };
  for (const { report } of results) {
    rows.read += report.rowsRead;
    rows.accepted += report.accepted;
    rows.rejected += report.rejected;
    rows.skipped += report.skipped;
  }
  const issues = results.flatMap(({ report }) => report.issues);

  if (values.json) {
    io.out(
      toJson({
        inputs: results.map(({ report }) => report),
        rows,
        graph: { nodes: summary.nodes, flows: summary.flows },
        totals: summary.byStage,
        entering: summary.entering,
        rejected: issues,
        notes: graph.getAttribute('notes'),
      }),
    );
    return EXIT.done;
  }
  for (const { report } of results) {
    const skipped = Object.entries(report.skippedByRule).map(([rule, count]) => `${count} ${rule}`);
    io.out(
      forTerminal(
        `${report.file}: ${report.format}${report.mapping ? ` (${report.mapping})` : ''}, ${report.rowsRead} rows read: ` +
          `${report.accepted} accepted, ${report.rejected} rejected, ${report.skipped} skipped` +
          `${skipped.length ? ` (${skipped.join(', ')})` : ''}\n`,
      ),
    );
    const details = [
      report.encoding ? `encoding ${report.encoding}${report.encodingDetected ? ' (detected)' : ''}` : '',
      report.mixedEncoding ? 'some bytes were not UTF-8 and were read as windows-1252' : '',
      report.headerRow && report.headerRow > 1 ? `header on row ${report.headerRow}` : '',
      report.declaredTotals ? `${report.declaredTotals} declared totals` : '',
      report.normalizations
        ? `normalised: ${Object.entries(report.normalizations)
            .map(([rule, count]) => `${count} ${rule}`)
            .join(', ')}`
        : '',
    ].filter(Boolean);
    if (details.length > 0) io.out(`  ${details.join('; ')}\n`);
  }
  const notes = graph.getAttribute('notes');
  if (notes.length > 0) {
    io.err(`${notes.length} conflicts between inputs about nodes (the first description was kept); see --json notes\n`);
  }
  io.out(`graph: ${summary.nodes} nodes, ${summary.flows} flows\n\n`);
  if (summary.byStage.length > 0) {
    const enteringOf = (stage: string, currency: string) =>
      summary.entering.find((total) => total.stage === stage && total.currency === currency);
    io.out(
      formatTable(
        ['stage', 'currency', '>flows', '>total of every flow', '>entering the graph'],
        summary.byStage.map((total) => [
          total.stage,
          total.currency,
          String(total.flows),
          formatAmount(total.amount, { currency: total.currency }),
          formatAmount(enteringOf(total.stage, total.currency)?.amount ?? new Decimal(0), { currency: total.currency }),
        ]),
      ),
    );
    io.out('(each level of a chain counts once more in the total of every flow; entering counts the money once)\n');
  }
  if (issues.length > 0) io.out(`\nrejected rows:\n${formatIssues(issues)}`);
  return EXIT.done;
}

function formatIssues(issues: RowIssue[]): string {
  return formatTable(
    ['file', '>row', 'column', 'value', 'code', 'reason'],
    issues.map((issue) => [
      issue.file,
      String(issue.row),
      issue.column ?? '',
      JSON.stringify(issue.value ?? '').slice(0, 40),
      issue.code,
      issue.message,
    ]),
  );
}
