import { Readable } from 'node:stream';
import { type IngestStreamOptions, ingestCsvStream } from '../ingest/ingestCsvStream.js';
import type { IngestResult } from '../ingest/records.js';
import { buildFlowGraph } from '../model/buildFlowGraph.js';
import type { FlowGraph } from '../model/types.js';
import { ingestFile } from '../node/ingestFile.js';
import { UsageError } from './UsageError.js';

export interface LoadedInputs {
  results: IngestResult[];
  graph: FlowGraph;
}

/** Reads every input file and joins them into one graph. Errors reading a file propagate as cauce errors. */
export async function loadInputs(files: string[], options: IngestStreamOptions): Promise<LoadedInputs> {
  if (files.length === 0) throw new UsageError('no input files: give one or more CSV files');
  const results: IngestResult[] = [];
  if (files.filter((file) => file === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  for (const file of files) {
    results.push(
      file === '-'
        ? await ingestCsvStream(Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>, {
            file: '<stdin>',
            ...options,
          })
        : await ingestFile(file, options),
    );
  }
  const graph = buildFlowGraph(results, options.defaultCurrency ? { defaultCurrency: options.defaultCurrency } : {});
  return { results, graph };
}
