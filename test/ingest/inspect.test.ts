import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectCommand } from '../../src/cli/commands/inspect.js';
import { inspectTable } from '../../src/ingest/inspect/inspectTable.js';
import type { TableInspection } from '../../src/ingest/inspect/TableInspection.js';
import type { Mapping } from '../../src/ingest/mapping/Mapping.js';
import {
  buildFlowGraph,
  Decimal,
  ingestCsv,
  type IngestResult,
  type StageTotal,
  summarizeGraph,
} from '../../src/index.js';
import { readMappingFile } from '../../src/node/readMappingFile.js';
import { FIXTURE } from '../paths.js';

const bytesOf = (name: string) => new Uint8Array(gunzipSync(readFileSync(FIXTURE(name))));
const column = (inspection: TableInspection, name: string) => inspection.columns.find((each) => each.name === name)!;
const amountOf = (totals: StageTotal[], stage: string) =>
  totals.find((total) => total.stage === stage && total.currency === 'MXN')?.amount.toFixed();

/** The suggested mapping as a user would use it: saved as JSON, read back, and handed to ingest. */
function ingestWithSuggestion(bytes: Uint8Array, inspection: TableInspection): IngestResult {
  const mapping = JSON.parse(JSON.stringify(inspection.suggestedMapping)) as Mapping;
  return ingestCsv(bytes, { mapping, file: inspection.file });
}

function expectBooksBalance(result: IngestResult, inspection: TableInspection): void {
  const { report } = result;
  expect(report.rowsRead).toBe(report.accepted + report.rejected + report.skipped);
  // Ingest reads every row after the header, and the rows above it: exactly what the inspection counted.
  expect(report.rowsRead).toBe(inspection.rowCount + inspection.headerRow - 1);
}

describe('inspectTable on the PEF 2016 clave-level file (CP850)', () => {
  const bytes = bytesOf('mx-pef2016/pef2016.csv.gz');
  let inspection: TableInspection;
  beforeAll(() => {
    inspection = inspectTable(bytes, { file: 'pef2016.csv' });
  }, 60_000);

  it('inspectTable(pef2016) detects CP850, commas, CRLF, the header on row 1 and 75,312 rows after it', () => {
    expect(inspection).toMatchObject({
      encoding: 'cp850',
      encodingDetected: true,
      delimiter: ',',
      delimiterDetected: true,
      lineEnds: { style: 'crlf', crlf: 75313, lf: 0, cr: 0 },
      headerRow: 1,
      preamble: [],
      rowCount: 75312,
      rowsProfiled: 75312,
      unitHints: [],
      totalRows: [],
    });
    expect(inspection.hxlRow).toBeUndefined();
    expect(column(inspection, 'RAMO_DESCRIPCION').examples[1]).toBe('Oficina de la Presidencia de la República');
  });

  it('inspectTable(pef2016) reads PEF_2016 as the only amount column: "." decimals, "," thousands, " -   " zeros, approved', () => {
    expect(inspection.columns.filter((each) => each.type === 'amount').map((each) => each.name)).toEqual(['PEF_2016']);
    // 141 cells write zero as " -   " and one is negative (-8,660,451,340), counted with Python from the file.
    expect(column(inspection, 'PEF_2016')).toMatchObject({
      type: 'amount',
      stage: 'approved',
      nonEmpty: 75312,
      numberFormat: {
        decimal: '.',
        thousands: ',',
        maxDecimals: 0,
        dashZeros: true,
        parentheses: false,
        negatives: true,
        exponent: false,
        currencySigns: [],
        invalid: 0,
      },
    });
  });

  it('inspectTable(pef2016) pairs codes with descriptions and finds the columns a code needs (UNIDAD repeats across ramos)', () => {
    expect(column(inspection, 'Ramo')).toMatchObject({ type: 'integer-code', distinct: 47, keyColumns: [] });
    expect(column(inspection, 'UNIDAD')).toMatchObject({
      distinct: 436,
      description: 'UNIDAD_DESCRIPCION',
      keyColumns: ['Ramo'],
    });
    expect(column(inspection, 'PP')).toMatchObject({
      description: 'PROGR_PRES_DESCRIPCION',
      keyColumns: ['Ramo', 'MOD'],
    });
    expect(column(inspection, 'UNIDAD_DESCRIPCION').distinct).toBe(1147);
  });

  it('the suggested mapping, through JSON, ingests every row and the approved money entering the graph is 5,297,125,819,608', () => {
    const mapping = inspection.suggestedMapping!;
    expect(mapping).toMatchObject({
      encoding: 'cp850',
      delimiter: ',',
      number: { decimal: '.' },
      amounts: [{ column: 'PEF_2016', stage: 'approved' }],
      period: '{Ciclo}',
    });
    // Ramo at the top; a programme is (Ramo, MOD, PP); the levels that cut across it carry the path above them.
    expect(mapping.chain.map((level) => level.id)).toEqual([
      'ramo:{Ramo}',
      'pp:{Ramo}-{MOD}-{PP}',
      'unidad:{Ramo}-{MOD}-{PP}-{UNIDAD}',
      'ef:{Ramo}-{MOD}-{PP}-{UNIDAD}-{EF}',
      'concepto:{Ramo}-{MOD}-{PP}-{UNIDAD}-{EF}-{CONCEPTO}',
    ]);
    const result = ingestWithSuggestion(bytes, inspection);
    expect(result.report).toMatchObject({ rowsRead: 75312, accepted: 75312, rejected: 0, skipped: 0 });
    expectBooksBalance(result, inspection);
    // The sum of PEF_2016 over every row, computed with Python's decimal module (see the fixture's SOURCE.md).
    expect(amountOf(summarizeGraph(buildFlowGraph(result)).entering, 'approved')).toBe('5297125819608');
  });
});

describe('inspectTable on the federal transfers to states (CP1252, thousands, State: Fund, Total rows)', () => {
  const bytes = bytesOf('mx-pef2016/transferencias_entidades_fed.csv.gz');
  let inspection: TableInspection;
  beforeAll(() => {
    inspection = inspectTable(bytes, { file: 'transferencias_entidades_fed.csv' });
  }, 60_000);

  it('inspectTable(transferencias) detects windows-1252, commas, CRLF, the header on row 1 and 78,751 rows', () => {
    // SOURCE.md describes the original as LF; this copy of it has CRLF on every line (78,752 with the header).
    expect(inspection).toMatchObject({
      encoding: 'windows-1252',
      encodingDetected: true,
      delimiter: ',',
      lineEnds: { style: 'crlf', crlf: 78752, lf: 0, cr: 0 },
      headerRow: 1,
      rowCount: 78751,
    });
  });

  it('inspectTable(transferencias) reads MONTO as paid amounts in thousands, and sees NOMBRE packing state and fund', () => {
    expect(inspection.columns.filter((each) => each.type === 'amount').map((each) => each.name)).toEqual(['MONTO']);
    // Up to 9 decimals, 55 negative cells, no thousands mark (Python, from the file).
    expect(column(inspection, 'MONTO').numberFormat).toMatchObject({
      decimal: '.',
      maxDecimals: 9,
      negatives: true,
      dashZeros: false,
      invalid: 0,
    });
    expect(column(inspection, 'MONTO').numberFormat!.thousands).toBeUndefined();
    expect(inspection.unitHints).toEqual([
      { unit: 'thousands', text: 'Miles de Pesos', where: 'column', column: 'UNIDAD_DE_MEDIDA', everyRow: true },
    ]);
    // 35 names before the colon (32 states, Michoacan spelt twice, No distribuible, Total) and 39 funds after it.
    expect(column(inspection, 'NOMBRE').packed).toEqual({ separator: ':', before: 35, after: 39 });
    expect(column(inspection, 'CLAVE_DE_CONCEPTO')).toMatchObject({ description: 'NOMBRE', distinct: 1291 });
  });

  it('inspectTable(transferencias) lists the 2,257 Total rows by row number and column', () => {
    expect(inspection.totalRows).toHaveLength(2257);
    expect(inspection.totalRows[0]).toEqual({
      row: 638,
      column: 'NOMBRE',
      value: 'Total: Fondo de Aportaciones para la Infraestructura Social (FAIS Estatal)',
    });
    expect(inspection.totalRows.every((total) => total.value.startsWith('Total: '))).toBe(true);
  });

  it('the suggested mapping splits NOMBRE, scales by 1000, declares the Total rows and ingests every row', () => {
    const mapping = inspection.suggestedMapping!;
    expect(mapping).toMatchObject({
      encoding: 'windows-1252',
      number: { decimal: '.', unit: 'thousands' },
      amounts: [{ column: 'MONTO', stage: 'paid' }],
      period: '{CICLO}',
    });
    expect(mapping.chain).toEqual([
      { id: 'subtema:{SUBTEMA|slug}', kind: 'agency', name: '{SUBTEMA}' },
      { id: 'nombre_after:{NOMBRE|after(:)|slug}', kind: 'intermediary', name: '{NOMBRE|after(:)}' },
      { id: 'nombre_before:{NOMBRE|before(:)|slug}', kind: 'recipient', name: '{NOMBRE|before(:)}' },
    ]);
    expect(mapping.totals).toEqual([
      {
        name: 'total-of-nombre_after',
        where: { NOMBRE: { matches: '^(?:Total)\\s*:' } },
        node: 'nombre_after:{NOMBRE|after(:)|slug}',
      },
    ]);
    const result = ingestWithSuggestion(bytes, inspection);
    expect(result.report).toMatchObject({ rowsRead: 78751, accepted: 78751, rejected: 0, skipped: 0 });
    expect(result.report.declaredTotals).toBe(2257);
    expectBooksBalance(result, inspection);
    // Python's decimal, from the file: the sum of MONTO over the rows whose NOMBRE does not start with "Total:",
    // times 1000, is 14,538,040,271,287.301068. It counts some money more than once: the file's funds overlap
    // (the "Aportaciones Federales ... (Incluye Ramos 33 y 25)" aggregate beside FAEB, FASSA ...; FAIS beside FAIS
    // Estatal and FAIS Municipal; FAM beside its three parts), and the suggestion, like the file, keeps them all. The
    // Total rows (14,510,836,789,457.71 in all) are declared totals, not flows.
    expect(amountOf(summarizeGraph(buildFlowGraph(result)).entering, 'paid')).toBe('14538040271287.301068');
    const declared = result.declaredTotals.reduce((sum, total) => sum.plus(total.amount), new Decimal(0));
    expect(declared.toFixed()).toBe('14510836789457.71');
  });
});

describe('inspectTable on Cuenta Pública 2016 (a long table: stage in PRESUPUESTO, TOTAL, label and percentage rows)', () => {
  const bytes = bytesOf('mx-cuenta-publica/2016.csv.gz');
  let inspection: TableInspection;
  beforeAll(() => {
    inspection = inspectTable(bytes, { file: '2016.csv' });
  }, 60_000);

  it('inspectTable(cuenta publica 2016) detects UTF-8, commas, CRLF, the header on row 1 and 5,046 rows', () => {
    expect(inspection).toMatchObject({
      encoding: 'utf-8',
      encodingDetected: true,
      delimiter: ',',
      lineEnds: { style: 'crlf', crlf: 5047 },
      headerRow: 1,
      rowCount: 5046,
    });
  });

  it('inspectTable(cuenta publica 2016) finds the stage column and sorts its other rows into percentages and labels', () => {
    // 728 rows per stage, 1,456 percentage rows and 678 programme-name rows, all with zero amounts (Python).
    expect(inspection.stageColumn).toEqual({
      column: 'PRESUPUESTO',
      stages: { Aprobado: 'approved', Modificado: 'modified', Devengado: 'accrued', Ejercicio: 'exercised' },
      stageRows: 2912,
      percentageValues: ['Porcentaje Ejer/Aprob', 'Porcentaje Ejer/Modif'],
      percentageRows: 1456,
      labelRows: 678,
      labelRowsWithAmounts: 0,
    });
    expect(inspection.totalRows).toHaveLength(300);
    expect(new Set(inspection.totalRows.map((total) => `${total.column}=${total.value}`))).toEqual(
      new Set(['PROGRAMA=TOTAL']),
    );
    expect(column(inspection, 'TOTAL').numberFormat).toMatchObject({ decimal: '.', dashZeros: false, invalid: 0 });
    expect(column(inspection, 'PORCENTAJE_INVERSIÓN')).toMatchObject({ type: 'amount', percentage: true });
  });

  it('the suggested mapping reads TOTAL by stage, skips percentage and label rows and declares the TOTAL rows', () => {
    const mapping = inspection.suggestedMapping!;
    expect(mapping.amounts).toEqual([
      {
        column: 'TOTAL',
        stageFrom: 'PRESUPUESTO',
        stages: { Aprobado: 'approved', Modificado: 'modified', Devengado: 'accrued', Ejercicio: 'exercised' },
      },
    ]);
    expect(mapping.chain.map((level) => level.id)).toEqual([
      'ente:{ENTE|slug}',
      'ramo:{RAMO|slug}',
      'subramo:{SUBRAMO|slug}',
      'programa:{RAMO|slug}-{SUBRAMO|slug|default(-)}-{PROGRAMA}',
    ]);
    expect(mapping.chain[2]!.optional).toBe(true);
    expect(mapping.skip!.map((rule) => rule.name)).toEqual(['percentage-rows', 'label-rows']);
    expect(mapping.totals!.map((rule) => [rule.name, rule.node])).toEqual([
      ['total-of-ente', 'ente:{ENTE|slug}'],
      ['total-of-ramo', 'ramo:{RAMO|slug}'],
      ['total-of-subramo', 'subramo:{SUBRAMO|slug}'],
    ]);

    const result = ingestWithSuggestion(bytes, inspection);
    expect(result.report).toMatchObject({
      rowsRead: 5046,
      accepted: 2912,
      rejected: 0,
      skipped: 2134,
      skippedByRule: { 'percentage-rows': 1456, 'label-rows': 678 },
      declaredTotals: 200,
    });
    expectBooksBalance(result, inspection);
    // Python's decimal, from the file: the TOTAL column summed over the programme rows (PROGRAMA is not TOTAL) of
    // each stage.
    const entering = summarizeGraph(buildFlowGraph(result)).entering;
    expect(amountOf(entering, 'approved')).toBe('3660708778316');
    expect(amountOf(entering, 'modified')).toBe('4228103711483.04');
    expect(amountOf(entering, 'accrued')).toBe('4223789561728.47');
    expect(amountOf(entering, 'exercised')).toBe('4222048705897.22');
    // The Poder Legislativo's TOTAL row (RAMO empty) is declared for its branch: 14,101,599,051, which is also the sum
    // of its programme rows (Python).
    const declared = result.declaredTotals.find(
      (total) => total.node === 'ente:poder-legislativo' && total.stage === 'approved',
    );
    expect(declared).toMatchObject({ rule: 'total-of-ente' });
    expect(declared!.amount.toFixed()).toBe('14101599051');
  });
});

describe('inspectTable on a small table with a preamble', () => {
  const text = [
    'Presupuesto de egresos 2024;;;',
    'Cifras en miles de pesos;;;',
    ';;;',
    'Ramo;Programa;Beneficiario;Monto pagado',
    '#org;#activity;#org+impl;#value',
    '01;E001;Proveedor Uno;"1.234,50"',
    '01;E001;Proveedor Dos;-',
    '02;E002;Proveedor Uno;(10,00)',
    'TOTAL;;;"1.224,50"',
    '',
  ].join('\n');
  const inspection = inspectTable(text, { file: 'pagos.csv' });

  it('inspectTable finds the header under the title rows, the HXL row, ";" and a decimal comma', () => {
    expect(inspection).toMatchObject({
      delimiter: ';',
      encodingDetected: false,
      lineEnds: { style: 'lf', lf: 9 },
      headerRow: 4,
      preamble: ['Presupuesto de egresos 2024', 'Cifras en miles de pesos'],
      hxlRow: 5,
      rowCount: 5,
      rowsProfiled: 4,
      unitHints: [{ unit: 'thousands', text: 'Cifras en miles de pesos', where: 'preamble', row: 2 }],
      totalRows: [{ row: 9, column: 'Ramo', value: 'TOTAL' }],
    });
    expect(inspection.encoding).toBeUndefined();
    expect(column(inspection, 'Monto pagado')).toMatchObject({
      type: 'amount',
      stage: 'paid',
      numberFormat: { decimal: ',', thousands: '.', dashZeros: true, parentheses: true, maxDecimals: 2 },
    });
  });

  it('its suggested mapping skips the grand total (no node above it) and reads the rest in thousands', () => {
    expect(inspection.suggestedMapping).toMatchObject({
      delimiter: ';',
      headerRow: 4,
      number: { decimal: ',', unit: 'thousands' },
      chain: [{ id: 'ramo:{Ramo}' }, { id: 'programa:{Programa}' }, { id: 'beneficiario:{Beneficiario|slug}' }],
      skip: [{ name: 'total-rows', where: { Ramo: 'TOTAL' } }],
    });
    const result = ingestCsv(text, { mapping: JSON.parse(JSON.stringify(inspection.suggestedMapping)) });
    // 3 preamble rows, the HXL row and the total row skipped; 3 rows accepted.
    expect(result.report).toMatchObject({
      rowsRead: 8,
      accepted: 3,
      rejected: 0,
      skipped: 5,
      skippedByRule: { preamble: 3, 'hxl-tags': 1, 'total-rows': 1 },
    });
    // (1,234.50 + 0 - 10.00) thousand pesos.
    expect(amountOf(summarizeGraph(buildFlowGraph(result)).entering, 'paid')).toBe('1224500');
  });

  it('inspectTable with sampleRows profiles only the first rows, and still counts every row', () => {
    const sampled = inspectTable(text, { sampleRows: 2 });
    expect(sampled).toMatchObject({ rowCount: 5, rowsProfiled: 2, totalRows: [] });
    expect(column(sampled, 'Monto pagado').nonEmpty).toBe(2);
  });

  it('inspectTable suggests no mapping for a table without amounts, and says why', () => {
    const result = inspectTable('ramo,nombre\n01,Poder Legislativo\n02,Poder Judicial\n');
    expect(result.suggestedMapping).toBeUndefined();
    expect(result.notes).toContain('no column of amounts: no mapping suggested');
  });

  it('inspectTable refuses a wrong option with an InvalidArgumentError', () => {
    expect(() => inspectTable('a,b\n1,2\n', { sampleRows: 0 })).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', code: 'invalid_argument' }),
    );
    expect(() => inspectTable('a,b\n1,2\n', { delimiter: ':' as never })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });
});

describe('cauce inspect', () => {
  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await inspectCommand(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
    return { code, stdout, stderr };
  };
  const file = FIXTURE('mx-cuenta-publica/2016.csv.gz');

  it('cauce inspect <file> prints the encoding, header, stage column, columns and the suggested chain', async () => {
    const { code, stdout, stderr } = await run(file);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('2016.csv.gz: utf-8 (detected), delimiter ",", CRLF line ends');
    expect(stdout).toContain('header: row 1; 5046 rows after it');
    expect(stdout).toContain('stage column: PRESUPUESTO (Aprobado=approved');
    expect(stdout).toContain('suggested mapping: ente -> ramo -> subramo -> programa; TOTAL (stage from PRESUPUESTO)');
  });

  it('cauce inspect --json --mapping-out writes a mapping that cauce ingest can read back', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cauce-inspect-')), 'cuenta.mapping.json');
    const { code, stdout, stderr } = await run(file, '--json', '--mapping-out', out);
    expect(code).toBe(0);
    expect(stderr).toContain('wrote the suggested mapping to');
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({ file: '2016.csv.gz', encoding: 'utf-8', headerRow: 1, rowCount: 5046 });
    const mapping = await readMappingFile(out);
    expect(mapping).toEqual(printed.suggestedMapping);
    const result = ingestCsv(bytesOf('mx-cuenta-publica/2016.csv.gz'), { mapping });
    expect(result.report).toMatchObject({ rowsRead: 5046, accepted: 2912, rejected: 0, skipped: 2134 });
  });

  it('cauce inspect refuses two files, and a missing file is unreadable input', async () => {
    await expect(run(file, file)).rejects.toMatchObject({ name: 'UsageError' });
    await expect(run(join(tmpdir(), 'no-such-file.csv'))).rejects.toMatchObject({ code: 'unreadable_input' });
  });
});

describe('inspectTable finds the currency of the amounts', () => {
  it('inspectTable reads £ signs as GBP, and its mapping ingests the pounds with no currency_mismatch', () => {
    const text = [
      'Department,Supplier,Date,Amount',
      'Cabinet Office,ACME LTD,2020-12-01,"£1,234.56"',
      'Cabinet Office,Widgets PLC,2020-12-02,£25.00',
      'HM Treasury,ACME LTD,2020-12-03,-£10.50',
      '',
    ].join('\n');
    const inspection = inspectTable(text, { file: 'pounds.csv' });
    expect(inspection.currency).toEqual({ found: 'sign', code: 'GBP', text: '£', column: 'Amount' });
    expect(inspection.suggestedMapping).toMatchObject({
      currency: 'GBP',
      amounts: [{ column: 'Amount', stage: 'paid' }],
    });
    expect(inspection.notes).toContain('amounts are in GBP ("£" written with Amount): currency says so');
    const result = ingestCsv(text, { mapping: JSON.parse(JSON.stringify(inspection.suggestedMapping)) });
    expect(result.report).toMatchObject({ rowsRead: 3, accepted: 3, rejected: 0, skipped: 0 });
    // 1,234.56 + 25.00 - 10.50, by hand.
    const entering = summarizeGraph(buildFlowGraph(result)).entering;
    expect(entering.map((total) => [total.stage, total.currency, total.amount.toFixed()])).toEqual([
      ['paid', 'GBP', '1249.06'],
    ]);
    // Without the currency, every amount written in pounds contradicts the default MXN and is rejected.
    const { currency: _dropped, ...withoutCurrency } = inspection.suggestedMapping!;
    const before = ingestCsv(text, { mapping: withoutCurrency });
    expect(before.report).toMatchObject({ rowsRead: 3, accepted: 0, rejected: 3 });
    expect(new Set(before.report.issues.map((issue) => issue.code))).toEqual(new Set(['currency_mismatch']));
  });

  it('inspectTable reads a column of ISO codes row by row, and names the currency of a title row', () => {
    const byColumn = inspectTable('Pagador,Proveedor,Importe,Moneda\nSAT,Uno,100.50,MXN\nSAT,Dos,20,USD\n');
    expect(byColumn.currency).toEqual({ found: 'column', column: 'Moneda', codes: ['MXN', 'USD'] });
    expect(byColumn.suggestedMapping?.currency).toBe('{Moneda}');
    const result = ingestCsv('Pagador,Proveedor,Importe,Moneda\nSAT,Uno,100.50,MXN\nSAT,Dos,20,USD\n', {
      mapping: byColumn.suggestedMapping!,
    });
    expect(result.flows.map((flow) => [flow.currency, flow.amount.toFixed()])).toEqual([
      ['MXN', '100.5'],
      ['USD', '20'],
    ]);

    const titled = inspectTable(
      [
        'Pagos a proveedores, en libras esterlinas;;',
        ';;',
        'Pagador;Proveedor;Importe',
        'DfE;Uno;10.50',
        'DfE;Dos;20',
        'HMRC;Uno;5',
        '',
      ].join('\n'),
    );
    expect(titled.currency).toEqual({
      found: 'preamble',
      code: 'GBP',
      text: 'Pagos a proveedores, en libras esterlinas',
      row: 1,
    });
    expect(titled.suggestedMapping?.currency).toBe('GBP');
  });

  it('inspectTable says the currency of the UK spend files was not found and the default MXN applies', () => {
    // Cabinet Office 2020-12: plain amounts, no £, no currency column, no title rows.
    const bytes = bytesOf('uk-spend/2020-12.csv.gz');
    const inspection = inspectTable(bytes, { file: '2020-12.csv' });
    expect(inspection.currency).toEqual({ found: 'none' });
    expect(inspection.suggestedMapping!.currency).toBeUndefined();
    expect(inspection.notes).toContain(
      'the currency was not found (no currency sign, currency column or currency named): the default (MXN) applies; ' +
        'set currency if it is another',
    );
    const result = ingestWithSuggestion(bytes, inspection);
    expect(result.report).toMatchObject({ rowsRead: 894, accepted: 894, rejected: 0, skipped: 0 });
    // The sum of Amount over the 894 lines, computed with Python's decimal module: read as pesos, as the note warns.
    expect(amountOf(summarizeGraph(buildFlowGraph(result)).entering, 'paid')).toBe('137356240.85');
    // Leeds' raw file of December 2010 says no more: `1616.23 ` amounts under `Net amount`.
    expect(inspectTable(bytesOf('uk-spend/leeds-2010-12.csv.gz')).currency).toEqual({ found: 'none' });
  });
});
