// Derives data/ramo23-2016-flows.csv.gz, a canonical flows table, from SHCP's Ramo 23 projects file for 2016
// ("Provisiones salariales y económicas_Ramo23_2016.csv", CP1252). See data/ramo23-2016-flows.SOURCE.md.
//
// Usage: npm run build && node scripts/derive/ramo23-flows.mjs <path to ramo23_2016.csv> > data/ramo23-2016-flows.csv
//        gzip -9 -n data/ramo23-2016-flows.csv
//
// Each project row gives, for one programme and one municipality, an approved and a paid amount. The chain is
// Ramo 23 -> programme -> state -> municipality; flows between the same two nodes at the same stage are added up
// exactly (decimal.js), so the file keeps every peso of the source and none of its project detail.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { Decimal, parseAmount } from '../../dist/index.js';

const [path] = process.argv.slice(2);
if (!path) {
  process.stderr.write('usage: node scripts/derive/ramo23-flows.mjs <ramo23_2016.csv>\n');
  process.exit(2);
}
const text = new TextDecoder('windows-1252').decode(readFileSync(path));
const { data } = Papa.parse(text, { skipEmptyLines: true });
const [header, ...rows] = data;
const column = (name) => {
  const at = header.findIndex((cell) => cell.trim() === name);
  if (at === -1) throw new Error(`no column ${name}`);
  return at;
};
const C = {
  programme: column('Clave del programa'),
  fund: column('Fondo'),
  stateCode: column('Clave de la entidad federativa'),
  state: column('Entidad Federativa'),
  municipalityCode: column('Clave del municipio'),
  municipality: column('Nombre del municipio'),
  approved: column('Monto aprobado'),
  paid: column('Pagado'),
};

const nodes = new Map();
const flows = new Map();
const node = (id, kind, name) => {
  if (!nodes.has(id)) nodes.set(id, { kind, name: name.trim().replace(/\s+/g, ' ') });
  return id;
};
const add = (from, to, stage, amount) => {
  const key = `${from}|${to}|${stage}`;
  const flow = flows.get(key) ?? { from, to, stage, amount: new Decimal(0) };
  flow.amount = flow.amount.plus(amount);
  flows.set(key, flow);
};

let projects = 0;
for (const row of rows) {
  projects++;
  const ramo = node('ramo:23', 'agency', 'Provisiones Salariales y Económicas');
  const programme = node(`pp:${row[C.programme].trim()}`, 'programme', row[C.fund]);
  const stateCode = row[C.stateCode].trim().padStart(2, '0');
  const state = node(`ef:${stateCode}`, 'recipient', row[C.state]);
  const municipalityCode = row[C.municipalityCode].trim();
  const municipality = node(
    `mun:${stateCode}-${municipalityCode === '9999' ? '9999' : municipalityCode.padStart(3, '0')}`,
    'recipient',
    `${row[C.municipality].trim()}, ${row[C.state].trim()}`,
  );
  for (const [stage, at] of [
    ['approved', C.approved],
    ['paid', C.paid],
  ]) {
    if (row[at].trim() === '') continue; // 124 projects have no paid figure at all: no flow, rather than a zero.
    const amount = parseAmount(row[at]);
    if (!amount.ok) throw new Error(`row ${projects + 1}: ${row[at]}: ${amount.message}`);
    add(ramo, programme, stage, amount.value);
    add(programme, state, stage, amount.value);
    add(state, municipality, stage, amount.value);
  }
}

const quote = (text) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const lines = ['from,to,amount,stage,from_kind,to_kind,from_name,to_name'];
const sorted = [...flows.values()].sort(
  (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.stage.localeCompare(b.stage),
);
for (const flow of sorted) {
  const from = nodes.get(flow.from);
  const to = nodes.get(flow.to);
  lines.push(
    [flow.from, flow.to, flow.amount.toFixed(2), flow.stage, from.kind, to.kind, from.name, to.name]
      .map(quote)
      .join(','),
  );
}
process.stdout.write(lines.join('\n') + '\n');
process.stderr.write(`${projects} projects -> ${sorted.length} flows between ${nodes.size} nodes\n`);
