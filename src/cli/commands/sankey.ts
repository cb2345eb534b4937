import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { renderSankeySvg } from '../../export/renderSankeySvg.js';
import type { SankeyData, SankeyNote } from '../../export/SankeyData.js';
import { toEChartsSankey } from '../../export/toEChartsSankey.js';
import { toGoogleSankey } from '../../export/toGoogleSankey.js';
import { toPlotlySankey } from '../../export/toPlotlySankey.js';
import { toSankey, type ToSankeyOptions } from '../../export/toSankey.js';
import { Decimal } from '../../money/Decimal.js';
import { formatAmount } from '../../money/formatAmount.js';
import { isStage, type Stage, STAGES } from '../../model/stages.js';
import { INPUT_OPTIONS, toIngestOptions } from '../commonOptions.js';
import { EXIT } from '../exitCodes.js';
import { forTerminal } from '../formatTable.js';
import type { Io } from '../Io.js';
import { loadInputs } from '../loadInputs.js';
import { positiveInteger } from '../positiveInteger.js';
import { toJson } from '../toJson.js';
import { UsageError } from '../UsageError.js';

// What the SVG folds to when the user asks for no folding: a dozen bars a column stay readable at 600 pixels.
const SVG_TOP = 12;

export const SANKEY_HELP = `Usage: cauce sankey <files...> [--format d3|plotly|echarts|google|svg] [--stage S]
                    [--currency C] [--top N] [--min-share X] [--focus ID [--depth N]] [--lang es|en]
                    [--width W] [--height H] [--out FILE] [--json] [input options]

Draws where the money goes at one stage (default: the first stage the inputs have) as a Sankey: JSON for a chart
library (d3 = d3-sankey's nodes and links with exact amounts, the default; plotly, echarts, google) or a standalone
SVG. Loops are broken, zero and negative totals left out, imbalances shown as links to "Retained or unexplained" or
from "Unexplained source": one line on stderr per kind of change (--json: none; the d3 form lists them in "notes").
  --top N          per column, keep the N largest nodes and fold the rest into "Other"
  --min-share X    per column, fold the nodes below this share of its money (0.01 or 1%)
  --focus ID       only what flows into and out of this node, --depth N hops each way (default 1)
  --width, --height  the SVG's size in pixels (default 960 by 600)
The SVG folds each column to its ${SVG_TOP} largest nodes unless --top or --min-share is given: a budget's thousands of
recipients would otherwise be bars thinner than a pixel.
`;

const FORMATS = ['d3', 'plotly', 'echarts', 'google', 'svg'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  ...INPUT_OPTIONS,
  format: { type: 'string' },
  stage: { type: 'string' },
  currency: { type: 'string' },
  top: { type: 'string' },
  'min-share': { type: 'string' },
  focus: { type: 'string' },
  depth: { type: 'string' },
  lang: { type: 'string' },
  width: { type: 'string' },
  height: { type: 'string' },
  out: { type: 'string' },
} as const;

export async function sankeyCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(SANKEY_HELP);
    return EXIT.done;
  }
  const format = (values.format ?? 'd3') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${values.format}: use one of ${FORMATS.join(', ')}`);
  const lang = values.lang ?? 'es';
  if (lang !== 'es' && lang !== 'en') throw new UsageError(`--lang ${values.lang}: use es or en`);
  if (values.stage !== undefined && !isStage(values.stage)) {
    throw new UsageError(`--stage ${values.stage}: use one of ${STAGES.join(', ')}`);
  }
  if (values.depth !== undefined && values.focus === undefined) throw new UsageError('--depth goes with --focus ID');
  if (format !== 'svg' && (values.width !== undefined || values.height !== undefined)) {
    throw new UsageError('--width and --height go with --format svg');
  }
  const options: ToSankeyOptions = { lang };
  if (values.stage !== undefined) options.stage = values.stage as Stage;
  if (values.currency !== undefined) {
    if (!/^[A-Za-z]{3}$/.test(values.currency))
      throw new UsageError(`--currency ${values.currency}: expected a code like MXN`);
    options.currency = values.currency.toUpperCase();
  }
  if (values.top !== undefined) options.top = positiveInteger('--top', values.top);
  if (values['min-share'] !== undefined) options.minShare = parseShare(values['min-share']);
  if (format === 'svg' && options.top === undefined && options.minShare === undefined) options.top = SVG_TOP;
  if (values.depth !== undefined) options.focusDepth = positiveInteger('--depth', values.depth);
  const size = {
    ...(values.width !== undefined ? { width: pixels('--width', values.width, 201) } : {}),
    ...(values.height !== undefined ? { height: pixels('--height', values.height, 55) } : {}),
  };

  const { graph } = await loadInputs(positionals, await toIngestOptions(values), io.progress);
  if (values.focus !== undefined) {
    if (!graph.hasNode(values.focus)) throw new UsageError(`--focus ${values.focus}: no such node in the inputs`);
    options.focus = values.focus;
  }
  const data = toSankey(graph, options);
  const text = render(data, format, lang, size);

  if (!values.json) {
    for (const line of summarizeNotes(data.notes, data.currency)) io.err(`${forTerminal(line)}\n`);
  }
  if (values.out === undefined) {
    io.out(text);
    return EXIT.done;
  }
  try {
    await writeFile(values.out, text);
  } catch (error) {
    throw new UsageError(`--out ${values.out}: cannot write it (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  if (!values.json) {
    io.err(
      `wrote the ${format} Sankey of ${data.nodes.length} nodes and ${data.links.length} links ` +
        `(${data.stage}, ${data.currency}) to ${forTerminal(values.out)}\n`,
    );
  }
  return EXIT.done;
}

function render(data: SankeyData, format: Format, lang: 'es' | 'en', size: { width?: number; height?: number }) {
  switch (format) {
    case 'svg':
      return renderSankeySvg(data, { lang, ...size });
    case 'plotly':
      return toJson(toPlotlySankey(data));
    case 'echarts':
      return toJson(toEChartsSankey(data));
    case 'google':
      return toJson(toGoogleSankey(data));
    default:
      return toJson(data);
  }
}

/** `0.01` or `1%`, as the decimal string toSankey takes. */
function parseShare(text: string): string {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  const share = match ? (match[2] ? new Decimal(match[1]!).dividedBy(100) : new Decimal(match[1]!)) : undefined;
  if (!share || share.greaterThan(1)) throw new UsageError(`--min-share ${text}: use a share from 0 to 1 (0.01) or 1%`);
  return share.toFixed();
}

function pixels(flag: string, text: string, least: number): number {
  const value = positiveInteger(flag, text);
  if (value < least) throw new UsageError(`${flag} ${text}: expected at least ${least} pixels`);
  return value;
}

const DESCRIPTIONS: Record<SankeyNote['code'], (count: number, nodes: number) => string> = {
  'cycle-broken': (count) => `${count} ${count === 1 ? 'link' : 'links'} closing a loop left out`,
  'zero-dropped': (count) => `${count} ${count === 1 ? 'link' : 'links'} with a total of zero left out`,
  'negative-dropped': (count) => `${count} ${count === 1 ? 'link' : 'links'} with a negative total left out`,
  'lone-node-dropped': (count) => `${count} ${count === 1 ? 'node' : 'nodes'} with no link left to draw`,
  folded: (count, nodes) => `${nodes} nodes folded into "Other" in ${count} ${count === 1 ? 'column' : 'columns'}`,
  retained: (count) =>
    `${count} ${count === 1 ? 'node' : 'nodes'} received more than ${count === 1 ? 'it' : 'they'} paid out, ` +
    'shown as links to "Retained or unexplained"',
  unexplained: (count) =>
    `${count} ${count === 1 ? 'node' : 'nodes'} paid out more than ${count === 1 ? 'it' : 'they'} received, ` +
    'shown as links from "Unexplained source"',
  'other-currency-left-out': (count) =>
    `flows in ${count} other ${count === 1 ? 'currency' : 'currencies'} left out of this chart (see --currency)`,
};

// Folded nodes of several columns carry the same money again, and dropped zeros add up to nothing: no sum for those.
// Amounts in other currencies cannot be added to the chart's.
const UNSUMMED = new Set<SankeyNote['code']>([
  'folded',
  'zero-dropped',
  'lone-node-dropped',
  'other-currency-left-out',
]);

/** One line per kind of note, in the order they first appear: how many, and the money they add up to. */
function summarizeNotes(notes: SankeyNote[], currency: string): string[] {
  const byCode = new Map<SankeyNote['code'], { count: number; nodes: number; amount?: Decimal }>();
  for (const note of notes) {
    const entry = byCode.get(note.code) ?? { count: 0, nodes: 0 };
    entry.count++;
    entry.nodes += note.nodes.length;
    if (note.amount !== undefined && !UNSUMMED.has(note.code))
      entry.amount = (entry.amount ?? new Decimal(0)).plus(note.amount);
    byCode.set(note.code, entry);
  }
  return [...byCode].map(([code, { count, nodes, amount }]) => {
    const money = amount === undefined ? '' : ` (${formatAmount(amount, { currency, locale: 'en' })})`;
    return `${code}: ${(DESCRIPTIONS[code] ?? ((n: number) => `${n} notes`))(count, nodes)}${money}`;
  });
}
