import { describe, expect, it } from 'vitest';
import { buildFlowGraph, Decimal, type IngestResult, type Mapping, reconcile } from '../../src/index.js';
import { UK_COUNCIL_SPEND } from '../../src/ingest/presets/ukCouncilSpend.js';
import { UK_SPEND } from '../../src/ingest/presets/ukSpend.js';
import { ingestFile } from '../../src/node/index.js';
import { FIXTURE } from '../paths.js';

// Cabinet Office "spend over £25,000", 2019-06 to 2022-07, as ODI Leeds keeps them (see fixtures/uk-spend/SOURCE.md).
// Every figure below was computed from the source files with Python's csv and decimal modules, independently of
// cauce: [month, payment lines under the header, encoding the bytes decode in, total of the Amount column].
const MONTHS: Array<[string, number, 'utf-8' | 'windows-1252', string]> = [
  ['2019-06', 342, 'windows-1252', '48558342.20'],
  ['2019-07', 223, 'windows-1252', '32256356.49'],
  ['2019-08', 346, 'windows-1252', '47565418.85'],
  ['2019-09', 394, 'windows-1252', '52079506.75'],
  ['2019-10', 257, 'utf-8', '65198083.64'],
  ['2019-11', 226, 'utf-8', '44453108.64'],
  ['2019-12', 465, 'windows-1252', '64030010.13'],
  ['2020-01', 226, 'utf-8', '35592487.40'],
  ['2020-02', 281, 'utf-8', '56546214.79'],
  ['2020-03', 531, 'windows-1252', '115611515.92'],
  ['2020-04', 273, 'utf-8', '194011438.90'],
  ['2020-05', 273, 'utf-8', '44744899.09'],
  ['2020-06', 633, 'windows-1252', '138818776.73'],
  ['2020-07', 454, 'utf-8', '106430290.08'],
  ['2020-08', 357, 'utf-8', '62698017.60'],
  ['2020-09', 807, 'utf-8', '135522204.21'],
  ['2020-10', 480, 'utf-8', '63768837.81'],
  ['2020-11', 590, 'utf-8', '130642656.78'],
  ['2020-12', 894, 'utf-8', '137356240.85'],
  ['2021-01', 458, 'utf-8', '72061970.44'],
  ['2021-02', 591, 'utf-8', '128654319.58'],
  ['2021-03', 839, 'utf-8', '192320033.61'],
  ['2021-04', 490, 'utf-8', '157827970.79'],
  ['2021-05', 420, 'utf-8', '70343493.43'],
  ['2021-06', 582, 'utf-8', '132134717.62'],
  ['2021-07', 608, 'utf-8', '106064953.04'],
  ['2021-08', 593, 'utf-8', '75290577.41'],
  ['2021-09', 500, 'utf-8', '86195112.95'],
  ['2021-10', 430, 'utf-8', '149159422.53'],
  ['2021-11', 480, 'utf-8', '84940489.51'],
  ['2021-12', 337, 'utf-8', '47525667.85'],
  ['2022-01', 310, 'utf-8', '49357503.20'],
  ['2022-02', 497, 'utf-8', '128865099.12'],
  ['2022-03', 839, 'utf-8', '178569644.22'],
  ['2022-04', 511, 'utf-8', '172754090.03'],
  ['2022-05', 339, 'utf-8', '115928871.02'],
  ['2022-06', 341, 'utf-8', '66239857.13'],
  ['2022-07', 318, 'utf-8', '43776522.32'],
];
const GRAND_TOTAL = '3633894722.66';
// 2022-04 also numbers 60 empty rows below its data.

const read = (month: string, mapping: Mapping = UK_SPEND.mapping!) =>
  ingestFile(FIXTURE(`uk-spend/${month}.csv.gz`), { mapping, file: `${month}.csv` });

// Each line ends at its supplier, so the flows into suppliers carry each line's amount exactly once.
function paidToSuppliers(result: IngestResult): Decimal {
  return result.flows
    .filter((flow) => flow.to.kind === 'recipient')
    .reduce((sum, flow) => sum.plus(flow.amount), new Decimal(0));
}

function expectNothingLost(result: IngestResult) {
  const { report } = result;
  expect(report.accepted + report.rejected + report.skipped).toBe(report.rowsRead);
  expect(Object.values(report.skippedByRule).reduce((sum, count) => sum + count, 0)).toBe(report.skipped);
  expect(report.issues).toHaveLength(report.rejected);
}

describe('preset uk-spend', () => {
  it('ingestFile reads every line of the 38 Cabinet Office months, skipping only numbered blank rows', async () => {
    let total = new Decimal(0);
    for (const [month, lines, , sum] of MONTHS) {
      const result = await read(month);
      expectNothingLost(result);
      const blank = month === '2022-04' ? 60 : 0;
      expect({ month, ...result.report }).toMatchObject({
        month,
        mapping: 'uk-spend',
        rowsRead: lines,
        accepted: lines - blank,
        rejected: 0,
        skipped: blank,
        skippedByRule: blank > 0 ? { 'numbered-blank-row': blank } : {},
      });
      expect(paidToSuppliers(result).toFixed(2)).toBe(sum);
      total = total.plus(paidToSuppliers(result));
    }
    expect(total.toFixed(2)).toBe(GRAND_TOTAL);
  });

  it('ingestFile reads the long-form dates of 2022-04 and 2022-05 ("Wednesday, May 04, 2022")', async () => {
    const result = await read('2022-05');
    const first = result.flows.find((flow) => flow.provenance.firstRow === 2)!;
    expect(first.date).toBe('2022-05-04');
  });

  it('the amounts of all 17,475 payment lines add up to £3,633,894,722.66 when the date is not read', async () => {
    const undated: Mapping = { ...UK_SPEND.mapping!, date: undefined };
    let total = new Decimal(0);
    let lines = 0;
    let rows = 0;
    for (const [month, , , sum] of MONTHS) {
      const result = await read(month, undated);
      expectNothingLost(result);
      expect(result.report.rejected).toBe(0);
      expect(paidToSuppliers(result).toFixed(2)).toBe(sum);
      total = total.plus(paidToSuppliers(result));
      lines += result.report.accepted;
      rows += result.report.rowsRead;
    }
    // 17,535 rows under the headers, of which 60 are the numbered blank rows of 2022-04.
    expect(rows).toBe(17535);
    expect(lines).toBe(17475);
    expect(total.toFixed(2)).toBe(GRAND_TOTAL);
  });

  it('builds department -> entity -> expense area -> supplier chains in GBP, paid, dated, with the transaction as reference', async () => {
    const result = await read('2020-12');
    expect(paidToSuppliers(result).toFixed(2)).toBe('137356240.85');
    const penlon = result.flows.filter((flow) => flow.reference === '10004807');
    expect(penlon.map((flow) => `${flow.from.id} -> ${flow.to.id}`)).toEqual([
      'dept:CAB -> entity:CABINET OFFICE',
      'entity:CABINET OFFICE -> area:CABINET OFFICE/COVID (PROG)',
      'area:CABINET OFFICE/COVID (PROG) -> supplier:PENLON LTD',
    ]);
    for (const flow of penlon) {
      expect(flow).toMatchObject({ stage: 'paid', currency: 'GBP', date: '2020-12-04' });
      expect(flow.amount.toFixed(2)).toBe('2797370.51');
    }
    expect(penlon[2]!.to).toMatchObject({ kind: 'recipient', name: 'PENLON LTD' });
  });

  it('lines that leave the departmental family empty sit under a "not stated" family, and the entity reconciles', async () => {
    // 2021-08 rows 584-594: 11 Government Property Agency lines with no family, £992,573 (Python).
    const result = await read('2021-08');
    const ofThoseRows = result.flows.filter(
      (flow) => flow.provenance.firstRow >= 584 && flow.provenance.lastRow <= 594,
    );
    const parents = ofThoseRows.filter((flow) => flow.from.id === 'dept:NOT STATED').map((flow) => flow.to.id);
    expect(parents).toHaveLength(10); // 11 lines; two share a transaction number and add up into one flow
    expect(new Set(parents)).toEqual(new Set(['entity:GPA']));
    expect(paidToSuppliers({ ...result, flows: ofThoseRows }).toFixed()).toBe('992573');
    // Every entity now has one parent level for every line, so what it receives equals what it passes down.
    const hierarchy = reconcile(buildFlowGraph(result), { checks: ['hierarchy'] });
    expect(hierarchy.summary.byCheck.hierarchy!.mismatched).toBe(0);
  });

  // Their only high bytes are an en dash (0x96, cp850 "û") and a no-break space (0xA0, cp850 "á") outside words.
  it('ingestFile detects the seven CP1252 months as windows-1252 and decodes their en dashes', async () => {
    for (const [month, , encoding] of MONTHS) {
      const result = await read(month);
      expect({ month, encoding: result.report.encoding }).toEqual({ month, encoding });
      expect(result.report.encodingDetected).toBe(true);
    }
    const result = await read('2019-06');
    const names = new Set(result.flows.map((flow) => flow.to.name));
    expect(names).toContain('Montagu Evans \u2013 Client Account');
  });
});

// Three of Leeds City Council's monthly "spend over £500" files as published, one per layout (computed with Python's
// csv and decimal modules): [month, rows under the header, blank rows among them, total of the net amount column,
// lines paid to REDACTED PERSONAL DATA and their total].
const LEEDS: Array<[string, number, number, string, number, string]> = [
  ['2010-12', 10306, 3, '77179009.24', 692, '1026341.37'],
  ['2012-03', 10325, 0, '75322849.65', 703, '976197.39'],
  ['2020-06', 16177, 1, '104445727.45', 1118, '401274.51'],
];

describe('preset uk-council-spend', () => {
  const readLeeds = (month: string, mapping: Mapping = UK_COUNCIL_SPEND.mapping!) =>
    ingestFile(FIXTURE(`uk-spend/leeds-${month}.csv.gz`), { mapping, file: `leeds-${month}.csv` });

  it('ingestFile reads the 2010, 2012 and 2020 Leeds layouts to their exact net totals, credits included', async () => {
    for (const [month, rows, blank, total, redactedLines, redactedTotal] of LEEDS) {
      const result = await readLeeds(month);
      expectNothingLost(result);
      expect({ month, ...result.report }).toMatchObject({
        month,
        rowsRead: rows,
        accepted: rows - blank,
        rejected: 0,
        skippedByRule: blank > 0 ? { 'blank-row': blank } : {},
      });
      expect(paidToSuppliers(result).toFixed(2)).toBe(total);
      const redacted = result.flows.filter((flow) => flow.to.id === 'supplier:REDACTED PERSONAL DATA');
      expect(redacted.reduce((sum, flow) => sum + flow.provenance.rows, 0)).toBe(redactedLines);
      expect(redacted.reduce((sum, flow) => sum.plus(flow.amount), new Decimal(0)).toFixed(2)).toBe(redactedTotal);
    }
  });

  it('reads a trailing-space amount, a dd/mm/yyyy date and the council -> service -> division -> supplier chain', async () => {
    const result = await readLeeds('2010-12');
    // Row 2: Leeds City Council, Central & Corporate Functions, Commercial Services Trading Services, 24/12/2010,
    // 1012-00001, "1616.23 ", A & A ELECTRICAL DISTRIBUTORS LTD.
    const first = result.flows.filter((flow) => flow.reference === '1012-00001');
    expect(first.map((flow) => flow.to.id)).toEqual([
      'service:LEEDS CITY COUNCIL/CENTRAL & CORPORATE FUNCTIONS',
      'division:LEEDS CITY COUNCIL/CENTRAL & CORPORATE FUNCTIONS/COMMERCIAL SERVICES TRADING SERVICES',
      'supplier:A & A ELECTRICAL DISTRIBUTORS LTD',
    ]);
    expect(first[0]!.from).toMatchObject({ id: 'council:LEEDS CITY COUNCIL', kind: 'agency' });
    for (const flow of first) {
      expect(flow).toMatchObject({ stage: 'paid', currency: 'GBP', date: '2010-12-24' });
      expect(flow.amount.toFixed(2)).toBe('1616.23');
    }
  });

  it('reads the 02-Mar-12 dates of the 2012 layout', async () => {
    const result = await readLeeds('2012-03');
    expect(result.report).toMatchObject({ rowsRead: 10325, rejected: 0 });
    expect(result.flows.find((flow) => flow.provenance.firstRow === 2)!.date).toBe('2012-03-02');
  });

  it('decodes the windows-1252 bytes of the 2020 file that its UTF-8 start did not announce', async () => {
    const result = await readLeeds('2020-06');
    expect(result.report).toMatchObject({ encoding: 'utf-8', mixedEncoding: true });
    expect(result.flows.map((flow) => flow.to.name)).toContain('Fylde Coast Women\u00bfs Aid');
  });
});
