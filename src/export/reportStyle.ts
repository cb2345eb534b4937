/**
 * The report's stylesheet, inline so the file needs nothing else. On screen, table headers stay in view while a long
 * table scrolls; on paper, they repeat on every page instead, rows are not split across pages, and the chart is scaled
 * to the page's width.
 */
export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --band: #f4f4f4; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1280px; padding: 1.5rem; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 0.4rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.5rem; }
p { margin: 0.4rem 0; }
.lede { font-size: 1.05rem; }
.muted, figcaption, .note { color: var(--muted); }
nav ol { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; list-style: none; padding: 0; margin: 0.6rem 0 0; }
nav a { color: #0b5cad; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9em; }
th, td { padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 2px solid var(--ink); white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--band); }
td { overflow-wrap: anywhere; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
.where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; color: var(--muted); }
td code { overflow-wrap: normal; white-space: nowrap; }
code, .value { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; }
.value { white-space: pre-wrap; }
th button { font: inherit; font-weight: bold; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline dotted; }
th[aria-sort='descending'] button::after { content: ' \\25BC'; }
th[aria-sort='ascending'] button::after { content: ' \\25B2'; }
.sev { display: inline-block; min-width: 5.5em; padding: 0 0.4em; border-radius: 3px; font-size: 0.85em; font-weight: bold; text-align: center; }
.sev-high { background: #b3261e; color: #fff; }
.sev-medium { background: #e69f00; color: #1b1b1b; }
.sev-low { background: #f0e442; color: #1b1b1b; }
.sev-info { background: #e0e0e0; color: #1b1b1b; }
.neg { color: #b3261e; }
figure { margin: 0.5rem 0; }
figure svg { display: block; max-width: 100%; height: auto; }
footer { margin-top: 2.5rem; padding-top: 0.5rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85rem; }
@media print {
  @page { margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav { display: none; }
  h2 { margin-top: 1.2rem; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr, figure, .lede { break-inside: avoid; page-break-inside: avoid; }
  figure svg { width: 100%; max-height: 240mm; }
  th button { text-decoration: none; cursor: auto; }
  th[aria-sort] button::after { content: none; }
  a { color: inherit; text-decoration: none; }
}
`;
