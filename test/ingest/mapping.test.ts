import { describe, expect, it } from 'vitest';
import {
  buildFlowGraph,
  ingestCsv,
  type Mapping,
  MappingError,
  summarizeGraph,
  validateMapping,
} from '../../src/index.js';

const base: Mapping = {
  name: 'test',
  chain: [
    { id: 'ramo:{RAMO}', kind: 'agency', name: '{DESC_RAMO}' },
    { id: 'pp:{RAMO}-{PP|pad(3)}', kind: 'programme' },
  ],
  amounts: [{ column: 'APROBADO', stage: 'approved' }],
};

/** Calls fn and returns the MappingError it throws (failing when it throws nothing or something else). */
function mappingError(fn: () => unknown): MappingError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MappingError);
    return error as MappingError;
  }
  throw new Error('expected a MappingError');
}

describe('validateMapping(mapping) fails before any row with the key at fault', () => {
  it.each([
    [{ ...base, chain: undefined }, 'chain'],
    [{ ...base, chain: [base.chain[0]] }, 'chain'],
    [{ ...base, amounts: [] }, 'amounts'],
    [{ ...base, amounts: [{ column: 'APROBADO', stage: 'gastado' }] }, 'amounts[0].stage'],
    [{ ...base, amounts: [{ colum: 'APROBADO', stage: 'approved' }] }, 'amounts[0].colum'],
    [{ ...base, amounts: [{ column: 'APROBADO' }] }, 'amounts[0]'],
    [{ ...base, chain: [base.chain[0], { id: 'x', kind: 'ministry' }] }, 'chain[1].kind'],
    [{ ...base, chain: [base.chain[0], { kind: 'programme' }] }, 'chain[1].id'],
    [{ ...base, number: { unit: 'dozens' } }, 'number.unit'],
    [{ ...base, date: { column: 'FECHA', format: 'yyyy/dd/mm' } }, 'date.format'],
    [{ ...base, totals: [{ name: 't', where: { X: 'TOTAL' } }] }, 'totals[0].node'],
    [{ ...base, headerRow: 0 }, 'headerRow'],
    [{ ...base, extra: true }, 'extra'],
  ])('validateMapping(%#) names %s', (mapping, key) => {
    expect(mappingError(() => validateMapping(mapping)).key).toBe(key);
  });

  it('ingestCsv names the key and the column a file lacks, before reading a data row', () => {
    // Row 2 is broken too; the mapping error must come first, so it is not a row issue.
    const text = 'RAMO,DESC_RAMO,PROG,APROBADO\n12,Salud,1,abc\n';
    const error = mappingError(() => ingestCsv(text, { mapping: base }));
    expect(error).toMatchObject({ code: 'invalid_mapping', key: 'chain[1].id', column: 'PP' });
    expect(error.message).toContain('"PP"');
  });

  it('ingestCsv rejects a template with an unknown filter or an open brace, naming the key', () => {
    const text = 'RAMO,DESC_RAMO,PP,APROBADO\n12,Salud,1,5\n';
    const badFilter = { ...base, chain: [base.chain[0]!, { id: 'pp:{PP|zeropad(3)}', kind: 'programme' as const }] };
    expect(mappingError(() => ingestCsv(text, { mapping: badFilter })).key).toBe('chain[1].id');
    const openBrace = { ...base, chain: [base.chain[0]!, { id: 'pp:{PP', kind: 'programme' as const }] };
    expect(mappingError(() => ingestCsv(text, { mapping: openBrace })).key).toBe('chain[1].id');
  });

  it('ingestCsv refuses a condition whose regular expression would remember where it stopped (flags g or y)', () => {
    // With g, TOTAL would be skipped on one row and read as money on the next.
    const text = 'RAMO,DESC_RAMO,PP,APROBADO\n12,TOTAL,1,5\n12,TOTAL,1,5\n';
    const stateful = { ...base, skip: [{ name: 'total', where: { DESC_RAMO: { matches: 'total', flags: 'gi' } } }] };
    expect(mappingError(() => ingestCsv(text, { mapping: stateful })).key).toBe('skip[0].where.DESC_RAMO.flags');
    const caseless = { ...base, skip: [{ name: 'total', where: { DESC_RAMO: { matches: 'total', flags: 'i' } } }] };
    expect(ingestCsv(text, { mapping: caseless }).report.skippedByRule).toEqual({ total: 2 });
  });

  it('a mapping cannot be given with a preset, and an unknown preset is a misuse', () => {
    expect(() => ingestCsv('a\n', { mapping: base, preset: 'mx-pef' })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() => ingestCsv('a\n', { preset: 'nope' })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});

describe('ingestCsv(text, { mapping }) turns a published table into flows', () => {
  const table = [
    'Reporte de prueba,,,,,', // a title row above the header
    'RAMO,DESC_RAMO,PP,APROBADO,PAGADO,NOTA',
    '12,Salud,57,"1,000.50", -   ,',
    '12,Salud,057,500,100,',
    '12,Salud,TOTAL,"1,500.50",100,', // a declared total
    '12,Salud,,%,%,porcentaje', // a percentage row
    '06,Hacienda,1,abc,,', // a bad amount
  ].join('\n');
  const mapping: Mapping = {
    ...base,
    amounts: [
      { column: 'APROBADO', stage: 'approved' },
      { column: 'PAGADO', stage: 'paid', whenEmpty: 'skip' },
    ],
    skip: [{ name: 'percentage-row', where: { NOTA: 'porcentaje' } }],
    totals: [{ name: 'ramo-total', where: { PP: 'TOTAL' }, node: 'ramo:{RAMO}' }],
  };

  it('counts every row, pads keys so that 57 and 057 meet, and keeps TOTAL rows as declared totals', () => {
    const result = ingestCsv(table, { mapping, file: 'prueba.csv' });
    expect(result.report).toMatchObject({
      rowsRead: 6,
      accepted: 3,
      rejected: 1,
      skipped: 2,
      skippedByRule: { preamble: 1, 'percentage-row': 1 },
      headerRow: 2,
      declaredTotals: 2,
      mapping: 'test',
      normalizations: { pad: 1 },
    });
    expect(result.report.issues).toEqual([
      expect.objectContaining({ file: 'prueba.csv', row: 7, column: 'APROBADO', value: 'abc', code: 'invalid_amount' }),
    ]);
    // The two rows of pp:12-057 add up: aggregation keeps the rows' range and count.
    const flow = result.flows.find((f) => f.to.id === 'pp:12-057' && f.stage === 'approved')!;
    expect(flow.amount.toFixed()).toBe('1500.5');
    expect(flow.provenance).toEqual({ file: 'prueba.csv', firstRow: 3, lastRow: 4, rows: 2 });
    expect(result.declaredTotals.map((t) => [t.node, t.stage, t.amount.toFixed(), t.provenance.firstRow])).toEqual([
      ['ramo:12', 'approved', '1500.5', 5],
      ['ramo:12', 'paid', '100', 5],
    ]);
    const summary = summarizeGraph(buildFlowGraph(result));
    expect(summary.entering.map((t) => [t.stage, t.amount.toFixed()])).toEqual([
      ['approved', '1500.5'],
      ['paid', '100'],
    ]);
  });

  it('reads renamed columns through aliases, and a stage from a column of a long table', () => {
    const long =
      'ANIO,Ramo ,Programa,Momento,Monto\n2016,12,E023,Aprobado,10\n2016,12,E023,Ejercicio,9.5\n2016,12,E023,Gastado,1\n';
    const result = ingestCsv(long, {
      mapping: {
        aliases: { CICLO: ['ANIO', 'AÑO'], PROGRAMA: ['PP'] },
        chain: [
          { id: 'ramo:{RAMO}', kind: 'agency' },
          { id: 'pp:{RAMO}-{PROGRAMA}', kind: 'programme' },
        ],
        amounts: [{ column: 'Monto', stageFrom: 'Momento' }],
        period: '{CICLO}',
      },
    });
    expect(result.flows.map((f) => [f.stage, f.amount.toFixed(), f.period])).toEqual([
      ['approved', '10', '2016'],
      ['exercised', '9.5', '2016'],
    ]);
    expect(result.report.issues).toEqual([
      expect.objectContaining({ row: 4, column: 'Momento', code: 'unknown_stage' }),
    ]);
  });

  it('skips an optional level whose id is empty, and rejects a row missing a required one', () => {
    const text =
      'ENTE,RAMO,SUBRAMO,PP,MONTO\nEjecutivo,Administrativos,Salud,E023,5\nLegislativo,Diputados,,R001,7\nJudicial,,,R002,1\n';
    const result = ingestCsv(text, {
      mapping: {
        chain: [
          { id: 'ente:{ENTE|slug}', kind: 'agency' },
          { id: 'ramo:{RAMO|slug}', kind: 'agency' },
          { id: 'ramo:{SUBRAMO|slug}', kind: 'agency', optional: true },
          { id: 'pp:{SUBRAMO|or(RAMO)|slug}:{PP}', kind: 'programme' },
        ],
        amounts: [{ column: 'MONTO', stage: 'paid' }],
      },
    });
    expect(result.flows.map((f) => `${f.from.id}>${f.to.id}`)).toEqual([
      'ente:ejecutivo>ramo:administrativos',
      'ramo:administrativos>ramo:salud',
      'ramo:salud>pp:salud:E023',
      'ente:legislativo>ramo:diputados',
      'ramo:diputados>pp:diputados:R001',
    ]);
    expect(result.report.issues).toEqual([expect.objectContaining({ row: 4, column: 'RAMO', code: 'missing_field' })]);
  });

  it('reads dates in the format the mapping names, and rejects impossible ones', () => {
    const text =
      'Payer,Supplier,Date paid,Amount\nLeeds,ACME,02/03/2012,5\nLeeds,ACME,31/02/2012,6\nLeeds,ACME,02-Mar-12,7\n';
    const result = ingestCsv(text, {
      mapping: {
        chain: [
          { id: 'payer:{Payer|slug}', kind: 'agency' },
          { id: 'supplier:{Supplier|slug}', kind: 'recipient', name: '{Supplier}' },
        ],
        amounts: [{ column: 'Amount', stage: 'paid' }],
        date: { column: 'Date paid', format: 'dd/mm/yyyy' },
        currency: 'GBP',
      },
    });
    expect(result.flows.map((f) => [f.date, f.amount.toFixed(), f.currency])).toEqual([['2012-03-02', '5', 'GBP']]);
    expect(result.report.issues.map((issue) => [issue.row, issue.code])).toEqual([
      [3, 'bad_date'],
      [4, 'bad_date'],
    ]);
  });
});
