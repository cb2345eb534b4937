import { currencyOfSign } from '../../money/currencyOfSign.js';
import { columnKey } from '../mapping/columnKey.js';
import type { ColumnProfile, CurrencyFinding } from './TableInspection.js';

// Column names that say the column holds each row's currency.
const CURRENCY_NAME = /\b(?:currency|currencies|ccy|moneda|divisa|devise)\b/;
const ISO_CODE = /^[A-Za-z]{3}$/;
// Words that name one currency, in plural (`peso` and `pound` are weights too). `dólares` and `dollars` alone name
// none (US, Canadian, Australian ...), like `$`; `pesos` alone is read as Mexican pesos, cauce's default currency.
const WORDS: Array<[RegExp, string]> = [
  [/\bpesos\b/, 'MXN'],
  [/\b(?:libras|libras? esterlinas?|pounds|pounds? sterling|sterling)\b/, 'GBP'],
  [/\beuros?\b/, 'EUR'],
  [/\b(?:us dollars?|u\.s\. dollars?|dolares (?:americanos|estadounidenses))\b/, 'USD'],
  [/\breais\b/, 'BRL'],
];
// ISO codes written as words (`Amount (GBP)`), in capitals only: a lower-case `eur` or `gbp` is rarely a code.
const CODES = /\b(MXN|USD|EUR|GBP|CAD|BRL|ARS|CLP|COP|PEN|AUD|JPY|CNY|CHF|INR|PHP)\b/;
const SIGNS = /US\$|MX\$|R\$|A\$|[€£₱₹]/;
// A column that states the currency on every row repeats one value.
const MAX_TEXT_VALUES = 1;

export interface CurrencySources {
  /** The rows above the header: row number and text. */
  preamble: Array<{ row: number; text: string }>;
  columns: ColumnProfile[];
  /** The trimmed cells of a column, one per data row profiled. */
  cellsOf(column: ColumnProfile): string[];
  /** Data rows profiled. */
  rows: number;
}

/**
 * Finds the currency the amounts are in, by the first of these that says: a column named like `currency`, `moneda`
 * or `divisa` whose cells are ISO 4217 codes (read row by row: `currency: '{Currency}'`); the currency signs written
 * with the amounts (`£1,234.56`, `€`, `US$`, `R$`; `$` names no one currency); a column that names a currency on
 * every row (`Miles de Pesos`); an amount column's name (`Amount (GBP)`, `Importe en pesos`); the title rows above
 * the header (`Cifras en pesos`, `libras`, `GBP`). When one of them names several currencies, or none does, the
 * currency is not found (`found: 'none'`) and ingest applies its default, MXN. The notes say what was found and
 * where the sources disagree.
 *
 * @example
 * findCurrency({ preamble: [{ row: 1, text: 'Cifras en pesos' }], columns: [], cellsOf: () => [], rows: 0 }).currency
 * // { found: 'preamble', code: 'MXN', text: 'Cifras en pesos', row: 1 }
 */
export function findCurrency(sources: CurrencySources): { currency: CurrencyFinding; notes: string[] } {
  const notes: string[] = [];
  const money = sources.columns.filter((column) => column.type === 'amount' && !column.percentage);
  const steps = [
    () => byColumn(sources, notes),
    () => bySigns(money, notes),
    () => byValues(sources),
    () =>
      byWords(
        money.map((column) => ({ text: column.name, column: column.name })),
        'header',
        notes,
      ),
    () => byWords(sources.preamble, 'preamble', notes),
  ];
  const findings = steps.map((step) => step()).filter((finding) => finding !== undefined);
  const [chosen] = findings;
  if (chosen === undefined) {
    notes.push(
      'the currency was not found (no currency sign, currency column or currency named): the default (MXN) applies; ' +
        'set currency if it is another',
    );
    return { currency: { found: 'none' }, notes };
  }
  if (chosen.found === 'column') {
    notes.push(`${chosen.column} names each row's currency (${chosen.codes!.join(', ')}): currency reads it`);
  } else {
    notes.push(`amounts are in ${chosen.code} (${describe(chosen)}): currency says so`);
  }
  const chosenCodes = chosen.code !== undefined ? [chosen.code] : chosen.codes!;
  for (const other of findings.slice(1)) {
    const codes = other.code !== undefined ? [other.code] : other.codes!;
    if (codes.some((code) => !chosenCodes.includes(code))) {
      notes.push(`${describe(other)} says ${codes.join(', ')}, unlike ${describe(chosen)}: check the currency`);
    }
  }
  return { currency: chosen, notes };
}

function byColumn(sources: CurrencySources, notes: string[]): CurrencyFinding | undefined {
  for (const column of sources.columns) {
    if (!CURRENCY_NAME.test(columnKey(column.name).replace(/_/g, ' ')) || column.nonEmpty === 0) continue;
    const cells = sources.cellsOf(column).filter((cell) => cell !== '');
    if (!cells.every((cell) => ISO_CODE.test(cell))) continue;
    if (/[{}|]/.test(column.name)) {
      notes.push(`${column.name} holds currency codes, but its name cannot be written in a template: set currency`);
      continue;
    }
    const codes = [...new Set(cells.map((cell) => cell.toUpperCase()))].sort();
    const empty = sources.rows - column.nonEmpty;
    if (empty > 0) {
      notes.push(`${empty} rows leave ${column.name} empty: they will be rejected (bad_currency) unless skipped`);
    }
    return { found: 'column', column: column.name, codes };
  }
  return undefined;
}

function bySigns(money: ColumnProfile[], notes: string[]): CurrencyFinding | undefined {
  const found = new Map<string, { sign: string; column: string }>();
  const unnamed = new Set<string>();
  for (const column of money) {
    for (const sign of column.numberFormat?.currencySigns ?? []) {
      const code = currencyOfSign(sign);
      if (code === undefined) unnamed.add(sign);
      else if (!found.has(code)) found.set(code, { sign, column: column.name });
    }
  }
  if (found.size === 0 && unnamed.size > 0) {
    notes.push(`amounts are written with ${[...unnamed].join(' ')}, which names no one currency`);
  }
  if (found.size > 1) {
    notes.push(`the amounts are written in more than one currency (${[...found.keys()].join(', ')}): set currency`);
    return undefined;
  }
  const [entry] = found;
  if (entry === undefined) return undefined;
  const [code, { sign, column }] = entry;
  return { found: 'sign', code, text: sign, column };
}

function byValues(sources: CurrencySources): CurrencyFinding | undefined {
  for (const column of sources.columns) {
    if (
      (column.type !== 'text' && column.type !== 'code') ||
      column.distinct !== MAX_TEXT_VALUES ||
      column.nonEmpty !== sources.rows
    )
      continue;
    const text = column.examples[0]!;
    const codes = codesIn(text);
    if (codes.length === 1) return { found: 'values', code: codes[0]!, text, column: column.name };
  }
  return undefined;
}

function byWords(
  texts: Array<{ text: string; row?: number; column?: string }>,
  found: 'header' | 'preamble',
  notes: string[],
): CurrencyFinding | undefined {
  const hits: CurrencyFinding[] = [];
  for (const { text, row, column } of texts) {
    const codes = codesIn(text);
    if (codes.length !== 1) continue;
    const hit: CurrencyFinding = { found, code: codes[0]!, text };
    if (row !== undefined) hit.row = row;
    if (column !== undefined) hit.column = column;
    hits.push(hit);
  }
  const codes = [...new Set(hits.map((hit) => hit.code!))];
  if (codes.length > 1) {
    notes.push(
      `the ${found === 'header' ? 'amount columns' : 'title rows'} name more than one currency (${codes.join(', ')})`,
    );
    return undefined;
  }
  return hits[0];
}

/** The currencies a text names by word, ISO code or sign. */
function codesIn(text: string): string[] {
  const codes = new Set<string>();
  const key = columnKey(text).replace(/_/g, ' ');
  for (const [pattern, code] of WORDS) if (pattern.test(key)) codes.add(code);
  for (const match of text.matchAll(new RegExp(CODES.source, 'g'))) codes.add(match[1]!);
  for (const match of text.matchAll(new RegExp(SIGNS.source, 'g'))) {
    const code = currencyOfSign(match[0]);
    if (code !== undefined) codes.add(code);
  }
  return [...codes];
}

function describe(finding: CurrencyFinding): string {
  switch (finding.found) {
    case 'column':
      return `the column ${finding.column}`;
    case 'sign':
      return `"${finding.text}" written with ${finding.column}`;
    case 'values':
      return `${finding.column} saying ${JSON.stringify(finding.text)} on every row`;
    case 'header':
      return `the column name ${JSON.stringify(finding.text)}`;
    case 'preamble':
      return `${JSON.stringify(finding.text)} on row ${finding.row}`;
    default:
      return 'nothing';
  }
}
