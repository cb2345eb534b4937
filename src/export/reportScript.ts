/**
 * The report's only script: it turns the headers of a `table[data-sortable]` marked `th[data-sort="key"]` into buttons
 * that sort the rows by their integer `data-key` attribute, largest first on the first click, and back on the next,
 * ties kept in the order the page was written (`data-order`). It takes nothing from the data: the ranks are integers
 * the report computed, and the header texts are moved, never read. Without it the table keeps the order it was
 * written in.
 */
export const REPORT_SCRIPT = `
'use strict';
for (const table of document.querySelectorAll('table[data-sortable]')) {
  const body = table.tBodies[0];
  const headers = [...table.querySelectorAll('th[data-sort]')];
  for (const header of headers) {
    const button = document.createElement('button');
    button.type = 'button';
    while (header.firstChild) button.appendChild(header.firstChild);
    header.appendChild(button);
    button.addEventListener('click', () => {
      const key = 'data-' + header.dataset.sort;
      const descending = header.getAttribute('aria-sort') !== 'descending';
      for (const other of headers) other.removeAttribute('aria-sort');
      header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      const rank = (row, name) => Number(row.getAttribute(name));
      const rows = [...body.rows].sort((a, b) => {
        const difference = rank(a, key) - rank(b, key);
        return (descending ? -difference : difference) || rank(a, 'data-order') - rank(b, 'data-order');
      });
      body.append(...rows);
    });
  }
}
`;

/**
 * The SHA-256 of `REPORT_SCRIPT` (base64), as the page's Content-Security-Policy names it: the browser runs that script
 * and no other. Written out rather than computed, so the browser-safe core needs no hashing code; a test recomputes it
 * and fails if the script changes without it.
 */
export const REPORT_SCRIPT_SHA256 = 'MVp9ZrsP58UdZ2yVlD5+F1TjGUM0ZS/LTegHgYL1OAQ=';
