import { beforeAll, describe, expect, it } from 'vitest';
import { fromGraphJson } from '../../src/export/fromGraphJson.js';
import { toGraphJson } from '../../src/export/toGraphJson.js';
import {
  addFlow,
  addNode,
  buildFlowGraph,
  createFlowGraph,
  type FlowGraph,
  ingestCsv,
  InvalidArgumentError,
  reconcile,
  summarizeGraph,
} from '../../src/index.js';
import { ingestFile } from '../../src/node/index.js';
import { FIXTURE } from '../paths.js';

/** Everything the graph holds, as plain values: what a round trip must keep. */
function contentOf(graph: FlowGraph) {
  const plainBalance = (balance: object) => JSON.parse(JSON.stringify(balance)) as Record<string, unknown>; // Decimals as their exact strings
  return {
    attributes: JSON.parse(JSON.stringify(graph.getAttributes())),
    nodes: graph.mapNodes((id, node) => ({ key: id, ...node, balances: node.balances.map(plainBalance) })),
    flows: graph.mapEdges((_edge, flow, source, target) => ({
      source,
      target,
      ...flow,
      amount: flow.amount.toFixed(),
    })),
  };
}

const roundTrip = (graph: FlowGraph) => fromGraphJson(JSON.stringify(toGraphJson(graph)));

/** The error a call throws; a call that does not throw fails the test. */
function caught(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('toGraphJson and fromGraphJson on the federal transfers to states', () => {
  let graph: FlowGraph;
  beforeAll(async () => {
    graph = buildFlowGraph(
      await ingestFile(FIXTURE('mx-pef2016/transferencias_entidades_fed.csv.gz'), { preset: 'mx-transferencias' }),
    );
  });

  it('fromGraphJson(toGraphJson(graph)) through JSON text gives every node, flow and declared total back', () => {
    const json = toGraphJson(graph);
    expect(json).toMatchObject({ format: 'cauce-graph', version: 1, defaultCurrency: 'MXN' });
    expect(json.flows).toHaveLength(graph.size);
    // The preset keeps each Total row of the file as a declared total: a round trip must keep every one.
    expect(json.declaredTotals.length).toBeGreaterThan(1000);
    expect(json.declaredTotals).toHaveLength(graph.getAttribute('declaredTotals').length);
    const back = roundTrip(graph);
    expect(contentOf(back)).toEqual(contentOf(graph));
    // Paid, in pesos: the sum of MONTO (thousands, up to 5 decimals) times 1000, computed with Python's decimal module.
    expect(
      summarizeGraph(back)
        .entering.find((total) => total.stage === 'paid')!
        .amount.toFixed(),
    ).toBe('7210305381634.111068');
    // The declared totals still reconcile exactly as they did.
    const check = (g: FlowGraph) => reconcile(g, { checks: ['declared-total'] }).summary;
    expect(check(back)).toEqual(check(graph));
    expect(check(back).byCheck['declared-total']!.checked).toBeGreaterThan(1000);
  });

  it('toGraphJson writes amounts as exact strings, never JSON numbers', () => {
    const json = toGraphJson(graph);
    expect(json.flows.every((flow) => typeof flow.amount === 'string')).toBe(true);
    expect(json.declaredTotals.every((total) => typeof total.amount === 'string')).toBe(true);
    // Amounts with six decimals after scaling thousands to pesos stay whole.
    expect(json.flows.some((flow) => /\.\d{6}$/.test(flow.amount))).toBe(true);
  });
});

describe('toGraphJson and fromGraphJson on trusts, attributes and notes', () => {
  function trustGraph(): FlowGraph {
    const flows = ingestCsv(
      'from,to,amount,stage,date,from_kind,to_kind,reference,clave\n' +
        'ramo:06,fid:80001,1500000.25,paid,2016-01-15,agency,trust,convenio 1,46101\n' +
        'fid:80001,RFC-ABC,-20.5,paid,2016-02-01,,recipient,,\n' +
        'fid:80001,RFC-ABC,1000,paid,2016-02-01,,recipient,,\n',
      { file: 'flows.csv' },
    );
    const balances = ingestCsv(
      'node,period,opening,income,yield,expenses,closing,currency,nota\n' +
        'fid:80001,2016-Q1,100.10,1500000.25,3.333,979.5,1499124.183,MXN,disponibilidad\n' +
        'fid:80002,2016-Q1,0,,,,0,,\n',
      { file: 'balances.csv' },
    );
    const other = ingestCsv('from,to,amount,to_kind\nramo:06,fid:80001,1,intermediary\n', { file: 'other.csv' });
    const graph = buildFlowGraph([flows, balances, other]);
    addNode(graph, { id: 'ramo:23', kind: 'agency', attributes: { ramo: '23' } });
    Object.defineProperty(graph.getNodeAttribute('ramo:23', 'attributes'), '__proto__', {
      value: 'own key',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    addFlow(graph, { from: 'ramo:23', to: 'fid:80001', amount: '7', stage: 'approved', period: '2016' });
    return graph;
  }

  it('fromGraphJson(toGraphJson(graph)) keeps trust balances, inferred kinds, node attributes and notes', () => {
    const graph = trustGraph();
    expect(graph.getNodeAttribute('fid:80001', 'balances')).toHaveLength(1);
    expect(graph.getAttribute('notes')).toEqual([
      expect.objectContaining({ code: 'conflicting_kind', node: 'fid:80001', kept: 'trust', ignored: 'intermediary' }),
    ]);
    const back = roundTrip(graph);
    expect(contentOf(back)).toEqual(contentOf(graph));
    const [balance] = back.getNodeAttribute('fid:80001', 'balances');
    expect(balance).toMatchObject({ node: 'fid:80001', period: '2016-Q1', attributes: { nota: 'disponibilidad' } });
    expect(
      [balance!.opening, balance!.income, balance!.yield, balance!.expenses, balance!.closing].map(String),
    ).toEqual(['100.1', '1500000.25', '3.333', '979.5', '1499124.183']);
    expect(back.getNodeAttributes('fid:80002')).toMatchObject({ kind: 'trust', kindInferred: true });
    // A key like __proto__ from data stays a key.
    const attributes = back.getNodeAttribute('ramo:23', 'attributes');
    expect(Object.hasOwn(attributes, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    // The trust balance check sees the same numbers: 100.1 + 1500000.25 + 3.333 - 979.5 = 1499124.183.
    const check = (g: FlowGraph) => reconcile(g, { checks: ['trust-balance'] }).checks;
    expect(check(back)).toEqual(check(graph));
    expect(check(back)[0]).toMatchObject({ status: 'ok' });
  });

  it('fromGraphJson accepts the JSON value as well as its text, and an empty graph', () => {
    const graph = createFlowGraph({ defaultCurrency: 'GBP' });
    const back = fromGraphJson(toGraphJson(graph));
    expect(back.order).toBe(0);
    expect(back.getAttribute('defaultCurrency')).toBe('GBP');
  });
});

describe('fromGraphJson on bad input', () => {
  const good = () =>
    JSON.parse(
      JSON.stringify({
        format: 'cauce-graph',
        version: 1,
        defaultCurrency: 'MXN',
        nodes: [
          {
            id: 'a',
            kind: 'agency',
            kindInferred: false,
            name: 'A',
            attributes: {},
            balances: [
              {
                period: '2016',
                opening: '1',
                closing: '1',
                currency: 'MXN',
                provenance: { file: 'b.csv', firstRow: 2, lastRow: 2, rows: 1 },
              },
            ],
          },
          { id: 'b', kind: 'recipient', kindInferred: true, name: 'B', attributes: {}, balances: [] },
        ],
        flows: [
          {
            from: 'a',
            to: 'b',
            amount: '10.5',
            currency: 'MXN',
            stage: 'paid',
            provenance: [{ file: 'f.csv', firstRow: 2, lastRow: 2, rows: 1 }],
          },
        ],
        declaredTotals: [
          {
            node: 'a',
            stage: 'paid',
            currency: 'MXN',
            amount: '10.5',
            rule: 'total',
            provenance: { file: 'f.csv', firstRow: 3, lastRow: 3, rows: 1 },
          },
        ],
        notes: [],
      }),
    );

  it('fromGraphJson reads the hand-written good document', () => {
    const graph = fromGraphJson(good());
    expect(graph.size).toBe(1);
    expect(graph.getAttribute('declaredTotals')[0]!.amount.toFixed()).toBe('10.5');
  });

  const CASES: Array<[string, (json: Record<string, any>) => unknown, string]> = [
    ['text that is not JSON', () => '{"format": "cauce-graph",', 'json'],
    ['an array', () => [], 'json'],
    ['another format', (json) => ({ ...json, format: 'gexf' }), 'json.format'],
    ['a later version', (json) => ({ ...json, version: 2 }), 'json.version'],
    ['a lower-case currency', (json) => ({ ...json, defaultCurrency: 'mxn' }), 'json.defaultCurrency'],
    ['no nodes', (json) => ({ ...json, nodes: undefined }), 'json.nodes'],
    ['an unknown kind', (json) => ((json.nodes[1].kind = 'company'), json), 'json.nodes[1].kind'],
    ['a node id twice', (json) => ((json.nodes[1].id = 'a'), json), 'json.nodes[1].id'],
    ['an empty node id', (json) => ((json.nodes[0].id = ''), json), 'json.nodes[0].id'],
    [
      'a number as attribute value',
      (json) => ((json.nodes[0].attributes.ramo = 23), json),
      'json.nodes[0].attributes.ramo',
    ],
    [
      'an amount with separators',
      (json) => ((json.nodes[0].balances[0].opening = '1,000'), json),
      'json.nodes[0].balances[0].opening',
    ],
    ['an amount as a JSON number', (json) => ((json.flows[0].amount = 10.5), json), 'json.flows[0].amount'],
    ['a flow to no node', (json) => ((json.flows[0].to = 'c'), json), 'json.flows[0].to'],
    ['an unknown stage', (json) => ((json.flows[0].stage = 'spent'), json), 'json.flows[0].stage'],
    ['an impossible date', (json) => ((json.flows[0].date = '2016-02-30'), json), 'json.flows[0].date'],
    [
      'a negative row count',
      (json) => ((json.flows[0].provenance[0].rows = -1), json),
      'json.flows[0].provenance[0].rows',
    ],
    [
      'a declared total at no stage',
      (json) => ((json.declaredTotals[0].stage = 'total'), json),
      'json.declaredTotals[0].stage',
    ],
    ['a note with an unknown code', (json) => ((json.notes = [{ code: 'oops' }]), json), 'json.notes[0].code'],
  ];

  it.each(CASES)('fromGraphJson on %s throws InvalidArgumentError naming the path', (_what, spoil, path) => {
    const error = caught(() => fromGraphJson(spoil(good())));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ name: 'InvalidArgumentError', code: 'invalid_argument', argument: path });
  });
});
