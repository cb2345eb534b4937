import { parseArgs } from 'node:util';
import { Decimal } from '../../money/Decimal.js';
import { reconcile } from '../../reconcile/reconcile.js';
import { CHECK_IDS, type CheckId, type CheckResult, type Tolerance } from '../../reconcile/types.js';
import { INPUT_OPTIONS, toIngestOptions } from '../commonOptions.js';
import { EXIT } from '../exitCodes.js';
import { formatTable } from '../formatTable.js';
import type { Io } from '../Io.js';
import { loadInputs } from '../loadInputs.js';
import { positiveInteger } from '../positiveInteger.js';
import { toJson } from '../toJson.js';
import { UsageError } from '../UsageError.js';

export const RECONCILE_HELP = `Usage: cauce reconcile <files...> [--tolerance T] [--checks a,b] [--limit N] [--json] [input options]

Checks that the money adds up: declared-total, hierarchy, conservation, stage-order, trust-balance and
allocation-vs-payments. Each check reports expected, actual and difference as exact amounts, with the files and rows
behind both. --tolerance takes an amount (7.3), a share (0.1%), or both (7.3,0.1%); the default is exact.
The plain output lists the mismatches, largest difference first (--limit N, default 30); --json prints every check.
`;

const OPTIONS = {
  ...INPUT_OPTIONS,
  tolerance: { type: 'string' },
  checks: { type: 'string' },
  limit: { type: 'string' },
} as const;

export async function reconcileCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(RECONCILE_HELP);
    return EXIT.done;
  }
  const tolerance = values.tolerance === undefined ? undefined : parseTolerance(values.tolerance);
  const checks = values.checks === undefined ? undefined : parseChecks(values.checks);
  const limit = values.limit === undefined ? 30 : positiveInteger('--limit', values.limit);
  const { graph } = await loadInputs(positionals, await toIngestOptions(values), io.progress);
  const result = reconcile(graph, { ...(tolerance ? { tolerance } : {}), ...(checks ? { checks } : {}) });
  if (values.json) {
    io.out(toJson(result));
    return EXIT.done;
  }
  const { summary } = result;
  io.out(
    `${summary.checked} checks, ${summary.mismatched} mismatched, ${summary.notCheckable} not checkable\n` +
      formatTable(
        ['check', '>checked', '>mismatched', '>not checkable'],
        Object.entries(summary.byCheck).map(([id, counts]) => [
          id,
          String(counts.checked),
          String(counts.mismatched),
          String(counts.notCheckable),
        ]),
      ),
  );
  const mismatches = result.checks
    .filter((check) => check.status === 'mismatch')
    .sort((a, b) => new Decimal(b.difference).abs().comparedTo(new Decimal(a.difference).abs()));
  if (mismatches.length > 0) {
    io.out(`\nmismatches, largest difference first:\n`);
    io.out(
      formatTable(
        ['check', 'subject', '>expected', '>actual', '>difference', 'currency', 'where'],
        mismatches.slice(0, limit).map((check) => [
          check.check,
          describeSubject(check),
          check.expected,
          check.actual,
          check.difference,
          check.currency,
          [...check.provenance.expected, ...check.provenance.actual]
            .slice(0, 2)
            .map((p) => (p.firstRow === p.lastRow ? `${p.file}:${p.firstRow}` : `${p.file}:${p.firstRow}-${p.lastRow}`))
            .join(' '),
        ]),
      ),
    );
    if (mismatches.length > limit)
      io.err(`${mismatches.length - limit} more mismatches not shown; use --limit N or --json\n`);
  }
  return EXIT.done;
}

function describeSubject(check: CheckResult): string {
  const { subject } = check;
  return [
    subject.nodes.join(', '),
    subject.stage ? (subject.against ? `${subject.stage} vs ${subject.against}` : subject.stage) : '',
    subject.period ?? '',
    subject.group ?? '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** `7.3` is an amount, `0.1%` a share of the expected amount; `7.3,0.1%` allows either. */
export function parseTolerance(text: string): Tolerance {
  const tolerance: Tolerance = {};
  for (const part of text.split(',').map((piece) => piece.trim())) {
    const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(part);
    if (!match) throw new UsageError(`--tolerance ${text}: use an amount (7.3), a share (0.1%), or both (7.3,0.1%)`);
    if (match[2]) tolerance.relative = new Decimal(match[1]!).dividedBy(100).toFixed();
    else tolerance.absolute = match[1]!;
  }
  return tolerance;
}

function parseChecks(text: string): CheckId[] {
  const ids = text.split(',').map((id) => id.trim());
  for (const id of ids) {
    if (!(CHECK_IDS as readonly string[]).includes(id)) {
      throw new UsageError(`--checks ${id}: no such check; checks: ${CHECK_IDS.join(', ')}`);
    }
  }
  return ids as CheckId[];
}
