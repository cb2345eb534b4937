import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { Decimal } from '../money/Decimal.js';
import { formatAmount } from '../money/formatAmount.js';
import type { Stage } from '../model/stages.js';
import { escapeSvgText } from './escapeSvgText.js';
import { layoutSankey, type SankeyLayoutNode } from './layoutSankey.js';
import type { SankeyData, SankeyNodeKind } from './SankeyData.js';

export interface RenderSankeySvgOptions {
  /** The drawing's size in pixels. Default 960 by 600. */
  width?: number;
  height?: number;
  /** The heading. Default: the stage and the total, e.g. "Gasto aprobado (MXN): $5.3 billones". */
  title?: string;
  /** The language of the default title, the legend and the tooltips. Default `es`. */
  lang?: 'es' | 'en';
  /** A colour per kind of node, over the default palette (`SANKEY_COLORS`). Any CSS colour. */
  colors?: Partial<Record<SankeyNodeKind, string>>;
}

/**
 * The default colours, by kind of node: the Okabe-Ito palette, told apart by people with any common kind of colour
 * blindness, with greys for what the chart adds ("Other", "Retained") and red for money whose source is unexplained.
 */
export const SANKEY_COLORS: Readonly<Record<SankeyNodeKind, string>> = {
  source: '#0072B2',
  agency: '#56B4E9',
  unit: '#009E73',
  programme: '#E69F00',
  budget_line: '#F0E442',
  trust: '#CC79A7',
  intermediary: '#D55E00',
  recipient: '#332288',
  other: '#999999',
  retained: '#BBBBBB',
  unexplained: '#E41A1C',
};

const WORDS = {
  es: {
    stages: {
      approved: 'Gasto aprobado',
      modified: 'Gasto modificado',
      committed: 'Gasto comprometido',
      accrued: 'Gasto devengado',
      exercised: 'Gasto ejercido',
      paid: 'Gasto pagado',
    } satisfies Record<Stage, string>,
    kinds: {
      source: 'origen',
      agency: 'dependencia',
      unit: 'unidad',
      programme: 'programa',
      budget_line: 'partida',
      trust: 'fideicomiso',
      intermediary: 'intermediario',
      recipient: 'receptor',
      other: 'otros',
      retained: 'retenido',
      unexplained: 'sin explicar',
    } satisfies Record<SankeyNodeKind, string>,
    empty: 'No hay flujos que dibujar',
    flows: (count: number) => (count === 1 ? '1 flujo' : `${count} flujos`),
  },
  en: {
    stages: {
      approved: 'Approved spending',
      modified: 'Modified spending',
      committed: 'Committed spending',
      accrued: 'Accrued spending',
      exercised: 'Exercised spending',
      paid: 'Paid spending',
    } satisfies Record<Stage, string>,
    kinds: {
      source: 'source',
      agency: 'agency',
      unit: 'unit',
      programme: 'programme',
      budget_line: 'budget line',
      trust: 'trust',
      intermediary: 'intermediary',
      recipient: 'recipient',
      other: 'other',
      retained: 'retained',
      unexplained: 'unexplained',
    } satisfies Record<SankeyNodeKind, string>,
    empty: 'No flows to draw',
    flows: (count: number) => (count === 1 ? '1 flow' : `${count} flows`),
  },
};

const FONT_SIZE = 11;
// Labels closer than this in one column would overlap; the larger node keeps its label, the other only its tooltip.
const LINE_HEIGHT = 13;
// A rough width of one character at FONT_SIZE, to cut labels to the room between two columns.
const CHARACTER_WIDTH = 6.5;
const HEADER_HEIGHT = 44;
const GAP = 6;

/**
 * Draws Sankey data as a standalone SVG document, without a DOM: nodes as bars coloured by kind, links as bands as
 * wide as their money, each node's label (name and short amount) where there is room, and a `<title>` tooltip with
 * the exact amount on every node and link. Every text and id from the data is escaped, so a name such as
 * `<script>` or `"&` is shown as written and never read as markup. Laid out with `layoutSankey`.
 *
 * @example
 * const svg = renderSankeySvg(toSankey(graph, { top: 12, lang: 'en' }), { lang: 'en', width: 1200 });
 * svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'); // true
 */
export function renderSankeySvg(data: SankeyData, options: RenderSankeySvgOptions = {}): string {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const lang = options.lang ?? 'es';
  if (lang !== 'es' && lang !== 'en') throw new InvalidArgumentError('options.lang', 'must be "es" or "en"');
  const colors = palette(options.colors);
  const words = WORDS[lang];
  const width = options.width ?? 960;
  const height = options.height ?? 600;
  if (options.title !== undefined && typeof options.title !== 'string') {
    throw new InvalidArgumentError('options.title', 'must be a string');
  }
  if (!(typeof height === 'number' && height > HEADER_HEIGHT + 10)) {
    throw new InvalidArgumentError('options.height', `must be a number of pixels above ${HEADER_HEIGHT + 10}`);
  }
  if (!(typeof width === 'number' && width > 200))
    throw new InvalidArgumentError('options.width', 'must be a number of pixels above 200');
  // Every label goes right of its bar, so no two columns' labels share a gap; the last column's go into this margin.
  const margin = Math.round(Math.min(240, Math.max(80, width * 0.2)));
  const layout = layoutSankey(data, { width: width - margin, height: height - HEADER_HEIGHT - 2 });
  const exact = (amount: string) => formatAmount(new Decimal(amount), { currency: data.currency, locale: lang });
  const title =
    options.title ??
    `${words.stages[data.stage] ?? data.stage} (${data.currency}): ${formatAmount(new Decimal(data.total), {
      currency: data.currency,
      locale: lang,
      style: 'short',
    })}`;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${number(width)}" height="${number(height)}" ` +
      `viewBox="0 0 ${number(width)} ${number(height)}" role="img" font-family="system-ui, sans-serif" ` +
      `font-size="${FONT_SIZE}">`,
    `<title>${escapeSvgText(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="4" y="18" font-size="15" font-weight="bold">${escapeSvgText(title)}</text>`,
  ];

  const kinds = [...new Set(layout.nodes.map((node) => node.kind))];
  let x = 4;
  for (const kind of kinds) {
    out.push(
      `<rect x="${x}" y="28" width="10" height="10" fill="${escapeSvgText(colors[kind])}"/>` +
        `<text x="${x + 14}" y="37">${escapeSvgText(words.kinds[kind])}</text>`,
    );
    x += 14 + words.kinds[kind].length * CHARACTER_WIDTH + 12;
  }

  out.push(`<g transform="translate(0,${HEADER_HEIGHT})">`);
  if (layout.nodes.length === 0) {
    out.push(`<text x="${number(width / 2)}" y="40" text-anchor="middle">${escapeSvgText(words.empty)}</text>`);
  }
  const byId = new Map(layout.nodes.map((node) => [node.id, node]));
  // Wide bands first, so that a thin one is never hidden under a wide one.
  const links = [...layout.links].sort((a, b) => b.width - a.width);
  out.push(`<g fill="none" stroke-opacity="0.4">`);
  for (const link of links) {
    const source = byId.get(link.source)!;
    const target = byId.get(link.target)!;
    const color = colors[link.kind === 'flow' ? source.kind : link.kind];
    const middle = (link.x0 + link.x1) / 2;
    const tooltip = [`${source.name} → ${target.name}`, exact(link.amount)];
    if (link.flows > 0) tooltip.push(words.flows(link.flows));
    out.push(
      `<path d="M${number(link.x0)},${number(link.y0)}C${number(middle)},${number(link.y0)},${number(middle)},` +
        `${number(link.y1)},${number(link.x1)},${number(link.y1)}" stroke="${escapeSvgText(color)}" ` +
        `stroke-width="${number(Math.max(1, link.width))}" data-source="${escapeSvgText(link.source)}" ` +
        `data-target="${escapeSvgText(link.target)}"><title>${escapeSvgText(tooltip.join('\n'))}</title></path>`,
    );
  }
  out.push(`</g>`, `<g>`);
  for (const node of layout.nodes) {
    out.push(
      `<rect x="${number(node.x0)}" y="${number(node.y0)}" width="${number(node.x1 - node.x0)}" ` +
        `height="${number(Math.max(0.5, node.y1 - node.y0))}" fill="${escapeSvgText(colors[node.kind])}" ` +
        `data-id="${escapeSvgText(node.id)}">` +
        `<title>${escapeSvgText(`${node.name}\n${exact(node.amount)}`)}</title></rect>`,
    );
  }
  // A white halo keeps a label readable where it crosses a band.
  out.push(`</g>`, `<g paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round">`);
  const columns = layout.nodes.reduce((most, node) => Math.max(most, node.layer + 1), 1);
  const spacing = columns > 1 ? (layout.width - layout.nodeWidth) / (columns - 1) : 0;
  for (const node of labelled(layout.nodes)) {
    const room = node.layer === columns - 1 ? margin - 2 * GAP : spacing - layout.nodeWidth - 2 * GAP;
    const characters = Math.max(8, Math.floor(room / CHARACTER_WIDTH));
    out.push(
      `<text x="${number(node.x1 + GAP)}" y="${number((node.y0 + node.y1) / 2)}" dy="0.35em">` +
        `${escapeSvgText(shorten(node, characters))}</text>`,
    );
  }
  out.push(`</g>`, `</g>`, `</svg>`);
  return out.join('\n') + '\n';
}

function palette(colors: RenderSankeySvgOptions['colors']): Record<SankeyNodeKind, string> {
  if (colors === undefined) return { ...SANKEY_COLORS };
  if (typeof colors !== 'object' || colors === null)
    throw new InvalidArgumentError('options.colors', 'expected an object');
  for (const [kind, color] of Object.entries(colors)) {
    if (!Object.hasOwn(SANKEY_COLORS, kind)) {
      throw new InvalidArgumentError(
        `options.colors.${kind}`,
        `not a kind of node: ${Object.keys(SANKEY_COLORS).join(', ')}`,
      );
    }
    if (typeof color !== 'string') throw new InvalidArgumentError(`options.colors.${kind}`, 'must be a CSS colour');
  }
  return { ...SANKEY_COLORS, ...colors };
}

/** The nodes whose label fits: per column, largest first, each at least a line away from the labels already kept. */
function labelled(nodes: SankeyLayoutNode[]): SankeyLayoutNode[] {
  const byColumn = new Map<number, SankeyLayoutNode[]>();
  for (const node of nodes) {
    const column = byColumn.get(node.layer);
    if (column) column.push(node);
    else byColumn.set(node.layer, [node]);
  }
  const kept: SankeyLayoutNode[] = [];
  for (const column of byColumn.values()) {
    const taken: number[] = [];
    for (const node of column.sort((a, b) => b.y1 - b.y0 - (a.y1 - a.y0) || a.y0 - b.y0)) {
      const middle = (node.y0 + node.y1) / 2;
      if (taken.some((other) => Math.abs(other - middle) < LINE_HEIGHT)) continue;
      taken.push(middle);
      kept.push(node);
    }
  }
  return kept;
}

/** The label cut to `characters`, the amount kept whole: "PROGRAMA DE APOYO A LA VIV… $1.2 mil millones". */
function shorten(node: SankeyLayoutNode, characters: number): string {
  const label = [...node.label];
  if (label.length <= characters) return node.label;
  const amount = node.label.startsWith(node.name) ? node.label.slice(node.name.length) : '';
  const name = [...(amount ? node.name : node.label)];
  const keep = Math.max(1, characters - [...amount].length - 1);
  return `${name.slice(0, keep).join('').trimEnd()}…${amount}`;
}

function number(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
