import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildFlowGraph,
  Decimal,
  ingestCsv,
  sumInflows,
  sumOutflows,
  summarizeGraph,
  type StageTotal,
  trace,
} from '../../src/index.js';
import { ingestFile } from '../../src/node/index.js';
import { DATA } from '../paths.js';

// Figures computed from SHCP's Ramo 23 2016 source file with Python's decimal module, independently of cauce
// (see data/ramo23-2016-flows.SOURCE.md).
const APPROVED = '54613053674';
const PAID = '4040410198.89';

const FILE = DATA('ramo23-2016-flows.csv.gz');
const amountOf = (totals: StageTotal[], stage: string) =>
  totals.find((total) => total.stage === stage && total.currency === 'MXN')?.amount.toFixed();

describe('the shipped Ramo 23 2016 flows file', () => {
  it('ingestFile reads every row of it, and the graph carries the source totals exactly at every level', async () => {
    const result = await ingestFile(FILE);
    expect(result.report).toMatchObject({ rowsRead: 3054, accepted: 3054, rejected: 0, skipped: 0 });
    const graph = buildFlowGraph(result);
    expect(graph.order).toBe(1446);
    expect(graph.size).toBe(3054);

    const summary = summarizeGraph(graph);
    expect(amountOf(summary.entering, 'approved')).toBe(APPROVED);
    expect(amountOf(summary.entering, 'paid')).toBe(PAID);

    expect(amountOf(sumOutflows(graph, 'ramo:23'), 'approved')).toBe(APPROVED);
    const states = graph.filterNodes((id) => id.startsWith('ef:'));
    const municipalities = graph.filterNodes((id) => id.startsWith('mun:'));
    expect(states).toHaveLength(33);
    expect(municipalities).toHaveLength(1401);
    for (const [level, ids] of [
      ['states', states],
      ['municipalities', municipalities],
    ] as const) {
      const inflows = ids.flatMap((id) => sumInflows(graph, id));
      const add = (stage: string) =>
        inflows
          .filter((total) => total.stage === stage)
          .reduce((sum, total) => sum.plus(total.amount), new Decimal(0))
          .toFixed();
      expect({ level, approved: add('approved'), paid: add('paid') }).toEqual({
        level,
        approved: APPROVED,
        paid: PAID,
      });
    }
  });

  it('the per-programme and per-state figures match the source', async () => {
    const graph = buildFlowGraph(await ingestFile(FILE));
    expect(amountOf(sumInflows(graph, 'pp:U128'), 'approved')).toBe('19771446636');
    expect(amountOf(sumInflows(graph, 'pp:U57'), 'approved')).toBe('10400284715');
    expect(amountOf(sumInflows(graph, 'ef:21'), 'approved')).toBe('2098675139.81');
    expect(amountOf(sumInflows(graph, 'ef:21'), 'paid')).toBe('139420196.16');
    expect(amountOf(sumOutflows(graph, 'ef:20'), 'paid')).toBe('187922684.84');
    expect(graph.getNodeAttributes('pp:U57')).toMatchObject({ kind: 'programme', name: 'FONDO METROPOLITANO' });
  });

  it('trace from Ramo 23 reaches every municipality through every programme that funds its state', async () => {
    const graph = buildFlowGraph(await ingestFile(FILE));
    const result = trace(graph, 'ramo:23', { stage: 'approved' });
    // 6,358 = the sum over (programme, state) pairs of the municipalities with projects in that state (Python).
    expect(result.paths).toHaveLength(6358);
    expect(result.reached).toHaveLength(1446);
    expect(result.paths.every((path) => path.nodes.length === 4)).toBe(true);
    const up = trace(graph, 'mun:21-005', { direction: 'up', stage: 'approved' });
    expect(up.paths.map((path) => path.nodes.join(' <- '))).toContain('mun:21-005 <- ef:21 <- pp:U128 <- ramo:23');
  });

  it('a malformed copy is reported row by row and the accepted rows keep their exact totals', async () => {
    const lines = gunzipSync(readFileSync(FILE)).toString('utf8').split('\n');
    // Lines are 0-based; spreadsheet rows are lines + 1. Plant one problem per row.
    const planted = new Map<number, string>([
      [10, 'invalid_amount'],
      [20, 'missing_field'],
      [30, 'unknown_stage'],
      [40, 'field_count'],
    ]);
    const removed = [10, 20, 30, 40].map((at) => lines[at]!);
    lines[10] = lines[10]!.replace(/,(\d+)\.(\d\d),/, ',$1.$2.00,');
    lines[20] = lines[20]!.replace(/^([^,]+),([^,]+),/, '$1,,');
    lines[30] = lines[30]!.replace(/,(approved|paid),/, ',aprobadx,');
    lines[40] = lines[40]! + ',sobra';
    const result = ingestCsv(lines.join('\n'), { file: 'ramo23-malformed.csv' });

    expect(result.report).toMatchObject({ rowsRead: 3054, accepted: 3050, rejected: 4, skipped: 0 });
    expect(result.report.issues.map((issue) => [issue.row, issue.code])).toEqual(
      [...planted].map(([line, code]) => [line + 1, code]),
    );
    expect(result.report.issues.every((issue) => issue.file === 'ramo23-malformed.csv')).toBe(true);

    // The accepted rows add up to the full total less exactly what the four rejected rows carried.
    const full = summarizeGraph(buildFlowGraph(await ingestFile(FILE))).byStage;
    const partial = summarizeGraph(buildFlowGraph(result)).byStage;
    const lost = ingestCsv([lines[0], ...removed].join('\n')).flows;
    for (const stage of ['approved', 'paid'] as const) {
      const missing = lost
        .filter((flow) => flow.stage === stage)
        .reduce((sum, flow) => sum.plus(flow.amount), new Decimal(0));
      const fullAmount = full.find((total) => total.stage === stage)!.amount;
      const partialAmount = partial.find((total) => total.stage === stage)!.amount;
      expect(partialAmount.plus(missing).toFixed()).toBe(fullAmount.toFixed());
    }
  });
});
