import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { toFlowsCsv } from '../../src/export/toFlowsCsv.js';
import {
  addFlow,
  addNode,
  buildFlowGraph,
  createFlowGraph,
  type FlowGraph,
  ingestCsv,
  InvalidArgumentError,
  type StageTotal,
  summarizeGraph,
} from '../../src/index.js';
import { ingestFile } from '../../src/node/index.js';
import { FIXTURE } from '../paths.js';

/** The cells of a CSV as an RFC 4180 reader sees them (papaparse, not cauce's reader). */
const cellsOf = (csv: string) =>
  Papa.parse<string[]>(csv.replace(/\r\n$/, ''), { delimiter: ',', newline: '\r\n' }).data;

/** The error a call throws; a call that does not throw fails the test. */
function caught(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** What must survive a trip through CSV: each flow's fields, and each node's kind, name and tax id. */
const flowsOf = (graph: FlowGraph) =>
  graph.mapEdges((_edge, flow) => [
    flow.from,
    flow.to,
    flow.amount.toFixed(),
    flow.stage,
    flow.date,
    flow.currency,
    flow.reference,
  ]);
const nodesOf = (graph: FlowGraph) =>
  graph.mapNodes((id, node) => [id, node.kind, node.name, node.taxId]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));

const amountAt = (totals: StageTotal[], stage: string) =>
  totals.find((total) => total.stage === stage)?.amount.toFixed();

describe('toFlowsCsv on the Ramo 23 2016 projects', () => {
  let graph: FlowGraph;
  beforeAll(async () => {
    graph = buildFlowGraph(await ingestFile(FIXTURE('mx-pef2016/ramo23_2016.csv.gz'), { preset: 'mx-ramo23' }));
  });

  it('toFlowsCsv(graph) is read back by ingestCsv into the same flows and nodes, and the source totals', () => {
    const csv = toFlowsCsv(graph);
    const back = ingestCsv(csv, { file: 'ramo23-flows.csv' });
    // 5,300 projects x 3 levels approved, and 5,176 projects with a paid amount (124 Pagado cells are empty) x 3 levels,
    // counted in SOURCE.md; every one is a row.
    expect(back.format).toBe('flows');
    expect(back.report).toMatchObject({ rowsRead: 31428, accepted: 31428, rejected: 0, skipped: 0 });
    const rebuilt = buildFlowGraph(back);
    expect(rebuilt.size).toBe(graph.size);
    expect(rebuilt.order).toBe(graph.order);
    expect(flowsOf(rebuilt)).toEqual(flowsOf(graph));
    expect(nodesOf(rebuilt)).toEqual(nodesOf(graph));
    // Approved 54,613,053,674 and paid 4,040,410,198.89 MXN: the file's totals, computed with Python's decimal module
    // (see mx-pef2016/SOURCE.md), entering the graph before and after.
    const entering = summarizeGraph(rebuilt).entering;
    expect(amountAt(entering, 'approved')).toBe('54613053674');
    expect(amountAt(entering, 'paid')).toBe('4040410198.89');
    // Each row says where its flow came from.
    const first = rebuilt.getEdgeAttributes(rebuilt.edges()[0]!);
    const original = graph.getEdgeAttributes(graph.edges()[0]!);
    expect(original.provenance[0]!.file).toMatch(/ramo23_2016\.csv\.gz$/);
    expect(first.attributes).toEqual({ provenance: `${original.provenance[0]!.file}:2` });
    expect(first.provenance).toEqual([{ file: 'ramo23-flows.csv', firstRow: 2, lastRow: 2, rows: 1 }]);
  });

  it('toFlowsCsv(graph) writes RFC 4180: CRLF line ends, the canonical header, one row per flow', () => {
    const csv = toFlowsCsv(graph, { provenance: false });
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = cellsOf(csv);
    expect(rows[0]).toEqual([
      'from',
      'to',
      'amount',
      'stage',
      'date',
      'currency',
      'from_kind',
      'to_kind',
      'from_name',
      'to_name',
      'from_tax_id',
      'to_tax_id',
      'reference',
      'period',
    ]);
    expect(rows).toHaveLength(graph.size + 1);
    expect(rows[1]).toEqual([
      'ramo:23',
      'pp:23-U128',
      '759577',
      'approved',
      '',
      'MXN',
      'agency',
      'programme',
      'Provisiones Salariales y Económicas',
      'PROYECTOS DE DESARROLLO REGIONAL',
      '',
      '',
      'proyecto 1',
      '',
    ]);
  });
});

/** A graph whose text is as hostile as data gets: formulas, quotes, commas, line breaks, negative amounts. */
function messyGraph(): FlowGraph {
  const graph = createFlowGraph();
  addNode(graph, { id: 'ramo:12', kind: 'agency', name: '=HYPERLINK("http://x.example","Salud")' });
  addNode(graph, { id: '-SIN RFC-', kind: 'recipient', name: '+52 55 1234, "Proveedor"\nsegunda línea' });
  addNode(graph, { id: 'rec:3', kind: 'recipient', name: '@SUM(A1:A9)', taxId: 'ABC010101AB1' });
  addNode(graph, { id: 'rec:4', kind: 'intermediary', name: 'Tab\tname' });
  addFlow(graph, { from: 'ramo:12', to: '-SIN RFC-', amount: '-1234.5', stage: 'paid', date: '2016-03-31' });
  addFlow(graph, {
    from: 'ramo:12',
    to: 'rec:3',
    amount: '123456789012345678901234567890.0000000001',
    stage: 'approved',
    reference: '-C-77',
    period: '2016',
  });
  addFlow(graph, { from: 'rec:3', to: 'rec:4', amount: '0.01', currency: 'USD', reference: 'con "comillas", y coma' });
  addFlow(graph, { from: 'rec:4', to: '-SIN RFC-', amount: '-0.000001', stage: 'paid', period: '2016-Q1' });
  return graph;
}

describe('toFlowsCsv on hostile text', () => {
  it('toFlowsCsv neutralises formula-like text cells with an apostrophe, but leaves negative amounts as numbers', () => {
    const rows = cellsOf(toFlowsCsv(messyGraph(), { provenance: false }));
    // from, to, amount, ..., from_name, to_name
    expect(rows[1]!.slice(0, 3)).toEqual(['ramo:12', "'-SIN RFC-", '-1234.5']);
    expect(rows[1]![8]).toBe('\'=HYPERLINK("http://x.example","Salud")');
    expect(rows[1]![9]).toBe('\'+52 55 1234, "Proveedor"\nsegunda línea');
    expect(rows[2]![9]).toBe("'@SUM(A1:A9)");
    expect(rows[2]![12]).toBe("'-C-77");
    expect(rows[3]![9]).toBe('Tab\tname'); // a tab inside the text runs nothing
    expect(rows[4]![2]).toBe('-0.000001');
    // Nothing a spreadsheet would run is left at the start of any text cell.
    for (const row of rows.slice(1)) {
      row.forEach((cell, column) => {
        if (column !== 2) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      });
    }
  });

  it('toFlowsCsv quotes by RFC 4180, so that cells with commas, quotes and line breaks come back whole', () => {
    const csv = toFlowsCsv(messyGraph(), { provenance: false });
    expect(csv).toContain(',"\'=HYPERLINK(""http://x.example"",""Salud"")",');
    expect(csv).toContain('"\'+52 55 1234, ""Proveedor""\nsegunda línea"');
    expect(csv).toContain(',-1234.5,'); // the amount is neither quoted nor prefixed
  });

  it('ingestCsv reads a neutralised file: amounts exact and negative, neutralised text with its apostrophe', () => {
    const back = ingestCsv(toFlowsCsv(messyGraph()), { file: 'out.csv' });
    expect(back.report).toMatchObject({ rowsRead: 4, accepted: 4, rejected: 0 });
    expect(back.flows.map((flow) => flow.amount.toFixed())).toEqual([
      '-1234.5',
      '123456789012345678901234567890.0000000001',
      '0.01',
      '-0.000001',
    ]);
    expect(back.flows[0]!.from.name).toBe('\'=HYPERLINK("http://x.example","Salud")');
    expect(back.flows[0]!.to.id).toBe("'-SIN RFC-");
  });

  it('toFlowsCsv with neutralizeFormulas: false gives every flow and node back exactly through ingestCsv', () => {
    const graph = messyGraph();
    const back = ingestCsv(toFlowsCsv(graph, { neutralizeFormulas: false }), { file: 'out.csv' });
    expect(back.report).toMatchObject({ rowsRead: 4, accepted: 4, rejected: 0 });
    const rebuilt = buildFlowGraph(back);
    expect(flowsOf(rebuilt)).toEqual(flowsOf(graph));
    expect(nodesOf(rebuilt)).toEqual(nodesOf(graph));
    // period travels as an attribute: the canonical flows reader has no field for it.
    expect(rebuilt.mapEdges((_edge, flow) => flow.period ?? flow.attributes?.period)).toEqual([
      undefined,
      '2016',
      undefined,
      '2016-Q1',
    ]);
  });
});

describe('toFlowsCsv columns and options', () => {
  it('toFlowsCsv writes flow attributes as columns, renaming one that a column before it already holds', () => {
    const graph = createFlowGraph();
    addNode(graph, { id: 'a', kind: 'agency' });
    addNode(graph, { id: 'b', kind: 'recipient' });
    addFlow(graph, {
      from: 'a',
      to: 'b',
      amount: '10',
      provenance: [
        { file: 'x.csv', firstRow: 2, lastRow: 9, rows: 3 },
        { file: 'y.csv', firstRow: 4, lastRow: 5, rows: 2 },
      ],
      attributes: { partida: '46101', Period: 'as attribute' },
    });
    addFlow(graph, { from: 'a', to: 'b', amount: '20', attributes: { fuente: '=1+1' } });
    const rows = cellsOf(toFlowsCsv(graph));
    expect(rows[0]!.slice(13)).toEqual(['period', 'provenance', 'partida', 'Period_2', 'fuente']);
    expect(rows[1]!.slice(13)).toEqual(['', 'x.csv:2-9 (3 rows); y.csv:4-5', '46101', 'as attribute', '']);
    expect(rows[2]!.slice(13)).toEqual(['', '', '', '', "'=1+1"]);
    // Read back, each column is an attribute again.
    const back = ingestCsv(toFlowsCsv(graph, { provenance: false, neutralizeFormulas: false }));
    expect(back.flows.map((flow) => flow.attributes)).toEqual([
      { partida: '46101', Period_2: 'as attribute' },
      { fuente: '=1+1' },
    ]);
    expect(cellsOf(toFlowsCsv(graph, { attributes: false, provenance: false }))[0]).toHaveLength(14);
  });

  it('toFlowsCsv of a graph without flows is the header alone; bom: true starts it with a byte order mark', () => {
    const graph = createFlowGraph();
    expect(toFlowsCsv(graph)).toBe(
      'from,to,amount,stage,date,currency,from_kind,to_kind,from_name,to_name,from_tax_id,to_tax_id,reference,period,' +
        'provenance\r\n',
    );
    expect(toFlowsCsv(graph, { bom: true }).startsWith('\ufefffrom,')).toBe(true);
    expect(ingestCsv(toFlowsCsv(graph, { bom: true })).format).toBe('flows');
  });

  it('toFlowsCsv throws InvalidArgumentError on a wrong option or something that is not a graph', () => {
    const graph = createFlowGraph();
    expect(() => toFlowsCsv(graph, { bom: 'yes' as unknown as boolean })).toThrow(InvalidArgumentError);
    expect(caught(() => toFlowsCsv(graph, { neutralizeFormulas: 1 as unknown as boolean }))).toMatchObject({
      name: 'InvalidArgumentError',
      code: 'invalid_argument',
      argument: 'options.neutralizeFormulas',
    });
    expect(() => toFlowsCsv({} as FlowGraph)).toThrow(InvalidArgumentError);
  });
});
