import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { ingestCsvStream } from '../ingest/ingestCsvStream.js';
import type { IngestResult } from '../ingest/records.js';
import { buildFlowGraph } from '../model/buildFlowGraph.js';
import type { FlowGraph } from '../model/types.js';
import { ingestFdpFile } from '../node/ingestFdpFile.js';
import { ingestFile } from '../node/ingestFile.js';
import { fromGraphJson } from '../export/fromGraphJson.js';
import { ingestOcds } from '../ingest/ocds/ingestOcds.js';
import { mergeGraph } from '../model/mergeGraph.js';
import { readJsonFile } from '../node/readJsonFile.js';
import type { InputOptions } from './commonOptions.js';
import { createProgressBar, type ProgressOutput } from './progressBar.js';
import { UsageError } from './UsageError.js';
import { ingestWithDuckDb } from '../node/duckdb/ingestWithDuckDb.js';
import type { DuckDbOptions } from '../node/duckdb/DuckDbOptions.js';

export interface LoadedInputs {
  results: IngestResult[];
  graph: FlowGraph;
}

/**
 * Reads every input and joins them into one graph. Each input is read by what it is: `--preset ocds` or a `.json`
 * file is OCDS, `--preset fdp` or a `datapackage.json` is a Fiscal Data Package, `-` is a table on standard input,
 * anything else a table. Errors reading an input propagate as cauce errors. A large table file shows a progress bar
 * on `progressTo` when it is a terminal, unless `options.quiet`.
 */
export async function loadInputs(
  files: string[],
  options: InputOptions,
  progressTo?: ProgressOutput,
): Promise<LoadedInputs> {
  if (files.length === 0) throw new UsageError('no input files: give one or more files');
  if (files.filter((file) => file === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  if (options.engine === 'duckdb' && files.includes('-'))
    throw new UsageError('--engine duckdb reads files, not standard input (-)');
  const { preset, quiet, engine, ...tableOptions } = options;
  const read = preset === undefined ? tableOptions : { ...tableOptions, preset };
  const results: IngestResult[] = [];
  const graphs: FlowGraph[] = [];
  for (const file of files) {
    const name = basename(file).toLowerCase();
    const common = {
      ...(options.defaultCurrency ? { defaultCurrency: options.defaultCurrency } : {}),
      ...(options.strict ? { strict: true } : {}),
    };
    if (preset === 'fdp' || name === 'datapackage.json' || name === 'datapackage.json.gz') {
      results.push(...(await ingestFdpFile(file, common)));
    } else if (preset === 'ocds' || (preset === undefined && !options.mapping && /\.json(\.gz)?$/.test(name))) {
      const json = await readJsonFile(file);
      // A graph cauce wrote (cauce export --format json) is read back as it is; any other JSON is OCDS.
      if ((json as { format?: unknown })?.format === 'cauce-graph' && preset === undefined)
        graphs.push(fromGraphJson(json));
      else results.push(ingestOcds(json, { ...common, file }));
    } else if (file === '-') {
      const stdin = Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>;
      results.push(await ingestCsvStream(stdin, { ...read, file: '<stdin>' }));
    } else if (engine === 'duckdb') {
      results.push(await ingestWithDuckDb(file, duckDbOptions(options)));
    } else {
      // A file that cannot be stat'ed gets no bar; ingestFile then says what is wrong with it.
      const fileBytes = await stat(file).then(
        (info) => info.size,
        () => 0,
      );
      const bar = progressTo ? createProgressBar(progressTo, { file, fileBytes, quiet }) : undefined;
      try {
        results.push(await ingestFile(file, bar ? { ...read, onProgress: bar.update } : read));
      } finally {
        bar?.done();
      }
    }
  }
  const graph = buildFlowGraph(results, options.defaultCurrency ? { defaultCurrency: options.defaultCurrency } : {});
  for (const saved of graphs) mergeGraph(graph, saved);
  return { results, graph };
}

/** The table options the DuckDB engine takes, from the command line's. */
function duckDbOptions(options: InputOptions): DuckDbOptions {
  const { preset, mapping, defaultCurrency, strict, delimiter, decimal, unit, encoding } = options;
  const picked: Record<string, unknown> = {
    preset,
    mapping,
    defaultCurrency,
    strict,
    delimiter,
    decimal,
    unit,
    encoding,
  };
  for (const key of Object.keys(picked)) if (picked[key] === undefined) delete picked[key];
  return picked as DuckDbOptions;
}
