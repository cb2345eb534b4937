import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { toFlowsCsv } from '../../export/toFlowsCsv.js';
import { toFtmEntities } from '../../export/toFtmEntities.js';
import { toGexf } from '../../export/toGexf.js';
import { toGraphJson } from '../../export/toGraphJson.js';
import { isStage, type Stage, STAGES } from '../../model/stages.js';
import { INPUT_OPTIONS, toIngestOptions } from '../commonOptions.js';
import { EXIT } from '../exitCodes.js';
import { forTerminal } from '../formatTable.js';
import type { Io } from '../Io.js';
import { loadInputs } from '../loadInputs.js';
import { toJson } from '../toJson.js';
import { UsageError } from '../UsageError.js';

export const EXPORT_HELP = `Usage: cauce export <files...> --format csv|json|gexf|ftm [--out FILE] [--stage S] [--bom] [--keep-formulas]
                    [input options]

Writes the graph the inputs make, to stdout or to --out FILE:
  csv   every flow as canonical flows CSV (cauce reads it back with no mapping); text cells that a spreadsheet would
        run as a formula (= + - @) get a leading apostrophe unless --keep-formulas; --bom for Excel
  json  the whole graph: nodes, flows with exact amounts, trust balances, declared totals (format cauce-graph v1)
  gexf  GEXF 1.3 for Gephi: one edge per flow, weight as a float, the exact amount as an attribute
  ftm   Follow the Money entities, one per line, for Aleph: public bodies, companies, payments
--stage S writes only the flows at that stage (gexf and ftm).
`;

const OPTIONS = {
  ...INPUT_OPTIONS,
  format: { type: 'string' },
  out: { type: 'string' },
  stage: { type: 'string' },
  bom: { type: 'boolean' },
  'keep-formulas': { type: 'boolean' },
} as const;

const FORMATS = ['csv', 'json', 'gexf', 'ftm'] as const;
type Format = (typeof FORMATS)[number];

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(EXPORT_HELP);
    return EXIT.done;
  }
  // --json is every command's switch for JSON output; here it can only mean --format json.
  const format = values.format ?? (values.json ? 'json' : undefined);
  if (format === undefined) throw new UsageError(`export needs --format ${FORMATS.join('|')}`);
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format ${format}: use one of ${FORMATS.join(', ')}`);
  }
  if (values.json && format !== 'json') throw new UsageError(`--json and --format ${format} exclude each other`);
  let stage: Stage | undefined;
  if (values.stage !== undefined) {
    if (!isStage(values.stage)) throw new UsageError(`--stage ${values.stage}: use one of ${STAGES.join(', ')}`);
    if (format !== 'gexf' && format !== 'ftm') throw new UsageError('--stage applies to --format gexf and ftm');
    stage = values.stage;
  }
  if ((values.bom || values['keep-formulas']) && format !== 'csv') {
    throw new UsageError(`--${values.bom ? 'bom' : 'keep-formulas'} applies to --format csv`);
  }

  const { results, graph } = await loadInputs(positionals, await toIngestOptions(values), io.progress);
  let data: string;
  switch (format as Format) {
    case 'csv':
      data = toFlowsCsv(graph, { bom: values.bom ?? false, neutralizeFormulas: !values['keep-formulas'] });
      break;
    case 'json':
      data = toJson(toGraphJson(graph));
      break;
    case 'gexf':
      data = toGexf(graph, stage ? { stage } : {});
      break;
    case 'ftm':
      data = toFtmEntities(graph, stage ? { stages: [stage] } : {});
      break;
  }

  // The export holds what was read; rows that were not must not go unnoticed.
  const rejected = results.reduce((sum, result) => sum + result.report.rejected, 0);
  if (rejected > 0) {
    io.err(`cauce: ${rejected} input rows were rejected and are not in the export; 'cauce ingest' lists them\n`);
  }
  if (values.out === undefined) {
    io.out(data);
    return EXIT.done;
  }
  try {
    await writeFile(values.out, data);
  } catch (error) {
    throw new UsageError(`--out ${values.out}: cannot write it (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  const flows =
    stage === undefined ? graph.size : graph.reduceEdges((sum, _edge, flow) => sum + (flow.stage === stage ? 1 : 0), 0);
  io.err(`wrote ${format} of ${graph.order} nodes and ${flows} flows to ${forTerminal(values.out)}\n`);
  return EXIT.done;
}
