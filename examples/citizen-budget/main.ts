// A citizen-budget page with no backend: it reads a budget's flows table in the browser, draws where the money goes as
// a Sankey chart, and says in plain words what looks wrong around the node the reader picks. A site of its own imports
// the same functions from 'cauce'.
//
// Ingest runs on the main thread: the shipped file (3,054 flows, 0.3 MB) is read in well under a second. For budgets
// of hundreds of thousands of rows the next step is a Web Worker that runs ingestCsvStream, buildFlowGraph and flag,
// and posts back the graph (toGraphJson / fromGraphJson) so that the page stays responsive while it reads.
//
// Every text that comes from the data reaches the page as text: renderSankeySvg escapes its own output, and everything
// else is written with textContent, never innerHTML.
import {
  BUILT_IN_RULES,
  buildFlowGraph,
  Decimal,
  flag,
  formatAmount,
  ingestCsvStream,
  renderSankeySvg,
  STAGES,
  toSankey,
  type Flag,
  type FlowGraph,
  type IngestReport,
  type Stage,
} from '../../src/index.js';
import { type Lang, MAX_FLAGS, TOP, WORDS } from './words.js';

/** The shipped data, next to the page. A server that sends it with `Content-Encoding: gzip` works too. */
const SAMPLE = 'ramo23-2016-flows.csv.gz';

interface Budget {
  graph: FlowGraph;
  flags: Flag[];
  report: IngestReport;
  stages: Stage[];
  sample: boolean;
}

const state: { budget?: Budget; stage: Stage; focus?: string; lang: Lang } = { stage: 'approved', lang: 'es' };

const element = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const stageSelect = element<HTMLSelectElement>('stage');
const langSelect = element<HTMLSelectElement>('lang');
const fileInput = element<HTMLInputElement>('file');
const chart = element('chart');
const status = element('status');

/** Reads a flows table from a stream and makes it the budget on show; on failure the previous one stays. */
async function open(stream: ReadableStream<Uint8Array>, file: string, sample: boolean): Promise<void> {
  document.body.dataset.state = 'loading';
  status.textContent = WORDS[state.lang].loading;
  try {
    const result = await ingestCsvStream(stream, { file });
    const graph = buildFlowGraph(result);
    const present = new Set<Stage>();
    graph.forEachEdge((_edge, flow) => {
      present.add(flow.stage);
    });
    if (present.size === 0) throw new Error(WORDS[state.lang].noFlows);
    const stages = STAGES.filter((stage) => present.has(stage));
    state.budget = { graph, flags: flag(graph).flags, report: result.report, stages, sample };
    state.focus = undefined;
    if (!stages.includes(state.stage)) state.stage = stages[0]!;
    render();
  } catch (error) {
    document.body.dataset.state = 'error';
    status.textContent = WORDS[state.lang].failed(file, error instanceof Error ? error.message : String(error));
  }
}

function render(): void {
  const words = WORDS[state.lang];
  const locale = state.lang === 'es' ? 'es-MX' : 'en';
  document.documentElement.lang = state.lang;
  document.title = words.title;
  for (const node of document.querySelectorAll<HTMLElement>('[data-word]')) {
    const text = words[node.dataset.word as keyof typeof words];
    if (typeof text === 'string') node.textContent = text;
  }
  const budget = state.budget;
  if (!budget) return;
  element('source').hidden = !budget.sample;

  stageSelect.replaceChildren(
    ...budget.stages.map((stage) => {
      const option = document.createElement('option');
      option.value = stage;
      option.textContent = words.stages[stage];
      option.selected = stage === state.stage;
      return option;
    }),
  );

  const data = toSankey(budget.graph, { stage: state.stage, top: TOP, lang: state.lang, focus: state.focus });
  const width = Math.max(640, Math.min(1400, chart.clientWidth || 960));
  draw(renderSankeySvg(data, { lang: state.lang, width, height: 620 }));

  const total = new Decimal(data.total);
  const money = (style: 'short' | 'full') => formatAmount(total, { currency: data.currency, locale, style });
  const shown = element('total');
  shown.textContent = money('short');
  // The exact figure, as the library computed it, for anyone (or any test) who wants to check the sum.
  shown.dataset.total = data.total;
  shown.dataset.currency = data.currency;
  element('total-exact').textContent = money('full');
  element('stage-name').textContent = words.stages[state.stage];
  const focused = state.focus === undefined ? undefined : budget.graph.getNodeAttributes(state.focus);
  element('focus-name').textContent = focused ? `${focused.name} (${focused.id})` : words.wholeBudget;
  element('unfocus').hidden = focused === undefined;

  showFlags(budget.flags, state.focus);
  const count = (n: number) => n.toLocaleString(locale);
  const report = budget.report;
  status.textContent = words.rows(
    report.file,
    count(report.rowsRead),
    count(report.accepted),
    count(report.rejected),
    count(report.skipped),
  );
  document.body.dataset.state = 'ready';
}

/** Puts the chart on the page: the library's SVG, parsed as SVG (never as HTML), with its bars made keyboard-usable. */
function draw(svg: string): void {
  const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
  if (parsed.querySelector('parsererror')) throw new Error('the chart could not be drawn');
  const root = document.importNode(parsed.documentElement, true);
  for (const bar of root.querySelectorAll('rect[data-id]')) {
    if (bar.getAttribute('data-id')!.startsWith('cauce:')) continue;
    bar.setAttribute('tabindex', '0');
    bar.setAttribute('role', 'button');
  }
  chart.replaceChildren(root);
}

/** The flags that name the focused node (those about the node itself first), or the first ones of the whole budget. */
function showFlags(flags: Flag[], focus: string | undefined): void {
  const words = WORDS[state.lang];
  const locale = state.lang === 'es' ? 'es-MX' : 'en';
  const titles = new Map(BUILT_IN_RULES.map((rule) => [rule.id, rule.title[state.lang]]));
  let listed: Flag[];
  if (focus === undefined) {
    listed = flags;
    element('flags-summary').textContent = words.flagsOverall(flags.length.toLocaleString(locale));
  } else {
    const touching = flags.filter((found) => found.nodes.includes(focus));
    listed = [
      ...touching.filter((found) => found.nodes[0] === focus),
      ...touching.filter((found) => found.nodes[0] !== focus),
    ];
    element('flags-summary').textContent =
      listed.length === 0 ? words.noFlags : words.flagsAbout(listed.length.toLocaleString(locale));
  }
  element('flags-list').replaceChildren(
    ...listed.slice(0, MAX_FLAGS).map((found) => {
      const item = document.createElement('li');
      item.dataset.rule = found.rule;
      const title = document.createElement('strong');
      title.textContent = titles.get(found.rule) ?? found.rule;
      const severity = document.createElement('span');
      severity.className = 'severity';
      severity.dataset.severity = found.severity;
      severity.textContent = words.severities[found.severity];
      const message = document.createElement('p');
      message.className = 'message';
      message.textContent = found.message[state.lang];
      item.append(title, severity, message);
      return item;
    }),
  );
  const more = listed.length - MAX_FLAGS;
  element('flags-more').textContent = more > 0 ? words.more(more.toLocaleString(locale)) : '';
}

function focusOn(target: EventTarget | null): void {
  const bar = target instanceof Element ? target.closest('rect[data-id]') : null;
  const id = bar?.getAttribute('data-id');
  // "Other", "Retained" and "Unexplained source" are the chart's own nodes, not the budget's: there is nothing to focus.
  if (!id || id.startsWith('cauce:') || id === state.focus || !state.budget?.graph.hasNode(id)) return;
  state.focus = id;
  render();
  chart.querySelector<SVGElement>(`rect[data-id="${CSS.escape(id)}"]`)?.focus();
}

chart.addEventListener('click', (event) => focusOn(event.target));
chart.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  focusOn(event.target);
});
element('unfocus').addEventListener('click', () => {
  state.focus = undefined;
  render();
});
stageSelect.addEventListener('change', () => {
  state.stage = stageSelect.value as Stage;
  render();
});
langSelect.addEventListener('change', () => {
  state.lang = langSelect.value as Lang;
  render();
});
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) void open(file.stream(), file.name, false);
});
element('controls').addEventListener('submit', (event) => event.preventDefault());

render();
try {
  const response = await fetch(SAMPLE);
  if (!response.ok || !response.body) throw new Error(`${response.status} ${response.statusText}`);
  await open(response.body, SAMPLE, true);
} catch (error) {
  // Opened without a server, or the data file is missing: the reader can still open a file of their own.
  document.body.dataset.state = 'error';
  status.textContent = WORDS[state.lang].failed(SAMPLE, error instanceof Error ? error.message : String(error));
}
