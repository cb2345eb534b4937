import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { UnreadableInputError } from '../../errors/UnreadableInputError.js';
import { flag } from '../../flags/flag.js';
import { type FlagConfig, SEVERITIES, type Severity } from '../../flags/types.js';
import type { WatchlistEntry } from '../../ingest/records.js';
import { Decimal } from '../../money/Decimal.js';
import { formatAmount } from '../../money/formatAmount.js';
import { INPUT_OPTIONS, toIngestOptions } from '../commonOptions.js';
import { EXIT } from '../exitCodes.js';
import { formatTable } from '../formatTable.js';
import type { Io } from '../Io.js';
import { loadInputs } from '../loadInputs.js';
import { readWatchlist } from '../readWatchlist.js';
import { positiveInteger } from '../positiveInteger.js';
import { toJson } from '../toJson.js';
import { appendAll } from '../../util/appendAll.js';
import { UsageError } from '../UsageError.js';

export const FLAGS_HELP = `Usage: cauce flags <files...> [--watchlist FILE ...] [--config FILE] [--rules a,b] [--fail-on SEVERITY]
                   [--lang en|es] [--limit N] [--json] [input options]

Runs the anomaly rules (overspend, pass-through, watchlist, split-payments, ...) and lists the flags most severe
first, then largest amount, each with the amount at stake, a sentence, and the file and rows behind it.
--watchlist reads a list of companies (a canonical tax_id,name,status,listed_on table, or SAT's 69-B list as SAT
publishes it); watchlist tables given as inputs count too. --config is a JSON file of per-rule options, e.g.
{"split-payments": {"threshold": "300000"}, "benford": {"enabled": false}}. --fail-on makes the command exit 1 when
any flag at or above that severity (info, low, medium, high) fires.
`;

const OPTIONS = {
  ...INPUT_OPTIONS,
  watchlist: { type: 'string', multiple: true },
  config: { type: 'string' },
  rules: { type: 'string' },
  'fail-on': { type: 'string' },
  lang: { type: 'string' },
  limit: { type: 'string' },
} as const;

export async function flagsCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(FLAGS_HELP);
    return EXIT.done;
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && !SEVERITIES.includes(failOn as Severity)) {
    throw new UsageError(`--fail-on ${failOn}: use one of ${SEVERITIES.join(', ')}`);
  }
  const lang = values.lang ?? 'en';
  if (lang !== 'en' && lang !== 'es') throw new UsageError(`--lang ${lang}: use en or es`);
  const limit = values.limit === undefined ? 50 : positiveInteger('--limit', values.limit);
  const config = values.config === undefined ? undefined : await readConfig(values.config);
  const rules = values.rules?.split(',').map((rule) => rule.trim());

  const { results, graph } = await loadInputs(positionals, await toIngestOptions(values), io.progress);
  const watchlist: WatchlistEntry[] = results.flatMap((result) => result.watchlist);
  for (const file of values.watchlist ?? []) appendAll(watchlist, await readWatchlist(file));
  const result = flag(graph, { ...(rules ? { rules } : {}), ...(config ? { config } : {}), watchlist });

  if (values.json) {
    io.out(toJson(result));
  } else {
    const { summary } = result;
    const atStake = Object.entries(summary.amountAtStake)
      .map(([currency, amount]) => formatAmount(new Decimal(amount), { currency, locale: lang }))
      .join(', ');
    io.out(
      `${summary.total} flags (${SEVERITIES.slice()
        .reverse()
        .map((severity) => `${summary.bySeverity[severity]} ${severity}`)
        .join(', ')})${atStake ? `; at stake: ${atStake}` : ''}\n`,
    );
    if (result.flags.length > 0) {
      io.out(
        formatTable(
          ['severity', 'rule', '>amount', 'what', 'where'],
          result.flags.slice(0, limit).map((found) => [
            found.severity,
            found.rule,
            formatAmount(new Decimal(found.amount), { currency: found.currency, locale: lang }),
            found.message[lang],
            found.provenance
              .slice(0, 2)
              .map((p) =>
                p.firstRow === p.lastRow ? `${p.file}:${p.firstRow}` : `${p.file}:${p.firstRow}-${p.lastRow}`,
              )
              .join(' '),
          ]),
        ),
      );
      if (result.flags.length > limit)
        io.err(`${result.flags.length - limit} more flags not shown; use --limit N or --json\n`);
    }
  }
  if (failOn !== undefined) {
    const floor = SEVERITIES.indexOf(failOn as Severity);
    if (result.flags.some((found) => SEVERITIES.indexOf(found.severity) >= floor)) return EXIT.flagged;
  }
  return EXIT.done;
}

async function readConfig(path: string): Promise<FlagConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UnreadableInputError(path, 'cannot read the config file', { cause: error });
  }
  try {
    const config = JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('not an object');
    return config as FlagConfig;
  } catch (error) {
    throw new UsageError(`--config ${path}: not a JSON object of rule options (${(error as Error).message})`);
  }
}
