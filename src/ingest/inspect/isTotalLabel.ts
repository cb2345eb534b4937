// The word, then the end, or punctuation (`Total:`, `TOTAL -`, `Total (R33)`), or a word that makes it a total
// (`TOTAL GENERAL`, `Total de la dependencia`). `Nacional Financiera` and `Total Play` are names, not totals.
const TOTAL =
  /^(total|nacional|suma|subtotal|gran total)(?:$|\s*[:\-–(]|\s+(?:general|nacional|de|del|por|estatal|municipal)\b)/i;

/**
 * True for a cell that marks a total or subtotal row: `TOTAL`, `Total: FAIS`, `Nacional`, `Suma`, `TOTAL GENERAL`
 * (any case). Such rows declare a sum of other rows, so adding them in would count money twice.
 *
 * @example
 * isTotalLabel('Total: Fondo General de Participaciones') // true
 * isTotalLabel('Nacional Financiera') // false
 */
export function isTotalLabel(cell: string): boolean {
  return TOTAL.test(cell.trim());
}
