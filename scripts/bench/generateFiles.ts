// Seeded generators of the two files a national year produces: budget lines as SHCP publishes them (one row per
// line, one amount column per stage) and payments (one row per payment, Zipf-distributed payees, dates, tax ids).
// Same seed, same bytes. Written in chunks, so that a file of millions of rows never sits in memory.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface GeneratedFile {
  path: string;
  rows: number;
  bytes: number;
}

/** xorshift32: fast and seeded; good enough to spread amounts, dates and payees. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1): a few payees get most payments. */
export function zipfSampler(n: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let rank = 0; rank < n; rank++) cumulative[rank] = sum += 1 / (rank + 1);
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An RFC-shaped tax id (persona moral: 3 letters, a date, 3 characters), unique per index. */
function rfcOf(index: number): string {
  let letters = '';
  for (let value = index, count = 0; count < 3; count++, value = Math.floor(value / 26)) letters += LETTERS[value % 26];
  const year = String(Math.floor(index / 17576) % 100).padStart(2, '0');
  return `${letters}${year}0101${String(index % 1000).padStart(3, '0')}`;
}

function cents(random: () => number, maxUnits: number): string {
  const value = Math.floor(random() * maxUnits * 100);
  return `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;
}

async function writeRows(path: string, header: string, rows: number, row: (index: number) => string) {
  const out = createWriteStream(path);
  let bytes = 0;
  let lines: string[] = [header];
  for (let index = 0; index < rows; index++) {
    lines.push(row(index));
    if (lines.length === 10_000 || index === rows - 1) {
      const text = lines.join('\n') + '\n';
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end();
  await once(out, 'finish');
  return { path, rows, bytes };
}

/**
 * Payments in cauce's canonical flows table: a programme pays a supplier on a date of 2016, under a contract. Payees
 * follow Zipf's law over `payees` suppliers (about a quarter of a million by default).
 */
export async function generatePayments(path: string, rows: number, seed = 7): Promise<GeneratedFile> {
  const random = seededRandom(seed);
  const payers = 2_000;
  const payees = Math.max(100, Math.floor(rows / 8));
  const payee = zipfSampler(payees, random);
  return writeRows(path, 'from,to,amount,stage,date,to_name,to_tax_id,reference', rows, (index) => {
    const to = payee();
    // A supplier works for a handful of programmes, mostly one: payer-payee pairs are about a quarter of the rows.
    const from = (to * 7919 + Math.floor(random() ** 4 * 6) * 104729) % payers;
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const date = `2016-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const rfc = rfcOf(to);
    return `pp:${from},rfc:${rfc},${cents(random, 2_000_000)},paid,${date},Proveedor ${to} SA de CV,${rfc},C-${index}`;
  });
}

/**
 * Budget lines shaped as SHCP publishes the PEF: a row per line (ramo, unidad responsable, programa, partida) with
 * the approved, modified and exercised amounts in columns of their own.
 */
export async function generateBudgetLines(path: string, rows: number, seed = 11): Promise<GeneratedFile> {
  const random = seededRandom(seed);
  const ramos = 50;
  const unitsPerRamo = 20;
  const programmes = 8_000;
  return writeRows(path, 'CICLO,RAMO,UR,PP,PARTIDA,MONTO_APROBADO,MONTO_MODIFICADO,MONTO_EJERCIDO', rows, () => {
    // A programme belongs to one unit of one ramo; a line is one of its items of spending (partidas).
    const programme = Math.floor(random() * programmes);
    const ramo = 1 + (programme % ramos);
    const unit = (programme * 7) % unitsPerRamo;
    const partida = 10000 + Math.floor(random() * 90000);
    const approved = cents(random, 50_000_000);
    return `2016,${ramo},${ramo}${String(unit).padStart(2, '0')},E${String(programme).padStart(4, '0')},${partida},${approved},${cents(random, 50_000_000)},${cents(random, 40_000_000)}`;
  });
}

/** The mapping that reads the generated budget lines: ramo -> unidad responsable -> programa, at three stages. */
export const BUDGET_MAPPING = {
  name: 'bench-budget-lines',
  chain: [
    { id: 'ramo:{RAMO}', kind: 'agency' },
    { id: 'ur:{UR}', kind: 'unit' },
    { id: 'pp:{PP}', kind: 'programme' },
  ],
  amounts: [
    { column: 'MONTO_APROBADO', stage: 'approved' },
    { column: 'MONTO_MODIFICADO', stage: 'modified' },
    { column: 'MONTO_EJERCIDO', stage: 'exercised' },
  ],
  period: '{CICLO}',
} as const;
