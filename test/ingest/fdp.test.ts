import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors/InvalidArgumentError.js';
import { MappingError } from '../../src/errors/MappingError.js';
import { ingestFdp } from '../../src/ingest/fdp/ingestFdp.js';
import { mappingFromFdp } from '../../src/ingest/fdp/mappingFromFdp.js';
import { buildFlowGraph, Decimal, type FlowRecord, sumInflows, sumOutflows } from '../../src/index.js';
import { FIXTURE } from '../paths.js';

// Two packages from OpenSpending's fiscal-data-package-demos (see fixtures/fdp/SOURCE.md); the CSVs are gzipped, the
// descriptors are as published (both still call the model by its draft name, `mapping`).
const descriptor = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(FIXTURE(`fdp/${name}/datapackage.json`), 'utf8'));
const csv = (name: string, path: string): Uint8Array => gunzipSync(readFileSync(FIXTURE(`fdp/${name}/${path}.gz`)));

const ALBANIA = 'al-treasury-spending';
const ALBANIA_CSV = 'data/treasury.csv';
const MADRID = 'madrid-municipal-gastos';
const MADRID_CSV = 'data/gastos_v40_2012-2015.csv';

// Figures computed from the source CSVs with Python's csv and decimal modules, independently of cauce.
const ALBANIA_TOTAL = '33299653';
const MADRID_BY_YEAR = {
  '2012': '4942020428',
  '2013': '4564125024',
  '2014': '4699310629',
  '2015': '4650554218',
};

const sumByPeriod = (flows: FlowRecord[]) => {
  const sums: Record<string, Decimal> = {};
  for (const flow of flows) sums[flow.period ?? ''] = (sums[flow.period ?? ''] ?? new Decimal(0)).plus(flow.amount);
  return Object.fromEntries(Object.entries(sums).map(([period, sum]) => [period, sum.toFixed()]));
};
const sumOf = (flows: FlowRecord[]) => flows.reduce((sum, flow) => sum.plus(flow.amount), new Decimal(0)).toFixed();

/** A copy of a descriptor with one change to its model, made by `change`. */
const edited = (name: string, change: (model: Record<string, any>) => void) => {
  const copy = descriptor(name);
  change(copy.mapping as Record<string, any>);
  return copy;
};

describe('mappingFromFdp', () => {
  it('mappingFromFdp(Albania) runs from the paying institution to the supplier, at the exercised stage, in ALL', () => {
    const mapping = mappingFromFdp(descriptor(ALBANIA));
    expect(mapping.chain.map(({ id, kind, name }) => ({ id, kind, name }))).toEqual([
      { id: 'administrator:{Budget Institution}', kind: 'agency', name: '{Budget Institution}' },
      { id: 'supplier:{Supplier}', kind: 'recipient', name: '{Supplier}' },
    ]);
    // A transactional package that names no phase records payments made.
    expect(mapping.amounts).toEqual([{ column: 'Value', stage: 'exercised' }]);
    expect(mapping.currency).toBe('ALL');
    // Of the two date dimensions, the execution date is the payment's date; the receipt number is its reference.
    expect(mapping.date).toEqual({ column: 'Date executed', format: 'iso' });
    expect(mapping.reference).toBe('{Receipt No}');
    // The dimensions left out of the chain are named, so that nothing is left out unsaid.
    for (const name of ['treasury-branch', 'kategori-shpenzimi', 'description', 'date-registered']) {
      expect(mapping.description).toContain(name);
    }
  });

  it('mappingFromFdp(Madrid) runs centre -> section -> programme -> chapter -> economic item, approved, in EUR', () => {
    const mapping = mappingFromFdp(descriptor(MADRID), 'gastos_v40_2012-2015');
    expect(mapping.chain.map(({ id, kind, name }) => ({ id, kind, name }))).toEqual([
      { id: 'administrative:{CENTRO}', kind: 'agency', name: '{DESCRIPCION CENTRO}' },
      // A section code repeats under different centres (015 is under 001 and 508), so its id carries the centre.
      { id: 'administrative:{CENTRO}/{SECCION}', kind: 'unit', name: '{DESCRIPCION SECCION}' },
      { id: 'program:{PROGRAMA}', kind: 'programme', name: '{DESCRIPCION PROGRAMA}' },
      { id: 'economic:{CAPITULO}', kind: 'budget_line', name: '{DESCRIPCION CAPITULO}' },
      { id: 'economic:{CAPITULO}/{ECONOMICO}', kind: 'budget_line', name: '{DESCRIPCION ECONOMICO}' },
    ]);
    expect(mapping.amounts).toEqual([{ column: 'IMPORTE', stage: 'approved' }]);
    expect(mapping.currency).toBe('EUR');
    expect(mapping.period).toBe('{AÑO}');
  });

  it('mappingFromFdp reads a descriptor whose model is called `model` (spec 0.3.0) as it reads `mapping`', () => {
    const draft = descriptor(MADRID);
    const { mapping: model, ...rest } = draft;
    expect(mappingFromFdp({ ...rest, model })).toEqual(mappingFromFdp(draft));
  });

  it('mappingFromFdp maps adjusted to modified and executed to exercised', () => {
    for (const [phase, stage] of [
      ['approved', 'approved'],
      ['adjusted', 'modified'],
      ['executed', 'exercised'],
    ]) {
      const mapping = mappingFromFdp(edited(MADRID, (model) => (model.measures.amount.phase = phase)));
      expect(mapping.amounts).toEqual([{ column: 'IMPORTE', stage }]);
    }
  });

  it('mappingFromFdp throws a MappingError naming a measure of phase proposed, unless asked to skip it', () => {
    const proposed = edited(MADRID, (model) => {
      model.measures.amount.phase = 'proposed';
      model.measures.approved = { source: 'IMPORTE', currency: 'EUR', phase: 'approved' };
    });
    expect(() => mappingFromFdp(proposed)).toThrow(expect.objectContaining({ key: 'mapping.measures.amount.phase' }));
    const mapping = mappingFromFdp(proposed, undefined, { proposed: 'skip' });
    expect(mapping.amounts).toEqual([{ column: 'IMPORTE', stage: 'approved' }]);
    expect(mapping.description).toContain('measure amount (phase proposed)');
  });

  it('mappingFromFdp needs a stage for a measure without phase in a package that is not transactional', () => {
    const noPhase = edited(MADRID, (model) => delete model.measures.amount.phase);
    expect(() => mappingFromFdp(noPhase)).toThrow(MappingError);
    expect(() => mappingFromFdp(noPhase)).toThrow(expect.objectContaining({ key: 'mapping.measures.amount.phase' }));
    expect(mappingFromFdp(noPhase, undefined, { stage: 'approved' }).amounts).toEqual([
      { column: 'IMPORTE', stage: 'approved' },
    ]);
  });

  it('mappingFromFdp throws a MappingError when measures disagree on currency, naming the second one', () => {
    const mixed = edited(MADRID, (model) => {
      model.measures.dollars = { source: 'IMPORTE', currency: 'USD', phase: 'approved' };
    });
    const error = catchError(() => mappingFromFdp(mixed));
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'invalid_mapping', key: 'mapping.measures.dollars.currency' });
  });

  it('mappingFromFdp throws a MappingError naming the key when a measure or the model is missing', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['mapping.measures.amount.source', edited(ALBANIA, (model) => delete model.measures.amount.source)],
      ['mapping.measures.amount.currency', edited(ALBANIA, (model) => delete model.measures.amount.currency)],
      ['mapping.measures.amount.currency', edited(ALBANIA, (model) => (model.measures.amount.currency = 'lekë'))],
      ['mapping.measures', edited(ALBANIA, (model) => delete model.measures)],
      [
        'mapping.dimensions.supplier.attributes.supplier.source',
        edited(ALBANIA, (model) => {
          model.dimensions.supplier.attributes.supplier.source = 'Vendor';
        }),
      ],
      ['model', (({ mapping: _model, ...rest }) => rest)(descriptor(ALBANIA))],
    ];
    for (const [key, broken] of cases) {
      const error = catchError(() => mappingFromFdp(broken));
      expect({ key, error }).toEqual({ key, error: expect.any(MappingError) });
      expect({ key: (error as MappingError).key }).toEqual({ key });
    }
  });
});

describe('ingestFdp', () => {
  it('ingestFdp(Albania) accepts all 40 payments and carries their exact total to the suppliers', () => {
    const results = ingestFdp(descriptor(ALBANIA), { [ALBANIA_CSV]: csv(ALBANIA, ALBANIA_CSV) });
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result!.report).toMatchObject({
      file: 'data/treasury.csv',
      mapping: 'fdp:al-treasury-spending/treasury',
      rowsRead: 40,
      accepted: 40,
      rejected: 0,
      skipped: 0,
      skippedByRule: {},
      issues: [],
    });
    // Every payment has its own receipt number and date, so none add up with another.
    expect(result!.flows).toHaveLength(40);
    expect(sumOf(result!.flows)).toBe(ALBANIA_TOTAL);
    expect(result!.flows.every((flow) => flow.currency === 'ALL' && flow.stage === 'exercised')).toBe(true);
    expect(result!.flows[0]).toMatchObject({ date: '2014-12-31', reference: '42710050012014' });

    const graph = buildFlowGraph(results);
    // One institution pays 22 suppliers.
    expect(graph.order).toBe(23);
    const payer = 'administrator:Aparati Ministrise se Bujqesise e Ushqimit (3535)';
    expect(sumOutflows(graph, payer).map((total) => [total.stage, total.currency, total.amount.toFixed()])).toEqual([
      ['exercised', 'ALL', ALBANIA_TOTAL],
    ]);
    // The largest supplier, from the same Python sum.
    expect(sumInflows(graph, 'supplier:LE SPOT PRODUCTION SH.P.K')[0]!.amount.toFixed()).toBe('18252456');
  });

  it('ingestFdp(Madrid) accepts all 20,217 lines and every level of the chain carries each year’s exact total', () => {
    const [result] = ingestFdp(descriptor(MADRID), { 'gastos_v40_2012-2015': csv(MADRID, MADRID_CSV) });
    expect(result!.report).toMatchObject({ rowsRead: 20217, accepted: 20217, rejected: 0, skipped: 0 });
    // Rows add up per edge and year: 3,736 distinct (edge, year) pairs (Python).
    expect(result!.flows).toHaveLength(3736);
    expect(result!.flows.every((flow) => flow.currency === 'EUR' && flow.stage === 'approved')).toBe(true);

    const fromCentres = result!.flows.filter((flow) => /^administrative:\d+$/.test(flow.from.id));
    const toItems = result!.flows.filter((flow) => /^economic:\d+\/\d+$/.test(flow.to.id));
    expect(sumByPeriod(fromCentres)).toEqual(MADRID_BY_YEAR);
    expect(sumByPeriod(toItems)).toEqual(MADRID_BY_YEAR);

    const graph = buildFlowGraph(result!);
    // 7 centres, their sections, 166 programmes, 8 chapters and their items: 486 nodes (Python).
    expect(graph.order).toBe(486);
    // Codes keep their leading zeros.
    expect(graph.getNodeAttributes('administrative:001')).toMatchObject({
      kind: 'agency',
      name: 'AYUNTAMIENTO DE MADRID',
    });
    expect(graph.hasNode('administrative:001/015') && graph.hasNode('administrative:508/015')).toBe(true);
    const centre2012 = fromCentres
      .filter((flow) => flow.from.id === 'administrative:001' && flow.period === '2012')
      .reduce((sum, flow) => sum.plus(flow.amount), new Decimal(0));
    expect(centre2012.toFixed()).toBe('4636236650');
  });

  it('ingestFdp scales amounts by a measure factor of 1000', () => {
    const thousands = edited(ALBANIA, (model) => (model.measures.amount.factor = 1000));
    expect(mappingFromFdp(thousands).number).toEqual({ unit: 'thousands' });
    const [result] = ingestFdp(thousands, { treasury: csv(ALBANIA, ALBANIA_CSV) });
    expect(sumOf(result!.flows)).toBe(`${ALBANIA_TOTAL}000`);
    const odd = catchError(() => mappingFromFdp(edited(ALBANIA, (model) => (model.measures.amount.factor = 100))));
    expect(odd).toMatchObject({ name: 'MappingError', key: 'mapping.measures.amount.factor' });
  });

  it('ingestFdp reads text as it reads bytes, and finds a resource by its path as by its name', () => {
    const bytes = csv(ALBANIA, ALBANIA_CSV);
    const byName = ingestFdp(descriptor(ALBANIA), { treasury: new TextDecoder().decode(bytes) });
    const byPath = ingestFdp(descriptor(ALBANIA), { [ALBANIA_CSV]: bytes });
    expect(byName[0]!.flows).toEqual(byPath[0]!.flows);
  });

  it('ingestFdp throws a MappingError for a missing measure column or currency before any row is read', () => {
    // The resource given is empty: reading it would throw UnreadableInputError, so the MappingError comes first.
    const cases: Array<[string, Record<string, unknown>]> = [
      ['mapping.measures.amount.source', edited(ALBANIA, (model) => (model.measures.amount.source = 'Amount'))],
      ['mapping.measures.amount.currency', edited(ALBANIA, (model) => delete model.measures.amount.currency)],
      ['mapping.measures.amount.source', edited(MADRID, (model) => delete model.measures.amount.source)],
    ];
    for (const [key, broken] of cases) {
      const error = catchError(() => ingestFdp(broken, { treasury: '', 'gastos_v40_2012-2015': '' }));
      expect(error).toBeInstanceOf(MappingError);
      expect({ key: (error as MappingError).key }).toEqual({ key });
    }
    const renamed = catchError(() =>
      ingestFdp(
        edited(ALBANIA, (model) => (model.measures.amount.source = 'Amount')),
        { treasury: '' },
      ),
    );
    expect(renamed).toMatchObject({ column: 'Amount' });
  });

  it('ingestFdp throws an InvalidArgumentError for a resource it is not given, or one the package does not have', () => {
    expect(() => ingestFdp(descriptor(ALBANIA), {})).toThrow(
      expect.objectContaining({ name: 'InvalidArgumentError', argument: 'resources.treasury' }),
    );
    const error = catchError(() => ingestFdp(descriptor(ALBANIA), { treasury: '', payments: '' }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'resources.payments' });
  });

  it('ingestFdp reads a phase column into stages, rejecting proposed rows, or skipping them when asked', () => {
    // A small package in the shape OpenSpending's packager writes: a `value` measure and a `phase` dimension.
    const budget = {
      name: 'city-budget',
      title: 'City budget',
      resources: [
        {
          name: 'budget',
          path: 'budget.csv',
          schema: { fields: ['year', 'dept', 'cofog', 'phase', 'amount'].map((name) => ({ name, type: 'string' })) },
        },
      ],
      model: {
        measures: { value: { source: 'amount', currency: 'eur' } },
        dimensions: {
          date: { dimensionType: 'datetime', attributes: { year: { source: 'year' } }, primaryKey: 'year' },
          'administrative-classification': {
            dimensionType: 'classification',
            classificationType: 'administrative',
            attributes: { code: { source: 'dept' } },
            primaryKey: 'code',
          },
          cofog: { attributes: { code: { source: 'cofog' } }, primaryKey: 'code' },
          phase: { dimensionType: 'other', attributes: { phase: { source: 'phase' } }, primaryKey: 'phase' },
        },
      },
    };
    const text = [
      'year,dept,cofog,phase,amount',
      '2020,01,07.3,approved,100.10',
      '2020,01,07.3,adjusted,120.20',
      '2020,01,07.3,Executed,90.05',
      '2020,01,07.3,proposed,150',
    ].join('\n');

    const [rejecting] = ingestFdp(budget, { budget: text });
    expect(rejecting!.report).toMatchObject({ rowsRead: 4, accepted: 3, rejected: 1, skipped: 0 });
    expect(rejecting!.report.issues.map((issue) => [issue.row, issue.code])).toEqual([[5, 'unknown_stage']]);
    expect(rejecting!.flows.map((flow) => [flow.from.id, flow.to.id, flow.stage, flow.amount.toFixed()])).toEqual([
      ['administrative-classification:01', 'cofog:07.3', 'approved', '100.1'],
      ['administrative-classification:01', 'cofog:07.3', 'modified', '120.2'],
      ['administrative-classification:01', 'cofog:07.3', 'exercised', '90.05'],
    ]);
    expect(rejecting!.flows.every((flow) => flow.currency === 'EUR' && flow.period === '2020')).toBe(true);

    const [skipping] = ingestFdp(budget, { budget: text }, { proposed: 'skip' });
    expect(skipping!.report).toMatchObject({ rowsRead: 4, accepted: 3, rejected: 0, skipped: 1 });
    expect(skipping!.report.skippedByRule).toEqual({ proposed: 1 });
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
