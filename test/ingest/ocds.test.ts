import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors/IngestError.js';
import { InvalidArgumentError } from '../../src/errors/InvalidArgumentError.js';
import { UnreadableInputError } from '../../src/errors/UnreadableInputError.js';
import { ingestOcds } from '../../src/ingest/ocds/ingestOcds.js';
import type { FlowRecord, IngestResult } from '../../src/ingest/records.js';
import { buildFlowGraph } from '../../src/model/buildFlowGraph.js';
import { Decimal } from '../../src/money/Decimal.js';
import { FIXTURE } from '../paths.js';

/** The documents of one fixture folder (`publisher/releases` or `publisher/records`), parsed, by file name. */
function documents(folder: string): Array<{ name: string; json: unknown }> {
  const dir = FIXTURE(`mx-ocds/${folder}`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json.gz'))
    .sort()
    .map((name) => ({ name, json: JSON.parse(gunzipSync(readFileSync(`${dir}/${name}`)).toString('utf8')) }));
}

/** Nothing is lost: every release or record is counted once, and each rejected one has issues. */
function expectBooksBalance(result: IngestResult) {
  const { report } = result;
  expect(report.accepted + report.rejected + report.skipped).toBe(report.rowsRead);
  expect(Object.values(report.skippedByRule).reduce((a, b) => a + b, 0)).toBe(report.skipped);
  expect(new Set(report.issues.map((issue) => issue.row)).size).toBe(report.rejected);
}

/** Reads every document of a folder and adds up what a test asserts: books, flows, totals by stage and currency. */
function ingestFolder(folder: string) {
  const results = documents(folder).map(({ name, json }) => ingestOcds(json, { file: name }));
  results.forEach(expectBooksBalance);
  const flows = results.flatMap((result) => result.flows);
  const totals: Record<string, string> = {};
  const sums = new Map<string, Decimal>();
  for (const flow of flows) {
    const key = `${flow.stage} ${flow.currency}`;
    sums.set(key, (sums.get(key) ?? new Decimal(0)).plus(flow.amount));
  }
  for (const key of [...sums.keys()].sort()) totals[key] = sums.get(key)!.toFixed();
  const add = (field: 'rowsRead' | 'accepted' | 'rejected' | 'skipped') =>
    results.reduce((sum, result) => sum + result.report[field], 0);
  const skippedByRule: Record<string, number> = {};
  for (const result of results) {
    for (const [rule, count] of Object.entries(result.report.skippedByRule)) {
      skippedByRule[rule] = (skippedByRule[rule] ?? 0) + count;
    }
  }
  return {
    results,
    flows,
    summary: {
      flows: flows.length,
      rowsRead: add('rowsRead'),
      accepted: add('accepted'),
      rejected: add('rejected'),
      skipped: add('skipped'),
      skippedByRule,
      totals,
    },
    issues: results.flatMap((result) =>
      result.report.issues.map(({ file, row, column, code }) => ({ file, row, column, code })),
    ),
  };
}

const plain = (flow: FlowRecord) => ({ ...flow, amount: flow.amount.toFixed() });

// Every figure below was computed from the same JSON files with Python's json module (parse_float=Decimal) and
// decimal sums, by a script written apart from cauce that applies the rules ingestOcds documents: compiled releases
// of records, active awards, transactions with an amount, a payer and a payee, the deepest level of APF budget
// breakdowns.
describe('ingestOcds on the published Mexican samples', () => {
  it('ingestOcds reads APF records as budget line -> supplier flows at each measure, joining the mx-pef ids', () => {
    const { summary, flows, issues } = ingestFolder('administracion-publica-federal/records');
    expect(summary).toEqual({
      flows: 64,
      rowsRead: 10,
      accepted: 9,
      rejected: 1,
      skipped: 0,
      skippedByRule: {},
      totals: {
        'accrued MXN': '1631375.94',
        'committed MXN': '1631375.94',
        'exercised MXN': '1631375.59',
        'paid MXN': '1631375.59',
      },
    });
    // 1419's contract names no supplier: its 11,600 pesos have no recipient to go to.
    expect(issues).toEqual([
      { file: 'ocds-07smqs-1419-1419.json.gz', row: 1, column: 'contracts[0].suppliers', code: 'missing_field' },
    ]);
    // 1072 splits 1,072 pesos between two partidas (462 + 610); the unit's total is not read again.
    const committed1072 = flows.filter(
      (flow) => flow.attributes?.ocid === 'ocds-07smqs-1072' && flow.stage === 'committed',
    );
    expect(committed1072.map((flow) => [flow.from.id, flow.amount.toFixed()])).toEqual([
      ['bl:20-147-P002-25301', '462'],
      ['bl:20-147-P002-22106', '610'],
    ]);
    const medicines = flows.find((flow) => flow.from.id === 'bl:12-M7F-E023-25301' && flow.stage === 'paid')!;
    expect(plain(medicines)).toEqual({
      from: {
        id: 'bl:12-M7F-E023-25301',
        kind: 'budget_line',
        name: 'Medicinas y productos farmacéuticos',
        attributes: {
          programa_presupuestario: '12E023',
          unidad_responsable: '12M7F',
          objeto_del_gasto: '25301',
          fuente_financiamiento: '1',
        },
      },
      to: { id: 'FGG0309129E1', kind: 'recipient', name: 'FARMACIA G Y G  S.A. DE C.V.', taxId: 'FGG0309129E1' },
      amount: '55769.1',
      currency: 'MXN',
      stage: 'paid',
      reference: 'ocds-07smqs-1457/201712010431',
      provenance: { file: 'ocds-07smqs-1457-1457.json.gz', firstRow: 1, lastRow: 1, rows: 1 },
      attributes: {
        ocid: 'ocds-07smqs-1457',
        path: 'contracts[1].implementation.budgetBreakdown[0].budgetClassification[2].measures[3]',
        contractId: '201712010431',
        contractValueWithTax: '55769.1',
        contractCurrency: 'MXN',
      },
    });
    // For a person APF publishes a hash under the scheme MX-RFC: it is no RFC, and the supplier keeps its published id.
    const hashed = flows.find((flow) => flow.attributes?.ocid === 'ocds-07smqs-1038')!;
    expect(hashed.to).toEqual({
      id: '95F5D7F5DD77D73E3232026B4732232A',
      kind: 'recipient',
      name: 'JESUS ALBERTO ROSAS GARDUZA',
    });
  });

  it('ingestOcds reads INAI releases: RFC- ids, and the payments without amount or payee as issues', () => {
    const { summary, flows, issues, results } = ingestFolder('inai/releases');
    expect(summary).toEqual({
      flows: 11,
      rowsRead: 10,
      accepted: 5,
      rejected: 2,
      skipped: 3,
      // PC-0015, 16 and 17: their only award was unsuccessful, so nothing was committed or paid.
      skippedByRule: { 'no-money': 3 },
      totals: {
        'committed MXN': '2475975.38',
        'committed USD': '2552',
        'paid MXN': '1169218.7',
        'paid USD': '2552',
      },
    });
    // Six payments: PC-0011's and PC-0013's have no amount, and PC-0013's has no payee either.
    expect(flows.filter((flow) => flow.stage === 'paid')).toHaveLength(4);
    expect(issues).toEqual([
      {
        file: 'PC-0011-PC-0011.json.gz',
        row: 1,
        column: 'contracts[0].implementation.transactions[0].value.amount',
        code: 'missing_field',
      },
      {
        file: 'PC-0013-PC-0013.json.gz',
        row: 1,
        column: 'contracts[0].implementation.transactions[0].value.amount',
        code: 'missing_field',
      },
      {
        file: 'PC-0013-PC-0013.json.gz',
        row: 1,
        column: 'contracts[0].implementation.transactions[0].payee',
        code: 'missing_field',
      },
    ]);
    // The rejected releases still give their sound award.
    const pc13 = results.find((result) => result.file === 'PC-0013-PC-0013.json.gz')!;
    expect(pc13.flows.map((flow) => [flow.stage, flow.amount.toFixed(), flow.to.id])).toEqual([
      ['committed', '220861.68', 'ACO110203LH1'],
    ]);

    const [award, payment] = results.find((result) => result.file === 'PC-0001-PC-0001.json.gz')!.flows.map(plain);
    expect(award).toEqual({
      from: { id: 'CUA-340', kind: 'agency', name: 'DGEALSUPFM' },
      to: { id: 'HPR060210B71', kind: 'recipient', name: 'Hectarea Producciones S.A. de C.V.', taxId: 'HPR060210B71' },
      amount: '62097.7',
      currency: 'MXN',
      stage: 'committed',
      reference: 'PC-0001/OA/A001',
      provenance: { file: 'PC-0001-PC-0001.json.gz', firstRow: 1, lastRow: 1, rows: 1 },
      // The contract was signed for less than the award: the rule comparing payments to contracts needs both.
      attributes: {
        ocid: 'PC-0001',
        path: 'awards[0]',
        awardId: 'OA/A001',
        contractValue: '62000',
        contractCurrency: 'MXN',
      },
    });
    expect(payment).toMatchObject({
      from: { id: 'RFC-INA1402082Z8', kind: 'agency', name: 'INAI', taxId: 'INA1402082Z8' },
      to: { id: 'HPR060210B71', kind: 'recipient', taxId: 'HPR060210B71' },
      amount: '62097.7',
      stage: 'paid',
      date: '2017-08-24',
      attributes: { path: 'contracts[0].implementation.transactions[0]', contractValue: '62000', awardId: 'OA/A001' },
    });
    const payees = new Set(flows.filter((flow) => flow.stage === 'paid').map((flow) => flow.to.taxId));
    expect([...payees].sort()).toEqual(['ATR020709BP7', 'HPR060210B71', 'MET8908305M9', 'TLB110322C48']);
  });

  it('ingestOcds reads CDMX records from their compiled release, with 1.0 payments (amount.amount, provider/receiver)', () => {
    const { summary, results } = ingestFolder('cdmx/records');
    // 4 awards and 44 payments: the 132 copies of those payments in the records' embedded releases are not re-read.
    expect(summary).toEqual({
      flows: 48,
      rowsRead: 4,
      accepted: 4,
      rejected: 0,
      skipped: 0,
      skippedByRule: {},
      totals: { 'committed MXN': '4040534.4', 'paid MXN': '3703823.2' },
    });
    const [award, payment] = results[0]!.flows;
    // The award names the supplier by a party hash, the payment by its RFC: both are the company's RFC node.
    expect(award!.to).toMatchObject({ id: 'TCM951030A17', taxId: 'TCM951030A17' });
    expect(payment!.to).toMatchObject({ id: 'TCM951030A17', taxId: 'TCM951030A17' });
    expect(plain(payment!)).toMatchObject({
      from: { id: '0901', kind: 'agency', name: 'SECRETARÍA DE FINANZAS' },
      amount: '82033.24',
      stage: 'paid',
      date: '2016-04-05',
      reference: 'OCDS-87SD3T-SEFIN-DRM-A-001-2016/1',
      attributes: {
        path: 'compiledRelease.contracts[0].implementation.transactions[0]',
        transactionId: 'CLC0010000020-2016',
        contractValue: '984398.88',
      },
    });
  });

  it('ingestOcds reads CDMX 1.0 releases, whose buyer and suppliers have only an identifier', () => {
    const { summary, results } = ingestFolder('cdmx/releases');
    expect(summary).toEqual({
      flows: 204,
      rowsRead: 20,
      accepted: 20,
      rejected: 0,
      skipped: 0,
      skippedByRule: {},
      totals: {
        'committed MXN': '25428925.08',
        'committed USD': '150929.92',
        'paid MXN': '26722581.12',
        'paid USD': '150929.92',
      },
    });
    const bentley = results.find((result) => result.file === 'OCDS-87SD3T-AD-SF-DRM-065-2015-01.json.gz')!;
    expect(bentley.flows.map(plain)).toMatchObject([
      {
        from: { id: 'GDF9712054NA', kind: 'agency', name: 'SECRETARÍA DE FINANZAS', taxId: 'GDF9712054NA' },
        to: { id: 'BSM971107ME6', kind: 'recipient', taxId: 'BSM971107ME6' },
        amount: '75464.96',
        currency: 'USD',
        stage: 'committed',
        date: '2015-12-30',
      },
      { from: { id: '0901' }, to: { id: 'BSM971107ME6' }, amount: '75464.96', currency: 'USD', stage: 'paid' },
    ]);
  });

  it('ingestOcds reads Jalisco record packages, and keeps the contract value beside payments that exceed it', () => {
    const { summary, flows } = ingestFolder('jalisco/records');
    expect(summary).toEqual({
      flows: 44,
      rowsRead: 10,
      accepted: 10,
      rejected: 0,
      skipped: 0,
      skippedByRule: {},
      totals: { 'committed MXN': '29925397.076', 'paid MXN': '31802933.17' },
    });
    // Contract 1-16-17 was paid 11,275,200 in four payments against a value of 9,396,000 (Python, same source).
    const paid = flows.filter((flow) => flow.stage === 'paid' && flow.attributes?.contractId === '1-16-17');
    expect(paid).toHaveLength(4);
    expect(paid.reduce((sum, flow) => sum.plus(flow.amount), new Decimal(0)).toFixed()).toBe('11275200');
    expect(new Set(paid.map((flow) => flow.attributes?.contractValue))).toEqual(new Set(['9396000']));
    expect(new Set(paid.map((flow) => flow.reference))).toEqual(new Set(['ocds-xs1qbl-SFIN-03-0001-00-2017/1-16-17']));
    expect(paid[0]!.from).toEqual({
      id: 'DEP-GOB-JAL-03.4-1692',
      kind: 'agency',
      name: 'SEPAF/DGE | DIR.GRAL. DE EGRESOS (SUB-FINANZAS)',
    });
  });

  it('ingestOcds reads Jalisco release packages one stage at a time, and skips planning and tender releases', () => {
    const { summary } = ingestFolder('jalisco/releases');
    expect(summary).toEqual({
      flows: 11,
      rowsRead: 10,
      accepted: 5,
      rejected: 0,
      skipped: 5,
      skippedByRule: { 'no-money': 5 },
      totals: { 'committed MXN': '19330704', 'paid MXN': '11634336' },
    });
  });

  it('ingestOcds on one package of every stage of a process gives the flows of its compiled record', () => {
    const releases = documents('jalisco/releases').flatMap(({ json }) => (json as { releases: unknown[] }).releases);
    const packaged = ingestOcds({ releases }, { file: 'all.json' });
    expectBooksBalance(packaged);
    // Three processes in ten releases, compiled per process. Jalisco repeats the whole state in each release, so the
    // latest award or contract release of each process gives every flow; the three award and contract releases
    // before them are superseded, and the five planning and tender releases carry no money (as when read one by one).
    expect(packaged.report).toMatchObject({
      rowsRead: 10,
      accepted: 2,
      skipped: 8,
      skippedByRule: { superseded: 3, 'no-money': 5 },
    });
    const records = ingestFolder('jalisco/records').flows;
    const sameProcess = records.filter((flow) =>
      ['ocds-xs1qbl-SFIN-03-0001-00-2017', 'ocds-xs1qbl-SFIN-03-0007-00-2017'].includes(flow.attributes!.ocid!),
    );
    const essence = (flow: FlowRecord) => [flow.from.id, flow.to.id, flow.stage, flow.amount.toFixed(), flow.reference];
    expect(packaged.flows.map(essence)).toEqual(sameProcess.map(essence));
  });

  it('the flows of a sample join into a flow graph with typed nodes', () => {
    const graph = buildFlowGraph(ingestFolder('inai/releases').results);
    expect(graph.getNodeAttributes('RFC-INA1402082Z8')).toMatchObject({ kind: 'agency', taxId: 'INA1402082Z8' });
    expect(graph.getNodeAttributes('MET8908305M9')).toMatchObject({ kind: 'recipient', taxId: 'MET8908305M9' });
    expect(graph.size).toBe(11);
  });
});

const payment = (value: unknown, extra: Record<string, unknown> = {}) => ({
  id: 'T1',
  payer: { id: 'AG', name: 'Agencia' },
  payee: { id: 'RFC-ABC010101AB1', name: 'Proveedora' },
  value,
  ...extra,
});
const release = (ocid: string, date: string, transactions: unknown[], more: Record<string, unknown> = {}) => ({
  ocid,
  id: `${ocid}-${date}`,
  date,
  buyer: { id: 'AG', name: 'Agencia' },
  contracts: [{ id: 'C1', awardID: 'A1', value: { amount: 1000, currency: 'MXN' }, implementation: { transactions } }],
  ...more,
});

describe('ingestOcds on small documents', () => {
  it('ingestOcds reads JSON numbers exactly, and strings as published amounts', () => {
    const result = ingestOcds({
      releases: [
        release('ocds-1', '2020-01-01', [
          payment({ amount: 1234.5, currency: 'MXN' }),
          payment({ amount: 0.1, currency: 'MXN' }),
          payment({ amount: 9007199254740991, currency: 'MXN' }),
          payment({ amount: '1,234.50', currency: 'mxn' }),
          payment({ amount: 123456789012.345, currency: 'MXN' }),
        ]),
      ],
    });
    expect(result.flows.map((flow) => [flow.amount.toFixed(), flow.currency])).toEqual([
      ['1234.5', 'MXN'],
      ['0.1', 'MXN'],
      ['9007199254740991', 'MXN'],
      ['1234.5', 'MXN'],
      ['123456789012.345', 'MXN'],
    ]);
    expect(result.report).toMatchObject({ rowsRead: 1, accepted: 1 });
  });

  it('ingestOcds rejects amounts it cannot read exactly, with the JSON path and the raw value', () => {
    const result = ingestOcds(
      {
        releases: [
          release('ocds-1', '2020-01-01', [
            payment({ amount: 1e21, currency: 'MXN' }),
            payment({ amount: 0.12345678901234566, currency: 'MXN' }),
            payment({ amount: 12345678901234567890, currency: 'MXN' }),
            payment({ amount: Number.POSITIVE_INFINITY, currency: 'MXN' }),
            payment({ amount: 'mil pesos', currency: 'MXN' }),
            payment({ amount: true, currency: 'MXN' }),
            payment({ amount: 10, currency: 'pesos' }),
            payment({ amount: 10, currency: 'MXN' }, { date: '31/12/2016' }),
            payment({ currency: 'MXN' }),
            payment({ amount: 20, currency: 'MXN' }),
          ]),
        ],
      },
      { file: 'bad.json' },
    );
    expectBooksBalance(result);
    expect(result.report).toMatchObject({ rowsRead: 1, accepted: 0, rejected: 1, skipped: 0 });
    const at = (index: number, field: string) =>
      `releases[0].contracts[0].implementation.transactions[${index}].${field}`;
    expect(
      result.report.issues.map(({ file, row, column, code, value }) => ({ file, row, column, code, value })),
    ).toEqual([
      { file: 'bad.json', row: 1, column: at(0, 'value.amount'), code: 'invalid_amount', value: '1e+21' },
      { file: 'bad.json', row: 1, column: at(1, 'value.amount'), code: 'invalid_amount', value: '0.12345678901234566' },
      {
        file: 'bad.json',
        row: 1,
        column: at(2, 'value.amount'),
        code: 'invalid_amount',
        value: '12345678901234567000',
      },
      { file: 'bad.json', row: 1, column: at(3, 'value.amount'), code: 'invalid_amount', value: 'Infinity' },
      { file: 'bad.json', row: 1, column: at(4, 'value.amount'), code: 'invalid_amount', value: 'mil pesos' },
      { file: 'bad.json', row: 1, column: at(5, 'value.amount'), code: 'invalid_amount', value: 'true' },
      { file: 'bad.json', row: 1, column: at(6, 'value.currency'), code: 'bad_currency', value: 'pesos' },
      { file: 'bad.json', row: 1, column: at(7, 'date'), code: 'bad_date', value: '31/12/2016' },
      { file: 'bad.json', row: 1, column: at(8, 'value.amount'), code: 'missing_field', value: undefined },
    ]);
    // The one sound payment of the release is kept.
    expect(result.flows.map((flow) => flow.amount.toFixed())).toEqual(['20']);
  });

  it('ingestOcds reads the same payment written with 1.0 and with 1.1 field names into the same flow', () => {
    const current = ingestOcds(
      release('ocds-1', '2020-01-01', [
        {
          id: 'T1',
          date: '2020-02-03T10:00:00-06:00',
          payer: { id: 'AG', name: 'Agencia' },
          payee: { id: 'RFC-ABC010101AB1', name: 'Proveedora' },
          value: { amount: 500.25, currency: 'MXN' },
        },
      ]),
    );
    const legacy = ingestOcds(
      release('ocds-1', '2020-01-01', [
        {
          id: 'T1',
          date: '2020-02-03T10:00:00-06:00',
          providerOrganization: { id: 'AG', legalName: 'Agencia' },
          receiverOrganization: { scheme: 'MX-RFC', id: 'ABC010101AB1', legalName: 'Proveedora' },
          amount: { amount: 500.25, currency: 'MXN' },
        },
      ]),
    );
    expect(current.flows.map(plain)).toEqual(legacy.flows.map(plain));
    expect(plain(current.flows[0]!)).toEqual({
      from: { id: 'AG', kind: 'agency', name: 'Agencia' },
      to: { id: 'ABC010101AB1', kind: 'recipient', name: 'Proveedora', taxId: 'ABC010101AB1' },
      amount: '500.25',
      currency: 'MXN',
      stage: 'paid',
      date: '2020-02-03',
      reference: 'ocds-1/C1',
      provenance: { file: 'input', firstRow: 1, lastRow: 1, rows: 1 },
      attributes: {
        ocid: 'ocds-1',
        path: 'contracts[0].implementation.transactions[0]',
        contractId: 'C1',
        contractValue: '1000',
        contractCurrency: 'MXN',
        transactionId: 'T1',
        awardId: 'A1',
      },
    });
  });

  it('ingestOcds keeps the latest release of each process in a package and skips the older ones as superseded', () => {
    const result = ingestOcds({
      releases: [
        release('ocds-1', '2020-03-01', [payment({ amount: 30 })]),
        release('ocds-1', '2020-01-01', [payment({ amount: 10 })]),
        release('ocds-2', '2020-01-01', [payment({ amount: 5 })]),
        { ocid: 'ocds-3', date: '2020-01-01', tag: ['planning'], planning: {} },
        42,
      ],
    });
    expectBooksBalance(result);
    expect(result.report).toMatchObject({
      rowsRead: 5,
      accepted: 2,
      rejected: 1,
      skipped: 2,
      skippedByRule: { superseded: 1, 'no-money': 1 },
    });
    expect(result.flows.map((flow) => [flow.provenance.firstRow, flow.amount.toFixed()])).toEqual([
      [1, '30'],
      [3, '5'],
    ]);
    expect(result.report.issues).toMatchObject([{ row: 5, column: 'releases[4]', code: 'missing_field', value: '42' }]);
  });

  it('ingestOcds reads a record package from compiled releases, else from its embedded releases compiled', () => {
    const result = ingestOcds({
      records: [
        {
          ocid: 'ocds-1',
          releases: [{ url: 'https://example.org/r1', date: '2020-01-01', tag: ['tender'] }],
          compiledRelease: release('ocds-1', '2020-05-01', [payment({ amount: 7 })]),
        },
        { ocid: 'ocds-2', releases: [{ url: 'https://example.org/r2', date: '2020-01-01', tag: ['award'] }] },
        {
          ocid: 'ocds-3',
          releases: [
            release('ocds-3', '2020-04-01', [payment({ amount: 40 })]),
            release('ocds-3', '2020-02-01', [payment({ amount: 20 })]),
          ],
        },
      ],
    });
    expectBooksBalance(result);
    expect(result.report).toMatchObject({
      rowsRead: 3,
      accepted: 2,
      skipped: 1,
      skippedByRule: { 'linked-releases-only': 1 },
    });
    expect(
      result.flows.map((flow) => [flow.provenance.firstRow, flow.attributes?.path, flow.amount.toFixed()]),
    ).toEqual([
      [1, 'records[0].compiledRelease.contracts[0].implementation.transactions[0]', '7'],
      [3, 'records[2].releases[0].contracts[0].implementation.transactions[0]', '40'],
    ]);
  });

  it('ingestOcds gives an award to several suppliers one joint flow, never an invented split', () => {
    const result = ingestOcds({
      ocid: 'ocds-9',
      buyer: { id: 'AG', name: 'Agencia' },
      parties: [
        { id: 'S2', name: 'Segunda', identifier: { scheme: 'MX-RFC', id: 'SEG020202BB2' } },
        { id: 'S1', name: 'Primera' },
      ],
      awards: [
        {
          id: 'A1',
          status: 'active',
          date: '2021-06-30',
          value: { amount: 900 },
          suppliers: [{ id: 'S2' }, { id: 'S1' }],
        },
        { id: 'A2', status: 'cancelled', value: { amount: 50 }, suppliers: [{ id: 'S1' }] },
      ],
    });
    expect(result.flows.map(plain)).toEqual([
      {
        from: { id: 'AG', kind: 'agency', name: 'Agencia' },
        to: {
          id: 'joint:S1+SEG020202BB2',
          kind: 'recipient',
          name: 'Primera + Segunda',
          attributes: { members: 'S1 SEG020202BB2' },
        },
        amount: '900',
        currency: 'MXN',
        stage: 'committed',
        date: '2021-06-30',
        reference: 'ocds-9/A1',
        provenance: { file: 'input', firstRow: 1, lastRow: 1, rows: 1 },
        attributes: { ocid: 'ocds-9', path: 'awards[0]', awardId: 'A1' },
      },
    ]);
  });

  it('ingestOcds with strict: true throws an IngestError carrying the first bad release issues', () => {
    const bad = { releases: [release('ocds-1', '2020-01-01', [payment({ amount: 'x' })])] };
    expect(() => ingestOcds(bad, { strict: true })).toThrow(IngestError);
    try {
      ingestOcds(bad, { strict: true });
    } catch (error) {
      expect(error).toMatchObject({ name: 'IngestError', code: 'ingest_failed' });
      expect((error as IngestError).issues).toMatchObject([{ row: 1, code: 'invalid_amount', value: 'x' }]);
    }
  });

  it('ingestOcds throws on input that is not OCDS and on wrong options', () => {
    expect(() => ingestOcds({ hello: 'world' }, { file: 'x.json' })).toThrow(UnreadableInputError);
    expect(() => ingestOcds('text')).toThrow(UnreadableInputError);
    expect(() => ingestOcds({ releases: [] }, { defaultCurrency: 'pesos' })).toThrow(InvalidArgumentError);
    expect(ingestOcds({ releases: [] }).report).toMatchObject({ rowsRead: 0, accepted: 0 });
  });
});

// Partial releases of one process (`ocid`) in one package: an award release, a release that changes the award, and an
// implementation release that lists only a payment. The figures are the amounts written here, nothing added up.
const agency = { id: 'AG', name: 'Agencia' };
const supplier = { id: 'RFC-ABC010101AB1', name: 'Proveedora' };
const awardRelease = (date: string, amount: number, award: Record<string, unknown> = {}) => ({
  ocid: 'ocds-X',
  id: `X-${date}`,
  date,
  buyer: agency,
  awards: [{ id: 'a1', status: 'active', date, value: { amount, currency: 'MXN' }, suppliers: [supplier], ...award }],
});
const implementationRelease = (date: string) => ({
  ocid: 'ocds-X',
  id: `X-${date}`,
  date,
  contracts: [
    {
      id: 'c1',
      awardID: 'a1',
      implementation: {
        transactions: [{ id: 't1', value: { amount: 50, currency: 'MXN' }, payer: agency, payee: supplier }],
      },
    },
  ],
});
const essence = (flow: FlowRecord) => ({
  stage: flow.stage,
  amount: flow.amount.toFixed(),
  from: flow.from.id,
  to: flow.to.id,
  rows: [flow.provenance.firstRow, flow.provenance.lastRow, flow.provenance.rows],
  path: flow.attributes?.path,
});

describe('ingestOcds on partial releases of one process', () => {
  it('ingestOcds keeps the award of an earlier release beside the payment of a later implementation release', () => {
    const result = ingestOcds({ releases: [awardRelease('2016-01-01', 100), implementationRelease('2016-02-01')] });
    expectBooksBalance(result);
    expect(result.report).toMatchObject({ rowsRead: 2, accepted: 2, rejected: 0, skipped: 0, skippedByRule: {} });
    expect(result.flows.map(essence)).toEqual([
      {
        stage: 'committed',
        amount: '100',
        from: 'AG',
        to: 'ABC010101AB1',
        rows: [1, 1, 1],
        path: 'releases[0].awards[0]',
      },
      {
        stage: 'paid',
        amount: '50',
        from: 'AG',
        to: 'ABC010101AB1',
        rows: [2, 2, 1],
        path: 'releases[1].contracts[0].implementation.transactions[0]',
      },
    ]);
    // Compiled, the award knows the contract signed under it, and the payment the award it pays.
    expect(result.flows[0]!.attributes).toMatchObject({ awardId: 'a1', contractId: 'c1' });
    expect(result.flows[1]!).toMatchObject({
      reference: 'ocds-X/c1',
      attributes: { awardId: 'a1', transactionId: 't1' },
    });
  });

  it('ingestOcds counts an award changed by a later release once, at its latest value', () => {
    // The later release publishes the whole award again: the earlier one has nothing left to give.
    const whole = ingestOcds({ releases: [awardRelease('2016-01-01', 100), awardRelease('2016-03-01', 120)] });
    expectBooksBalance(whole);
    expect(whole.report).toMatchObject({ rowsRead: 2, accepted: 1, skipped: 1, skippedByRule: { superseded: 1 } });
    expect(whole.flows.map(essence)).toEqual([
      {
        stage: 'committed',
        amount: '120',
        from: 'AG',
        to: 'ABC010101AB1',
        rows: [2, 2, 1],
        path: 'releases[1].awards[0]',
      },
    ]);
    expect(whole.flows[0]!.date).toBe('2016-03-01');

    // The later release publishes only the new value: the supplier and the date still come from the earlier one.
    const changed = ingestOcds({
      releases: [
        awardRelease('2016-01-01', 100),
        {
          ocid: 'ocds-X',
          id: 'X-2',
          date: '2016-03-01',
          awards: [{ id: 'a1', value: { amount: 120, currency: 'MXN' } }],
        },
      ],
    });
    expectBooksBalance(changed);
    expect(changed.report).toMatchObject({ rowsRead: 2, accepted: 2, skipped: 0 });
    expect(changed.flows.map(essence)).toEqual([
      {
        stage: 'committed',
        amount: '120',
        from: 'AG',
        to: 'ABC010101AB1',
        rows: [1, 2, 2],
        path: 'releases[1].awards[0]',
      },
    ]);
    expect(changed.flows[0]!.date).toBe('2016-01-01');
  });

  it('ingestOcds compiles releases given in reverse date order by their dates, not their places', () => {
    const inOrder = [
      awardRelease('2016-01-01', 100),
      awardRelease('2016-02-01', 120),
      implementationRelease('2016-03-01'),
    ];
    const reversed = ingestOcds({ releases: [...inOrder].reverse() });
    expectBooksBalance(reversed);
    // The oldest release, now last in the package, is the one superseded.
    expect(reversed.report).toMatchObject({ rowsRead: 3, accepted: 2, skipped: 1, skippedByRule: { superseded: 1 } });
    expect(reversed.flows.map(essence)).toEqual([
      {
        stage: 'committed',
        amount: '120',
        from: 'AG',
        to: 'ABC010101AB1',
        rows: [2, 2, 1],
        path: 'releases[1].awards[0]',
      },
      {
        stage: 'paid',
        amount: '50',
        from: 'AG',
        to: 'ABC010101AB1',
        rows: [1, 1, 1],
        path: 'releases[0].contracts[0].implementation.transactions[0]',
      },
    ]);
    const forward = ingestOcds({ releases: inOrder });
    expect(forward.report).toMatchObject({ rowsRead: 3, accepted: 2, skipped: 1, skippedByRule: { superseded: 1 } });
    const money = (flow: FlowRecord) => [flow.stage, flow.amount.toFixed(), flow.from.id, flow.to.id];
    expect(forward.flows.map(money)).toEqual(reversed.flows.map(money));
  });

  it('ingestOcds reports a bad value of a compiled process at the release that published it', () => {
    const result = ingestOcds({
      releases: [
        awardRelease('2016-01-01', 100, { value: { amount: 'cien', currency: 'MXN' } }),
        { ...implementationRelease('2016-02-01'), awards: [{ id: 'a1', status: 'active' }] },
      ],
    });
    expectBooksBalance(result);
    expect(result.report).toMatchObject({ rowsRead: 2, accepted: 1, rejected: 1, skipped: 0 });
    expect(result.report.issues).toMatchObject([
      { row: 1, column: 'releases[0].awards[0].value.amount', code: 'invalid_amount', value: 'cien' },
    ]);
    expect(result.flows.map(essence)).toMatchObject([{ stage: 'paid', amount: '50', rows: [2, 2, 1] }]);
  });
});
