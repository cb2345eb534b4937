import { CauceError } from '../errors/CauceError.js';
import { IngestError } from '../errors/IngestError.js';
import { MappingError } from '../errors/MappingError.js';
import { EXPORT_HELP, exportCommand } from './commands/export.js';
import { FLAGS_HELP, flagsCommand } from './commands/flags.js';
import { INGEST_HELP, ingestCommand } from './commands/ingest.js';
import { INSPECT_HELP, inspectCommand } from './commands/inspect.js';
import { RECONCILE_HELP, reconcileCommand } from './commands/reconcile.js';
import { REPORT_HELP, reportCommand } from './commands/report.js';
import { SANKEY_HELP, sankeyCommand } from './commands/sankey.js';
import { TRACE_HELP, traceCommand } from './commands/trace.js';
import { EXIT } from './exitCodes.js';
import { forTerminal } from './formatTable.js';
import type { Io } from './Io.js';
import { UsageError } from './UsageError.js';

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  inspect: inspectCommand,
  ingest: ingestCommand,
  trace: traceCommand,
  reconcile: reconcileCommand,
  flags: flagsCommand,
  export: exportCommand,
  sankey: sankeyCommand,
  report: reportCommand,
};

export const HELP = `cauce: follow public money from budget lines to the companies, people and governments that receive it.

Usage: cauce <command> <inputs...> [options]

Commands:
  inspect  look at a file: encoding, header, columns, totals; suggest a mapping (--mapping-out FILE)
  ingest   read files into one flow graph; report every row and the exact totals
  trace    follow the money from a node, downstream (--down) or upstream (--up)
  reconcile  check that the money adds up: declared totals, hierarchy, conservation, stage order, trusts
  flags    where the money looks wrong: overspending, pass-through, payments to listed companies, ...
  report   write one self-contained HTML page: inputs, Sankey, flags, reconciliation, rejected rows
  sankey   draw where the money goes: d3/Plotly/ECharts/Google JSON or an SVG
  export   write the graph as flows CSV, graph JSON, GEXF (Gephi) or FtM entities (Aleph)

Output: data on stdout (--json for JSON), messages on stderr.
Exit codes: 0 done, 1 flags at or above --fail-on, 2 usage error, 3 input that cannot be read.
Run 'cauce <command> --help' for a command's options.

${INSPECT_HELP}
${INGEST_HELP}
${TRACE_HELP}
${RECONCILE_HELP}
${FLAGS_HELP}
${EXPORT_HELP}
${SANKEY_HELP}
${REPORT_HELP}`;

/** Runs one command line and returns its exit code; never throws. */
export async function run(argv: string[], io: Io, version = '0.0.0'): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) {
    io.err(HELP);
    return EXIT.usage;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP);
    return EXIT.done;
  }
  if (command === '--version' || command === '-v') {
    io.out(`${version}\n`);
    return EXIT.done;
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) {
    io.err(
      `cauce: unknown command ${JSON.stringify(forTerminal(command))}; commands: ${Object.keys(COMMANDS).join(', ')}\n`,
    );
    return EXIT.usage;
  }
  try {
    return await handler(args, io);
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Io): number {
  const code = (error as { code?: unknown }).code;
  // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options.
  if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
    io.err(`cauce: ${forTerminal((error as Error).message)}\n`);
    return EXIT.usage;
  }
  if (error instanceof MappingError) {
    io.err(`cauce: ${forTerminal(error.message)}\n`);
    return EXIT.usage;
  }
  if (error instanceof IngestError) {
    io.err(`cauce: strict ingest stopped: ${forTerminal(error.message)}\n`);
    return EXIT.unreadable;
  }
  if (error instanceof CauceError && error.code === 'invalid_argument') {
    io.err(`cauce: ${forTerminal(error.message)}\n`);
    return EXIT.usage;
  }
  if (error instanceof CauceError) {
    io.err(`cauce: ${forTerminal(error.message)}\n`);
    return EXIT.unreadable;
  }
  io.err(`cauce: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
  return 70; // EX_SOFTWARE: a bug in cauce, not in the input.
}
