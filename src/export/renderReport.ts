import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { BUILT_IN_RULES } from '../flags/builtInRules.js';
import { type Flag, type FlagResult, SEVERITIES, type Severity } from '../flags/types.js';
import type { IngestReport, RowIssue } from '../ingest/RowIssue.js';
import { Decimal } from '../money/Decimal.js';
import { formatAmount } from '../money/formatAmount.js';
import { assertFlowGraph } from '../model/assertFlowGraph.js';
import { isStage } from '../model/stages.js';
import { summarizeGraph } from '../model/summarizeGraph.js';
import type { FlowGraph, Provenance } from '../model/types.js';
import type { CheckResult, ReconcileResult } from '../reconcile/types.js';
import { describeProvenance } from './describeProvenance.js';
import { escapeHtml } from './escapeHtml.js';
import { REPORT_SCRIPT, REPORT_SCRIPT_SHA256 } from './reportScript.js';
import { REPORT_STYLE } from './reportStyle.js';
import { REPORT_WORDS, type ReportWords } from './reportWords.js';
import type { SankeyData } from './SankeyData.js';

export interface RenderReportInput {
  /** The page's heading. Default "Informe de cauce" or "cauce report". */
  title?: string;
  /** The language of the labels. Default `es`. */
  lang?: 'es' | 'en';
  graph: FlowGraph;
  /** What happened to every row of every input (each `IngestResult`'s `report`). */
  reports: IngestReport[];
  reconcile: ReconcileResult;
  flags: FlagResult;
  /** The chart's data, for its caption and notes. */
  sankey: SankeyData;
  /** The chart itself, as `renderSankeySvg` draws it from `sankey`: placed in the page as it is. */
  svg: string;
  /** At most this many rows in each list (flags, mismatches, rejected rows); the rest are counted. Default 2000. */
  maxRows?: number;
}

const DEFAULT_MAX_ROWS = 2000;
// A flag can stand on rows of many files; past a few, a count reads better than a wall of paths.
const SOURCES_SHOWN = 3;
// A rejected row-level value is the whole row: enough of it to recognise the row, not a page of it.
const VALUE_CHARACTERS = 200;

const RULE_TITLES = new Map(BUILT_IN_RULES.map((rule) => [rule.id, rule.title]));

/**
 * Writes the whole story of one run as a single self-contained HTML page that opens offline in any browser and prints
 * well: the inputs and what happened to their rows, the money entering the graph, the Sankey chart, the flags (a
 * table that re-sorts by severity or amount), the reconciliation (mismatches largest difference first), and the
 * rejected and skipped rows, every figure beside the file and rows it came from. Every text from the data is escaped;
 * the page loads nothing, and its Content-Security-Policy lets only its own fixed script run.
 *
 * @example
 * const sankey = toSankey(graph, { top: 12, lang: 'en' });
 * const html = renderReport({ lang: 'en', graph, reports: results.map((r) => r.report), reconcile: reconcile(graph),
 *   flags: flag(graph), sankey, svg: renderSankeySvg(sankey, { lang: 'en' }) });
 * html.startsWith('<!doctype html>'); // true
 */
export function renderReport(input: RenderReportInput): string {
  if (typeof input !== 'object' || input === null) throw new InvalidArgumentError('input', 'expected an object');
  assertFlowGraph(input.graph, 'input.graph');
  const lang = input.lang ?? 'es';
  if (lang !== 'es' && lang !== 'en') throw new InvalidArgumentError('input.lang', 'must be "es" or "en"');
  if (input.title !== undefined && typeof input.title !== 'string')
    throw new InvalidArgumentError('input.title', 'must be a string');
  if (!Array.isArray(input.reports))
    throw new InvalidArgumentError('input.reports', 'expected a list of ingest reports');
  if (!Array.isArray(input.reconcile?.checks))
    throw new InvalidArgumentError('input.reconcile', 'expected what reconcile() returns');
  if (!Array.isArray(input.flags?.flags)) throw new InvalidArgumentError('input.flags', 'expected what flag() returns');
  if (!Array.isArray(input.sankey?.nodes) || !isStage(input.sankey.stage))
    throw new InvalidArgumentError('input.sankey', 'expected what toSankey() returns');
  const svg = typeof input.svg === 'string' ? input.svg.trim() : '';
  if (!svg.startsWith('<svg') || !svg.endsWith('</svg>'))
    throw new InvalidArgumentError('input.svg', 'expected an SVG document as renderSankeySvg() draws it');
  const maxRows = input.maxRows ?? DEFAULT_MAX_ROWS;
  if (!(Number.isInteger(maxRows) && maxRows >= 1))
    throw new InvalidArgumentError('input.maxRows', 'must be a whole number of at least 1');

  const words = REPORT_WORDS[lang];
  const numbers = new Intl.NumberFormat(lang === 'es' ? 'es-MX' : 'en-US');
  const page: Page = {
    words,
    lang,
    graph: input.graph,
    maxRows,
    n: (value) => numbers.format(value),
    money: (amount, currency) => escapeHtml(formatAmount(new Decimal(amount), { currency, locale: lang })),
  };
  const title = input.title ?? words.title;
  const mismatched = input.reconcile.checks.filter((check) => check.status === 'mismatch').length;
  const counts = {
    files: input.reports.length,
    read: sum(input.reports.map((report) => report.rowsRead)),
    rejected: sum(input.reports.map((report) => report.rejected)),
    skipped: sum(input.reports.map((report) => report.skipped)),
    flags: input.flags.flags.length,
    mismatched,
  };
  const sections: Array<[keyof ReportWords['sections'], string]> = [
    ['inputs', inputsSection(page, input.reports)],
    ['totals', totalsSection(page)],
    ['chart', chartSection(page, input.sankey, svg)],
    ['flags', flagsSection(page, input.flags)],
    ['reconcile', reconcileSection(page, input.reconcile)],
    ['rows', rowsSection(page, input.reports)],
  ];
  const policy = [
    "default-src 'none'",
    `script-src 'sha256-${REPORT_SCRIPT_SHA256}'`,
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="cauce">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="lede">${escapeHtml(words.lede(counts, page.n))}</p>`,
    `<p class="note">${escapeHtml(words.provenance)}</p>`,
    `<nav aria-label="${escapeHtml(words.contents)}"><ol>`,
    ...sections.map(([id]) => `<li><a href="#${id}">${escapeHtml(words.sections[id])}</a></li>`),
    '</ol></nav>',
    '</header>',
    '<main>',
    ...sections.map(
      ([id, body]) => `<section id="${id}">\n<h2>${escapeHtml(words.sections[id])}</h2>\n${body}\n</section>`,
    ),
    '</main>',
    `<footer><p>${escapeHtml(words.footer)}</p></footer>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** What every section needs: the words, how to write counts and money, the graph for names, the row cap. */
interface Page {
  words: ReportWords;
  lang: 'es' | 'en';
  graph: FlowGraph;
  maxRows: number;
  n: (value: number) => string;
  /** An exact amount with its currency, escaped. */
  money: (amount: string, currency: string) => string;
}

function inputsSection(page: Page, reports: IngestReport[]): string {
  const { words, n } = page;
  const w = words.inputs;
  const rows = reports.map((report) => {
    const encoding = report.encoding
      ? `${escapeHtml(report.encoding)} <span class="muted">(${report.encodingDetected === false ? w.given : w.detected})</span>` +
        (report.mixedEncoding ? `<br><span class="muted">${escapeHtml(w.mixed)}</span>` : '')
      : '';
    const byRule = Object.entries(report.skippedByRule);
    const skipped =
      n(report.skipped) +
      (byRule.length > 0
        ? `<br><span class="muted">${escapeHtml(byRule.map(([rule, count]) => `${rule} ${n(count)}`).join(', '))}</span>`
        : '');
    return (
      '<tr>' +
      `<td class="where">${escapeHtml(report.file)}</td>` +
      `<td>${escapeHtml(report.format)}${report.mapping ? `<br><span class="muted">${escapeHtml(w.mapping)}: ${escapeHtml(report.mapping)}</span>` : ''}</td>` +
      `<td>${encoding}</td>` +
      `<td class="num">${n(report.rowsRead)}</td>` +
      `<td class="num">${n(report.accepted)}</td>` +
      `<td class="num">${n(report.rejected)}</td>` +
      `<td class="num">${skipped}</td>` +
      '</tr>'
    );
  });
  return table([w.file, w.format, w.encoding, `>${w.read}`, `>${w.accepted}`, `>${w.rejected}`, `>${w.skipped}`], rows);
}

function totalsSection(page: Page): string {
  const { words, n } = page;
  const w = words.totals;
  const { entering } = summarizeGraph(page.graph);
  if (entering.length === 0) return `<p>${escapeHtml(w.none)}</p>`;
  return (
    `<p class="muted">${escapeHtml(w.intro)}</p>\n` +
    table(
      [w.stage, w.currency, `>${w.amount}`, `>${w.flows}`],
      entering.map(
        (total) =>
          `<tr><td>${escapeHtml(words.stages[total.stage])}</td><td>${escapeHtml(total.currency)}</td>` +
          `<td class="num">${page.money(total.amount.toFixed(), total.currency)}</td>` +
          `<td class="num">${n(total.flows)}</td></tr>`,
      ),
    )
  );
}

function chartSection(page: Page, sankey: SankeyData, svg: string): string {
  const { words, n } = page;
  const caption = words.chart.caption(
    words.stages[sankey.stage],
    sankey.currency,
    formatAmount(new Decimal(sankey.total), { currency: sankey.currency, locale: page.lang }),
  );
  const byCode = new Map<string, number>();
  for (const note of sankey.notes) byCode.set(note.code, (byCode.get(note.code) ?? 0) + 1);
  const notes =
    byCode.size === 0
      ? `<p class="muted">${escapeHtml(words.chart.none)}</p>`
      : `<p>${escapeHtml(words.chart.notes)}:</p><ul>` +
        [...byCode]
          .map(([code, count]) => `<li>${escapeHtml(words.chart.notesByCode[code] ?? code)}: ${n(count)}</li>`)
          .join('') +
        '</ul>';
  return `<figure>\n${svg}\n<figcaption>${escapeHtml(caption)}</figcaption>\n</figure>\n${notes}`;
}

function flagsSection(page: Page, result: FlagResult): string {
  const { words, n, lang } = page;
  const w = words.flags;
  const rank = (severity: Severity) => SEVERITIES.indexOf(severity);
  // The order the page is written in is the order a reader without scripts sees: most severe, then largest amount.
  const flags = result.flags
    .map((found, at) => ({ found, at, amount: new Decimal(found.amount) }))
    .sort((a, b) => rank(b.found.severity) - rank(a.found.severity) || b.amount.comparedTo(a.amount) || a.at - b.at);
  const bySeverity = [...SEVERITIES]
    .reverse()
    .map(
      (severity) =>
        `${n(flags.filter(({ found }) => found.severity === severity).length)} ${words.severities[severity]}`,
    )
    .join(', ');
  const atStake = new Map<string, Decimal>();
  for (const { found, amount } of flags)
    atStake.set(found.currency, (atStake.get(found.currency) ?? new Decimal(0)).plus(amount));
  const stakes = [...atStake].map(([currency, amount]) => formatAmount(amount, { currency, locale: lang })).join(', ');
  const summary = `<p>${escapeHtml(w.summary(flags.length, n, bySeverity, stakes))}</p>`;
  if (flags.length === 0) return `${summary}\n<p>${escapeHtml(w.none)}</p>`;

  const shown = flags.slice(0, page.maxRows);
  // The script sorts on integers: each amount's place among the amounts shown, equal amounts sharing one.
  const amountRank = denseRanks(shown.map(({ amount }) => amount));
  const rows = shown.map(({ found }, at) => {
    const title = RULE_TITLES.get(found.rule)?.[lang];
    return (
      `<tr data-severity="${rank(found.severity)}" data-amount="${amountRank[at]}" data-order="${at}">` +
      `<td><span class="sev sev-${escapeHtml(found.severity)}">${escapeHtml(words.severities[found.severity] ?? found.severity)}</span></td>` +
      `<td>${title ? `${escapeHtml(title)}<br>` : ''}<code class="muted">${escapeHtml(found.rule)}</code></td>` +
      `<td class="num">${page.money(found.amount, found.currency)}</td>` +
      `<td>${escapeHtml(message(found, lang))}</td>` +
      `<td class="where">${where(page, found.provenance)}</td>` +
      '</tr>'
    );
  });
  return (
    `${summary}\n<p class="muted">${escapeHtml(w.sortHint)}</p>\n` +
    table(
      [
        { label: w.severity, sort: 'severity', initial: true },
        w.rule,
        { label: w.amount, sort: 'amount', numeric: true },
        w.what,
        w.where,
      ],
      rows,
      'flags-table',
    ) +
    notShown(page, flags.length - shown.length)
  );
}

function reconcileSection(page: Page, result: ReconcileResult): string {
  const { words, n } = page;
  const w = words.reconcile;
  const { summary } = result;
  const label = (check: string) => escapeHtml(w.checks[check as keyof typeof w.checks] ?? check);
  const byCheck = table(
    [w.check, `>${w.checked}`, `>${w.mismatched}`, `>${w.notCheckable}`],
    Object.entries(summary.byCheck).map(
      ([check, counts]) =>
        `<tr><td>${label(check)} <code class="muted">${escapeHtml(check)}</code></td>` +
        `<td class="num">${n(counts.checked)}</td><td class="num">${n(counts.mismatched)}</td>` +
        `<td class="num">${n(counts.notCheckable)}</td></tr>`,
    ),
    'checks-table',
  );
  const out = [
    `<p>${escapeHtml(w.summary(summary.checked, summary.mismatched, summary.notCheckable, n))}</p>`,
    byCheck,
    `<h3>${escapeHtml(w.mismatches)}</h3>`,
  ];
  const mismatches = result.checks
    .filter((check) => check.status === 'mismatch')
    .map((check, at) => ({ check, at, size: new Decimal(check.difference).abs() }))
    .sort((a, b) => b.size.comparedTo(a.size) || a.at - b.at)
    .map(({ check }) => check);
  if (mismatches.length === 0) out.push(`<p>${escapeHtml(w.none)}</p>`);
  else {
    const shown = mismatches.slice(0, page.maxRows);
    out.push(
      table(
        [w.check, w.subject, `>${w.expected}`, `>${w.actual}`, `>${w.difference}`, w.why, w.where],
        shown.map(
          (check) =>
            `<tr><td>${label(check.check)}</td><td>${escapeHtml(subject(page, check))}</td>` +
            `<td class="num">${page.money(check.expected, check.currency)}</td>` +
            `<td class="num">${page.money(check.actual, check.currency)}</td>` +
            `<td class="num${check.difference.startsWith('-') ? ' neg' : ''}">${page.money(check.difference, check.currency)}</td>` +
            `<td>${escapeHtml(check.reason ?? '')}</td>` +
            `<td class="where">${escapeHtml(w.expectedFrom)}: ${where(page, check.provenance.expected)}<br>` +
            `${escapeHtml(w.actualFrom)}: ${where(page, check.provenance.actual)}</td></tr>`,
        ),
        'mismatches-table',
      ),
      notShown(page, mismatches.length - shown.length),
    );
  }
  const unchecked = result.checks.filter((check) => check.status === 'not-checkable');
  if (unchecked.length > 0) {
    const shown = unchecked.slice(0, page.maxRows);
    out.push(
      `<h3>${escapeHtml(w.notCheckableList)}</h3>`,
      table(
        [w.check, w.subject, w.why],
        shown.map(
          (check) =>
            `<tr><td>${label(check.check)}</td><td>${escapeHtml(subject(page, check))}</td>` +
            `<td>${escapeHtml(check.reason ?? '')}</td></tr>`,
        ),
        'unchecked-table',
      ),
      notShown(page, unchecked.length - shown.length),
    );
  }
  return out.join('\n');
}

function rowsSection(page: Page, reports: IngestReport[]): string {
  const { words, n } = page;
  const w = words.rows;
  const issues: RowIssue[] = reports.flatMap((report) => report.issues);
  const rejected = sum(reports.map((report) => report.rejected));
  const out = [`<h3>${escapeHtml(w.rejected)}</h3>`];
  if (issues.length === 0 && rejected === 0) out.push(`<p>${escapeHtml(w.noneRejected)}</p>`);
  else {
    // A rejected row can hold several issues; the cap counts issues, each a row of the table.
    const shown = issues.slice(0, page.maxRows);
    out.push(
      table(
        [w.file, `>${w.row}`, w.column, w.value, w.code, w.reason],
        shown.map(
          (issue) =>
            `<tr><td class="where">${escapeHtml(issue.file)}</td><td class="num">${n(issue.row)}</td>` +
            `<td>${escapeHtml(issue.column ?? '')}</td><td class="value">${escapeHtml(cut(issue.value ?? ''))}</td>` +
            `<td><code>${escapeHtml(issue.code)}</code></td><td>${escapeHtml(issue.message)}</td></tr>`,
        ),
        'rejected-table',
      ),
      notShown(page, issues.length - shown.length),
    );
  }
  out.push(`<h3>${escapeHtml(w.skipped)}</h3>`);
  const skipped = reports.flatMap((report) =>
    Object.entries(report.skippedByRule).map(([rule, count]) => ({ file: report.file, rule, count })),
  );
  if (skipped.length === 0) out.push(`<p>${escapeHtml(w.noneSkipped)}</p>`);
  else {
    out.push(
      `<p class="muted">${escapeHtml(w.skippedNote)}</p>`,
      table(
        [w.file, w.rule, `>${w.count}`],
        skipped.map(
          ({ file, rule, count }) =>
            `<tr><td class="where">${escapeHtml(file)}</td><td><code>${escapeHtml(rule)}</code></td>` +
            `<td class="num">${n(count)}</td></tr>`,
        ),
        'skipped-table',
      ),
    );
  }
  return out.join('\n');
}

type Column = string | { label: string; sort?: string; initial?: boolean; numeric?: boolean };

/** A table; a column label starting with `>` is numeric (right-aligned). Rows come already escaped. */
function table(columns: Column[], rows: string[], id?: string): string {
  const sortable = columns.some((column) => typeof column !== 'string' && column.sort);
  const headers = columns.map((column) => {
    const spec =
      typeof column === 'string' ? { label: column.replace(/^>/, ''), numeric: column.startsWith('>') } : column;
    const attributes = [
      spec.numeric ? ' class="num"' : '',
      'sort' in spec && spec.sort ? ` data-sort="${spec.sort}"` : '',
      'initial' in spec && spec.initial ? ' aria-sort="descending"' : '',
    ].join('');
    return `<th scope="col"${attributes}>${escapeHtml(spec.label)}</th>`;
  });
  return (
    `<table${id ? ` id="${id}"` : ''}${sortable ? ' data-sortable' : ''}>\n` +
    `<thead><tr>${headers.join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
  );
}

function notShown(page: Page, hidden: number): string {
  return hidden > 0 ? `<p class="note">${escapeHtml(page.words.notShown(page.n(hidden)))}</p>` : '';
}

/** The first few sources as `file:rows`, and how many more; escaped. */
function where(page: Page, provenance: readonly Provenance[]): string {
  const text = describeProvenance(provenance.slice(0, SOURCES_SHOWN));
  const more = provenance.length - SOURCES_SHOWN;
  return escapeHtml(more > 0 ? `${text}; ${page.words.moreSources(page.n(more))}` : text);
}

/** What a check looked at, in words: the nodes by name, the stage (against another), the period and the group. */
function subject(page: Page, check: CheckResult): string {
  const { subject } = check;
  const stages = page.words.stages;
  const nodes = subject.nodes.map((id) => {
    const name = page.graph.hasNode(id) ? page.graph.getNodeAttribute(id, 'name') : id;
    return name === id ? id : `${name} (${id})`;
  });
  const stage = subject.stage
    ? subject.against
      ? `${stages[subject.stage]} ${page.words.reconcile.vs} ${stages[subject.against]}`
      : stages[subject.stage]
    : '';
  return [nodes.join(', '), stage, subject.period ?? '', subject.group ?? ''].filter(Boolean).join(' · ');
}

function message(found: Flag, lang: 'es' | 'en'): string {
  return found.message?.[lang] ?? found.message?.en ?? '';
}

/** For each amount, how many distinct amounts are smaller: equal amounts share a rank. */
function denseRanks(amounts: Decimal[]): number[] {
  const order = amounts.map((amount, at) => ({ amount, at })).sort((a, b) => a.amount.comparedTo(b.amount));
  const ranks = new Array<number>(amounts.length);
  let rank = 0;
  order.forEach(({ amount, at }, position) => {
    if (position > 0 && !amount.equals(order[position - 1]!.amount)) rank++;
    ranks[at] = rank;
  });
  return ranks;
}

/** Cuts a long value by characters (never inside a surrogate pair), marking the cut. */
function cut(text: string): string {
  const characters = [...text];
  return characters.length <= VALUE_CHARACTERS ? text : `${characters.slice(0, VALUE_CHARACTERS).join('')}…`;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
