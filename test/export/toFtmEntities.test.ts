import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a64 } from '../../src/export/fnv1a64.js';
import { type FtmEntity, toFtmEntities } from '../../src/export/toFtmEntities.js';
import {
  addFlow,
  addNode,
  buildFlowGraph,
  createFlowGraph,
  Decimal,
  type FlowGraph,
  ingestOcds,
  InvalidArgumentError,
} from '../../src/index.js';
import { FIXTURE } from '../paths.js';

/** Every line parsed back as JSON; the text must end with a line break and hold no empty line. */
function linesOf(text: string): FtmEntity[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as FtmEntity);
}

/** The checks every FtM export must pass: known schemata, lists of strings, payments between emitted entities. */
function expectSound(entities: FtmEntity[]) {
  const ids = new Set(entities.map((entity) => entity.id));
  expect(ids.size).toBe(entities.length);
  for (const entity of entities) {
    expect(['PublicBody', 'Company', 'LegalEntity', 'Payment']).toContain(entity.schema);
    for (const values of Object.values(entity.properties)) {
      expect(Array.isArray(values) && values.every((value) => typeof value === 'string')).toBe(true);
    }
    if (entity.schema === 'Payment') {
      const [payer] = entity.properties.payer!;
      const [beneficiary] = entity.properties.beneficiary!;
      expect(ids.has(payer!) && ids.has(beneficiary!)).toBe(true);
      expect(entities.find((other) => other.id === payer)!.schema).not.toBe('Payment');
      expect(entity.properties.amount![0]).toMatch(/^-?\d+(\.\d+)?$/);
    } else {
      expect(entity.properties.name).toHaveLength(1);
    }
  }
}

describe('toFtmEntities on INAI contracting releases', () => {
  const dir = FIXTURE('mx-ocds/inai/releases');
  const graph = buildFlowGraph(
    readdirSync(dir)
      .filter((name) => name.endsWith('.json.gz'))
      .sort()
      .map((name) =>
        ingestOcds(JSON.parse(gunzipSync(readFileSync(`${dir}/${name}`)).toString('utf8')), { file: name }),
      ),
  );

  it('toFtmEntities(graph) writes public bodies, companies by RFC, and one payment per flow between them', () => {
    const entities = linesOf(toFtmEntities(graph));
    expectSound(entities);
    const count = (schema: string) => entities.filter((entity) => entity.schema === schema).length;
    // INAI and its four buying units are agencies; the seven suppliers have 12-character (company) RFCs.
    expect({ PublicBody: count('PublicBody'), Company: count('Company'), Payment: count('Payment') }).toEqual({
      PublicBody: 5,
      Company: 7,
      Payment: 11,
    });
    const inai = entities.find((entity) => entity.properties.taxNumber?.[0] === 'INA1402082Z8')!;
    expect(inai).toMatchObject({
      schema: 'PublicBody',
      properties: { name: ['INAI'], taxNumber: ['INA1402082Z8'], country: ['mx'], classification: ['agency'] },
    });
    const unit = entities.find((entity) => entity.properties.name?.[0] === 'DGPAR')!;
    expect(unit.properties).toEqual({ name: ['DGPAR'], classification: ['agency'] });

    // The awards (committed) and payments of the sample, by currency, as Python's decimal module adds them from the
    // JSON files (the figures test/ingest/ocds.test.ts asserts): committed 2,475,975.38 MXN and 2,552 USD, paid
    // 1,169,218.70 MXN and 2,552 USD.
    const sums: Record<string, string> = {};
    for (const payment of entities.filter((entity) => entity.schema === 'Payment')) {
      const stage = /^stage: (\w+)/.exec(payment.properties.description![0]!)![1];
      const key = `${stage} ${payment.properties.currency![0]}`;
      sums[key] = new Decimal(sums[key] ?? 0).plus(payment.properties.amount![0]!).toFixed();
    }
    expect(sums).toEqual({
      'committed MXN': '2475975.38',
      'committed USD': '2552',
      'paid MXN': '1169218.7',
      'paid USD': '2552',
    });
    const paid = entities.find((entity) => entity.properties.purpose?.[0] === 'PC-0001')!;
    expect(paid.properties).toMatchObject({
      payer: [inai.id],
      amount: ['62097.7'],
      currency: ['MXN'],
      date: ['2017-08-24'],
      recordId: ['PC-0001-PC-0001.json.gz:1'],
    });
  });

  it('toFtmEntities(graph, { stages }) writes only those flows as payments, and gives the same ids again', () => {
    const paid = linesOf(toFtmEntities(graph, { stages: ['paid'] }));
    expectSound(paid);
    expect(paid.filter((entity) => entity.schema === 'Payment')).toHaveLength(4);
    const all = linesOf(toFtmEntities(graph));
    const allIds = new Set(all.map((entity) => entity.id));
    expect(paid.every((entity) => allIds.has(entity.id))).toBe(true);
  });
});

describe('toFtmEntities on small graphs', () => {
  function smallGraph(): FlowGraph {
    const graph = createFlowGraph();
    addNode(graph, { id: 'ramo:23', kind: 'agency', name: 'Provisiones' });
    addNode(graph, { id: 'fid:1', kind: 'trust', name: 'Fondo' });
    addNode(graph, { id: 'uni', kind: 'intermediary', name: 'Universidad', taxId: 'UAE730101AB1' });
    addNode(graph, { id: 'persona', kind: 'recipient', name: 'Persona Física', taxId: 'GODE561231GR8' });
    addNode(graph, { id: 'uk', kind: 'recipient', name: 'UK Ltd', taxId: '01234567' });
    addNode(graph, { id: 'ef:20', kind: 'recipient', name: 'OAXACA' });
    addNode(graph, { id: 'bad-date', kind: 'recipient', name: 'Fecha imposible', taxId: 'ABC011301AB1' });
    addFlow(graph, { from: 'ramo:23', to: 'fid:1', amount: '1000000', stage: 'approved', period: '2016' });
    addFlow(graph, { from: 'fid:1', to: 'uni', amount: '-1234.50', stage: 'paid', period: '2016-Q1' });
    addFlow(graph, { from: 'uni', to: 'persona', amount: '10', date: '2016-05-02', reference: 'convenio 7' });
    addFlow(graph, { from: 'uni', to: 'persona', amount: '10', date: '2016-05-02', reference: 'convenio 7' });
    addFlow(graph, { from: 'uni', to: 'uk', amount: '5', currency: 'GBP', period: '2016-03' });
    addFlow(graph, { from: 'ramo:23', to: 'ef:20', amount: '1', stage: 'approved' });
    addFlow(graph, { from: 'ramo:23', to: 'bad-date', amount: '2', stage: 'paid' });
    return graph;
  }

  it('toFtmEntities picks PublicBody, Company or LegalEntity by kind and RFC, and mx only for a valid RFC', () => {
    const entities = linesOf(toFtmEntities(smallGraph()));
    expectSound(entities);
    const byName = Object.fromEntries(
      entities.filter((entity) => entity.schema !== 'Payment').map((entity) => [entity.properties.name![0], entity]),
    );
    expect(byName.Provisiones).toMatchObject({ schema: 'PublicBody', id: `cauce-${fnv1a64('ramo:23')}` });
    expect(byName.Fondo!.schema).toBe('PublicBody');
    expect(byName.Universidad!.properties).toEqual({
      name: ['Universidad'],
      taxNumber: ['UAE730101AB1'],
      country: ['mx'],
      classification: ['intermediary'],
    });
    expect(byName.Universidad!.schema).toBe('Company');
    // A person's RFC (13 characters) is Mexican but not a company's.
    expect(byName['Persona Física']).toMatchObject({ schema: 'LegalEntity', properties: { country: ['mx'] } });
    // A tax id that is no RFC (a UK company number; an RFC with month 13) says nothing about the country.
    expect(byName['UK Ltd']).toMatchObject({ schema: 'LegalEntity', properties: { taxNumber: ['01234567'] } });
    expect(byName['UK Ltd']!.properties.country).toBeUndefined();
    expect(byName['Fecha imposible']!.schema).toBe('LegalEntity');
    expect(byName['Fecha imposible']!.properties.country).toBeUndefined();
    expect(byName.OAXACA!.properties).toEqual({ name: ['OAXACA'], classification: ['recipient'] });
  });

  it('toFtmEntities writes payments with exact amounts, a date from the date or a year or month period', () => {
    const payments = linesOf(toFtmEntities(smallGraph())).filter((entity) => entity.schema === 'Payment');
    expect(payments.map((payment) => [payment.properties.amount, payment.properties.date])).toEqual([
      [['1000000'], ['2016']],
      [['-1234.5'], undefined], // 2016-Q1 is no FtM date
      [['10'], ['2016-05-02']],
      [['10'], ['2016-05-02']],
      [['5'], ['2016-03']],
      [['1'], undefined],
      [['2'], undefined],
    ]);
    expect(payments[0]!.properties.description).toEqual(['stage: approved; period: 2016']);
    expect(payments[2]!.properties.purpose).toEqual(['convenio 7']);
    expect(payments[4]!.properties.currency).toEqual(['GBP']);
    // Two equal payments (a duplicate in the data) stay two entities, with ids of their own.
    expect(payments[2]!.id).not.toBe(payments[3]!.id);
  });

  it('toFtmEntities gives the same ids for the same graph, and other ids under another prefix', () => {
    const first = linesOf(toFtmEntities(smallGraph())).map((entity) => entity.id);
    expect(linesOf(toFtmEntities(smallGraph())).map((entity) => entity.id)).toEqual(first);
    expect(first.every((id) => /^cauce-(pay-)?[0-9a-f]{16}$/.test(id))).toBe(true);
    const other = linesOf(toFtmEntities(smallGraph(), { idPrefix: 'pef2016' })).map((entity) => entity.id);
    expect(other.map((id) => id.replace(/^pef2016-/, 'cauce-'))).toEqual(first);
  });

  it('toFtmEntities of an empty graph is empty; wrong options throw InvalidArgumentError', () => {
    expect(toFtmEntities(createFlowGraph())).toBe('');
    expect(() => toFtmEntities(createFlowGraph(), { idPrefix: 'a b' })).toThrow(InvalidArgumentError);
    expect(() => toFtmEntities(createFlowGraph(), { stages: ['spent' as never] })).toThrow(InvalidArgumentError);
    expect(() => toFtmEntities(createFlowGraph(), { stages: 'paid' as never })).toThrow(InvalidArgumentError);
  });
});

describe('fnv1a64', () => {
  // The 64-bit FNV-1a of a text's UTF-8 bytes, as its definition reads, in BigInt arithmetic.
  const reference = (text: string) => {
    let hash = 0xcbf29ce484222325n;
    for (const byte of new TextEncoder().encode(text)) {
      hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
    }
    return hash.toString(16).padStart(16, '0');
  };

  it('fnv1a64 gives the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('fnv1a64 agrees with a BigInt FNV-1a on any text, lone surrogates and astral characters included', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          // UTF-16 code units one by one, so that halves of surrogate pairs come alone too.
          fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
        ),
        (text) => fnv1a64(text) === reference(text),
      ),
      { numRuns: 2000 },
    );
    expect(fnv1a64('x\ud800y')).toBe(reference('x\ud800y'));
    expect(fnv1a64('Cámara 😀')).toBe(reference('Cámara 😀'));
  });
});
