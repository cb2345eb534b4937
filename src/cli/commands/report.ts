import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderReport } from '../../export/renderReport.js';
import { renderSankeySvg } from '../../export/renderSankeySvg.js';
import { toSankey, type ToSankeyOptions } from '../../export/toSankey.js';
import { flag } from '../../flags/flag.js';
import type { WatchlistEntry } from '../../ingest/records.js';
import { isStage, type Stage, STAGES } from '../../model/stages.js';
import { reconcile } from '../../reconcile/reconcile.js';
import { appendAll } from '../../util/appendAll.js';
import { INPUT_OPTIONS, toIngestOptions } from '../commonOptions.js';
import { EXIT } from '../exitCodes.js';
import { forTerminal } from '../formatTable.js';
import type { Io } from '../Io.js';
import { loadInputs } from '../loadInputs.js';
import { positiveInteger } from '../positiveInteger.js';
import { readWatchlist } from '../readWatchlist.js';
import { toJson } from '../toJson.js';
import { UsageError } from '../UsageError.js';

// A dozen bars a column stay readable on a page; a budget's thousands of recipients would be thinner than a pixel.
const CHART_TOP = 12;
const FILE_NAME = 'report.html';

export const REPORT_HELP = `Usage: cauce report <files...> --out DIR [--watchlist FILE ...] [--stage S] [--top N] [--lang es|en]
                    [--title T] [--limit N] [--json] [input options]

Writes DIR/${FILE_NAME}: one self-contained HTML page (no network, prints well) with the inputs and what happened to
every row, the money entering the graph, a Sankey chart of one stage (default: the first stage the inputs have),
the flags (sortable by severity and amount), the reconciliation (mismatches largest difference first), and the
rejected and skipped rows, every figure beside the file and rows it came from. Prints the page's path on stdout
(--json: {"report": path, "flags": N, "mismatched": N}).
  --watchlist FILE  a list of companies to check payees against, as for 'cauce flags'
  --top N           per column of the chart, keep the N largest nodes and fold the rest into "Other" (default ${CHART_TOP})
  --limit N         at most N rows in each list of the page (default 2000); the rest are counted
  --lang es|en      the page's language (default es)
`;

const OPTIONS = {
  ...INPUT_OPTIONS,
  watchlist: { type: 'string', multiple: true },
  stage: { type: 'string' },
  top: { type: 'string' },
  lang: { type: 'string' },
  title: { type: 'string' },
  limit: { type: 'string' },
  out: { type: 'string' },
} as const;

export async function reportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(REPORT_HELP);
    return EXIT.done;
  }
  if (values.out === undefined) throw new UsageError('--out DIR is required: the folder to write report.html in');
  const lang = values.lang ?? 'es';
  if (lang !== 'es' && lang !== 'en') throw new UsageError(`--lang ${values.lang}: use es or en`);
  if (values.stage !== undefined && !isStage(values.stage)) {
    throw new UsageError(`--stage ${values.stage}: use one of ${STAGES.join(', ')}`);
  }
  const chart: ToSankeyOptions = {
    lang,
    top: values.top === undefined ? CHART_TOP : positiveInteger('--top', values.top),
    ...(values.stage !== undefined ? { stage: values.stage as Stage } : {}),
  };
  const maxRows = values.limit === undefined ? undefined : positiveInteger('--limit', values.limit);

  const { results, graph } = await loadInputs(positionals, await toIngestOptions(values), io.progress);
  const watchlist: WatchlistEntry[] = results.flatMap((result) => result.watchlist);
  for (const file of values.watchlist ?? []) appendAll(watchlist, await readWatchlist(file));
  const checks = reconcile(graph);
  const flags = flag(graph, { watchlist });
  const sankey = toSankey(graph, chart);
  const html = renderReport({
    lang,
    graph,
    reports: results.map((result) => result.report),
    reconcile: checks,
    flags,
    sankey,
    svg: renderSankeySvg(sankey, { lang }),
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(maxRows !== undefined ? { maxRows } : {}),
  });

  const path = join(values.out, FILE_NAME);
  try {
    await mkdir(values.out, { recursive: true });
    await writeFile(path, html);
  } catch (error) {
    throw new UsageError(
      `--out ${values.out}: cannot write ${FILE_NAME} there (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  if (values.json) {
    io.out(toJson({ report: path, flags: flags.flags.length, mismatched: checks.summary.mismatched }));
  } else {
    io.out(`${path}\n`);
    io.err(
      `wrote the report of ${results.length} ${results.length === 1 ? 'input' : 'inputs'}, ` +
        `${flags.flags.length} flags and ${checks.summary.mismatched} mismatches to ${forTerminal(path)}\n`,
    );
  }
  return EXIT.done;
}
