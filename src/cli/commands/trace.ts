import { parseArgs } from 'node:util';
import { formatAmount } from '../../money/formatAmount.js';
import { isStage, STAGES } from '../../model/stages.js';
import type { StageTotal } from '../../model/StageTotal.js';
import { trace, type TraceOptions } from '../../model/trace.js';
import type { FlowGraph } from '../../model/types.js';
import { INPUT_OPTIONS, toIngestOptions } from '../commonOptions.js';
import { EXIT } from '../exitCodes.js';
import { forTerminal } from '../formatTable.js';
import type { Io } from '../Io.js';
import { loadInputs } from '../loadInputs.js';
import { positiveInteger } from '../positiveInteger.js';
import { toJson } from '../toJson.js';
import { UsageError } from '../UsageError.js';

export const TRACE_HELP = `Usage: cauce trace <files...> --node ID [--down | --up] [--stage S] [--depth N] [--max-paths N]
                   [--currency C] [--limit N] [--json] [ingest options]

Follows the money from a node: --down (default) to where it went, --up to where it came from. Prints every path
with the exact amounts of each hop (--limit caps the lines printed; --json prints everything).
`;

const OPTIONS = {
  ...INPUT_OPTIONS,
  node: { type: 'string' },
  currency: { type: 'string' },
  up: { type: 'boolean' },
  down: { type: 'boolean' },
  stage: { type: 'string' },
  depth: { type: 'string' },
  'max-paths': { type: 'string' },
  limit: { type: 'string' },
} as const;

export async function traceCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(TRACE_HELP);
    return EXIT.done;
  }
  if (values.node === undefined) throw new UsageError('trace needs --node ID');
  if (values.up && values.down) throw new UsageError('--up and --down exclude each other');
  if (values.stage !== undefined && !isStage(values.stage)) {
    throw new UsageError(`--stage ${values.stage}: use one of ${STAGES.join(', ')}`);
  }
  const options: TraceOptions = { direction: values.up ? 'up' : 'down' };
  if (values.stage !== undefined) options.stage = values.stage as TraceOptions['stage'];
  if (values.currency !== undefined) options.currency = values.currency.toUpperCase();
  if (values.depth !== undefined) options.maxDepth = positiveInteger('--depth', values.depth);
  if (values['max-paths'] !== undefined) options.maxPaths = positiveInteger('--max-paths', values['max-paths']);
  const limit = values.limit === undefined ? 50 : positiveInteger('--limit', values.limit);

  const { graph } = await loadInputs(positionals, await toIngestOptions(values), io.progress);
  if (!graph.hasNode(values.node)) {
    throw new UsageError(`--node ${values.node}: no such node in the inputs${suggest(graph, values.node)}`);
  }
  const result = trace(graph, values.node, options);
  if (values.json) {
    io.out(toJson(result));
    return EXIT.done;
  }
  const origin = graph.getNodeAttributes(values.node);
  io.out(
    forTerminal(
      `${origin.id} (${origin.name}), ${result.direction === 'down' ? 'downstream' : 'upstream'}` +
        `${options.stage ? `, stage ${options.stage}` : ''}: ${result.paths.length} paths` +
        `${result.truncated ? ' (cut at --max-paths)' : ''}, ${result.reached.length - 1} nodes reached\n`,
    ),
  );
  for (const path of result.paths.slice(0, limit)) {
    const parts = [path.nodes[0]!];
    path.hops.forEach((hop, at) => parts.push(`-[${formatTotals(hop.totals)}]-> ${path.nodes[at + 1]}`));
    io.out(forTerminal(parts.join(' ')) + '\n');
  }
  if (result.paths.length > limit) {
    io.err(`${result.paths.length - limit} more paths not shown; use --limit N or --json\n`);
  }
  return EXIT.done;
}

function formatTotals(totals: StageTotal[]): string {
  return totals.map((total) => `${total.stage} ${formatAmount(total.amount, { currency: total.currency })}`).join(', ');
}

function suggest(graph: FlowGraph, id: string): string {
  const needle = id.toLowerCase();
  const close = graph.filterNodes(
    (node, attributes) => node.toLowerCase().includes(needle) || attributes.name.toLowerCase().includes(needle),
  );
  return close.length > 0 ? `; did you mean ${close.slice(0, 5).join(', ')}?` : '';
}
