import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { type IngestStreamOptions, ingestCsvStream } from '../ingest/ingestCsvStream.js';
import type { IngestResult } from '../ingest/records.js';
import { buildFlowGraph } from '../model/buildFlowGraph.js';
import type { FlowGraph } from '../model/types.js';
import { ingestFdpFile } from '../node/ingestFdpFile.js';
import { ingestFile } from '../node/ingestFile.js';
import { ingestOcdsFile } from '../node/ingestOcdsFile.js';
import { UsageError } from './UsageError.js';

export interface LoadedInputs {
  results: IngestResult[];
  graph: FlowGraph;
}

/**
 * Reads every input and joins them into one graph. Each input is read by what it is: `--preset ocds` or a `.json`
 * file is OCDS, `--preset fdp` or a `datapackage.json` is a Fiscal Data Package, `-` is a table on standard input,
 * anything else a table. Errors reading an input propagate as cauce errors.
 */
export async function loadInputs(files: string[], options: IngestStreamOptions): Promise<LoadedInputs> {
  if (files.length === 0) throw new UsageError('no input files: give one or more files');
  if (files.filter((file) => file === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  const { preset, ...tableOptions } = options;
  const results: IngestResult[] = [];
  for (const file of files) {
    const name = basename(file).toLowerCase();
    const common = {
      ...(options.defaultCurrency ? { defaultCurrency: options.defaultCurrency } : {}),
      ...(options.strict ? { strict: true } : {}),
    };
    if (preset === 'fdp' || name === 'datapackage.json' || name === 'datapackage.json.gz') {
      results.push(...(await ingestFdpFile(file, common)));
    } else if (preset === 'ocds' || (preset === undefined && !options.mapping && /\.json(\.gz)?$/.test(name))) {
      results.push(await ingestOcdsFile(file, common));
    } else if (file === '-') {
      const stdin = Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>;
      results.push(await ingestCsvStream(stdin, { ...options, file: '<stdin>' }));
    } else {
      results.push(await ingestFile(file, preset === undefined ? tableOptions : options));
    }
  }
  const graph = buildFlowGraph(results, options.defaultCurrency ? { defaultCurrency: options.defaultCurrency } : {});
  return { results, graph };
}
