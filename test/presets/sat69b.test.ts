import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestCsv, MappingError, type WatchlistEntry } from '../../src/index.js';
import { SAT_69B } from '../../src/ingest/presets/sat69b.js';
import { FIXTURE } from '../paths.js';

// SAT's "Listado completo de contribuyentes (Artículo 69-B del CFF)" as of 30 November 2022 (see
// fixtures/mx-sat-69b/SOURCE.md). Every figure below was computed from the file with Python's csv module,
// independently of cauce.
const BYTES = gunzipSync(readFileSync(FIXTURE('mx-sat-69b/Listado_Completo_69-B.csv.gz')));
const FILE = 'Listado_Completo_69-B.csv';
const read = (watchlist = SAT_69B.watchlist) => ingestCsv(BYTES, { file: FILE, mapping: watchlist });
let presetResult: ReturnType<typeof read> | undefined;
const readWithPreset = () => (presetResult ??= read());

function countBy(entries: WatchlistEntry[], key: (entry: WatchlistEntry) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[key(entry)] = (counts[key(entry)] ?? 0) + 1;
  return counts;
}

describe('preset sat-69b', () => {
  it('ingestCsv reads the 12,666 listed rows under two title rows, skipping the 86 whose data a court suppressed', () => {
    const { report, watchlist, flows } = readWithPreset();
    expect(report.accepted + report.rejected + report.skipped).toBe(report.rowsRead);
    expect(report).toMatchObject({
      format: 'watchlist',
      mapping: 'sat-69b',
      encoding: 'windows-1252',
      encodingDetected: true,
      headerRow: 3,
      rowsRead: 12668,
      accepted: 12580,
      rejected: 0,
      skipped: 88,
      skippedByRule: { preamble: 2, suppressed: 86 },
    });
    expect(flows).toEqual([]);
    expect(watchlist).toHaveLength(12580);
    // The 86 suppressed rows are 72 definitivo and 14 presunto.
    expect(countBy(watchlist, (entry) => entry.status)).toEqual({
      definitivo: 10882,
      'sentencia favorable': 1241,
      desvirtuado: 330,
      presunto: 127,
    });
  });

  it('without its skip rule, the statuses are the ones SAT counts and the suppressed rows carry no RFC', () => {
    const { skip: _skip, ...unskipped } = SAT_69B.watchlist;
    const { report, watchlist } = read(unskipped);
    expect(report).toMatchObject({ rowsRead: 12668, accepted: 12666, skipped: 2, skippedByRule: { preamble: 2 } });
    expect(countBy(watchlist, (entry) => entry.status)).toEqual({
      definitivo: 10954,
      'sentencia favorable': 1241,
      desvirtuado: 330,
      presunto: 141,
    });
    const suppressed = watchlist.filter((entry) => entry.taxId === 'XXXXXXXXXXXX');
    expect(suppressed).toHaveLength(86);
    expect(suppressed.every((entry) => /información suprimida/i.test(entry.name))).toBe(true);
  });

  it('an entry carries its RFC, decoded name, lower-cased status, first SAT publication date and the other columns', () => {
    const { watchlist } = readWithPreset();
    expect(watchlist[0]).toMatchObject({
      taxId: 'AAA080808HL8',
      name: 'ASESORES EN AVALÚOS Y ACTIVOS, S.A. DE C.V.',
      status: 'sentencia favorable',
      listedOn: '2018-06-01',
      source: 'SAT 69-B',
      provenance: { file: FILE, firstRow: 4, lastRow: 4, rows: 1 },
    });
    expect(watchlist[0]!.attributes).toMatchObject({
      No: '1',
      'Publicación DOF presuntos': '25/06/2018',
      'Publicación página SAT sentencia favorable': '05/03/2019',
    });
    const last = watchlist[watchlist.length - 1]!;
    expect(last).toMatchObject({
      taxId: 'ZUMA760304AH6',
      name: 'ZUÑIGA MARTINEZ JOSÉ ASCENCION',
      status: 'definitivo',
      listedOn: '2016-10-01',
    });
    // A name SAT wrote with a trailing space is trimmed.
    expect(watchlist.some((entry) => entry.name === 'ZUÑIGA LEMUS MANUEL')).toBe(true);
  });

  it('keeps every row of an RFC listed more than once, and the court note SAT appends to a name', () => {
    const { watchlist } = readWithPreset();
    const byTaxId = countBy(watchlist, (entry) => entry.taxId);
    const repeated = Object.entries(byTaxId).filter(([, count]) => count > 1);
    expect(Object.keys(byTaxId)).toHaveLength(12508);
    expect(repeated).toHaveLength(65);
    expect(repeated.reduce((sum, [, count]) => sum + count, 0)).toBe(137);

    const abira = watchlist.filter((entry) => entry.taxId === 'AAS110331G59');
    expect(abira.map(({ status, listedOn, provenance }) => [status, listedOn, provenance.firstRow])).toEqual([
      ['definitivo', '2020-03-10', 145],
      ['sentencia favorable', '2017-06-01', 146],
    ]);
    expect(abira[0]!.name).toBe('ABIRA & SAFFI CORPORATIVO, S. DE R.L. DE C.V.');
    expect(abira[0]!.attributes!.note).toMatch(/^En cumplimiento a la sentencia del 7 de octubre de 2019/);
    expect(watchlist.filter((entry) => entry.attributes?.note !== undefined)).toHaveLength(43);
  });

  it('ingestCsv rejects a row without an RFC or with a listing date that is not dd/mm/yyyy, naming the cell', () => {
    const header = 'No,RFC,Nombre del Contribuyente,Situación del contribuyente,Publicación página SAT presuntos';
    const text = [
      'Listado completo de contribuyentes (Artículo 69-B del CFF),,,,',
      header,
      '1,AAA080808HL8,"ASESORES EN AVALÚOS Y ACTIVOS, S.A. DE C.V.",Sentencia Favorable,01/06/2018',
      '2,,SIN RFC,Definitivo,01/06/2018',
      '3,AEHE660309SE6,ARMENTA HERNANDEZ EDNA GLORIA,Definitivo,44014',
      ',,,,',
    ].join('\r\n');
    const { report, watchlist } = ingestCsv(text, { file: 'sample.csv', mapping: SAT_69B.watchlist });
    expect(report).toMatchObject({ rowsRead: 5, accepted: 1, rejected: 2, skipped: 2 });
    expect(report.skippedByRule).toEqual({ preamble: 1, 'blank-row': 1 });
    expect(watchlist.map((entry) => entry.taxId)).toEqual(['AAA080808HL8']);
    expect(report.issues.map(({ row, column, value, code }) => ({ row, column, value, code }))).toEqual([
      { row: 4, column: 'RFC', value: '', code: 'missing_field' },
      { row: 5, column: 'Publicación página SAT presuntos', value: '44014', code: 'bad_date' },
    ]);
  });

  it('ingestCsv throws a MappingError naming the column a file lacks', () => {
    const text = 'RFC,Nombre del Contribuyente,Situación del contribuyente\nAAA080808HL8,ASESORES,Definitivo\n';
    expect(() => ingestCsv(text, { mapping: SAT_69B.watchlist })).toThrow(MappingError);
    try {
      ingestCsv(text, { mapping: SAT_69B.watchlist });
    } catch (error) {
      expect(error).toMatchObject({
        name: 'MappingError',
        code: 'invalid_mapping',
        key: 'entry.listedOn.column',
        column: 'Publicación página SAT presuntos',
      });
    }
  });
});
