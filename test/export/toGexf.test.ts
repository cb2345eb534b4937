import { beforeAll, describe, expect, it } from 'vitest';
import { toGexf } from '../../src/export/toGexf.js';
import {
  addFlow,
  addNode,
  buildFlowGraph,
  createFlowGraph,
  Decimal,
  type FlowGraph,
  InvalidArgumentError,
} from '../../src/index.js';
import { ingestFile } from '../../src/node/index.js';
import { FIXTURE } from '../paths.js';
import { elementsNamed, parseXml, XmlError, type XmlElement } from './parseXml.js';

// No XML parser is among the project's packages, and none is added for tests: `parseXml` (beside this file) is a small
// strict XML 1.0 reader that fails on anything a conforming parser would refuse (see its comment).

/** An element's attribute values by the id the GEXF header gave them. */
const valuesOf = (element: XmlElement) =>
  Object.fromEntries(
    elementsNamed(element, 'attvalue').map((value) => [value.attributes.for!, value.attributes.value!]),
  );

describe('toGexf on the Ramo 23 2016 projects', () => {
  let graph: FlowGraph;
  beforeAll(async () => {
    graph = buildFlowGraph(await ingestFile(FIXTURE('mx-pef2016/ramo23_2016.csv.gz'), { preset: 'mx-ramo23' }));
  });

  it('toGexf(graph) is well-formed GEXF 1.3 with every node and every flow, the exact amounts adding up', () => {
    const root = parseXml(toGexf(graph));
    expect(root.name).toBe('gexf');
    expect(root.attributes).toMatchObject({ xmlns: 'http://gexf.net/1.3', version: '1.3' });
    const [graphElement] = elementsNamed(root, 'graph');
    expect(graphElement!.attributes.defaultedgetype).toBe('directed');
    const nodes = elementsNamed(root, 'node');
    const edges = elementsNamed(root, 'edge');
    // 5,300 projects x 3 levels approved and 5,176 with a paid amount x 3 (SOURCE.md's counts).
    expect(edges).toHaveLength(31428);
    expect(nodes).toHaveLength(graph.order);
    expect(new Set(edges.map((edge) => edge.attributes.id)).size).toBe(31428);
    const ids = new Set(nodes.map((node) => node.attributes.id));
    expect(edges.every((edge) => ids.has(edge.attributes.source) && ids.has(edge.attributes.target))).toBe(true);
    expect(nodes.find((node) => node.attributes.id === 'ramo:23')!.attributes.label).toBe(
      'Provisiones Salariales y Económicas',
    );

    // The approved and paid totals leaving Ramo 23: 54,613,053,674 and 4,040,410,198.89 MXN, computed from the source
    // file with Python's decimal module (mx-pef2016/SOURCE.md), added here from the exact amount attribute.
    const sums = new Map<string, Decimal>();
    for (const edge of edges) {
      const values = valuesOf(edge);
      expect(edge.attributes.kind).toBe(values.stage);
      // The weight is the amount as a float, for layouts; the exact amount is the attribute.
      expect(Number(edge.attributes.weight)).toBe(new Decimal(values.amount!).toNumber());
      if (edge.attributes.source !== 'ramo:23') continue;
      sums.set(values.stage!, (sums.get(values.stage!) ?? new Decimal(0)).plus(values.amount!));
    }
    expect(Object.fromEntries([...sums].map(([stage, sum]) => [stage, sum.toFixed()]))).toEqual({
      approved: '54613053674',
      paid: '4040410198.89',
    });
  });

  it('toGexf(graph, { stage }) writes only the flows at that stage, and every node', () => {
    const root = parseXml(toGexf(graph, { stage: 'paid' }));
    const edges = elementsNamed(root, 'edge');
    expect(edges).toHaveLength(5176 * 3);
    expect(elementsNamed(root, 'edges')[0]!.attributes.count).toBe(String(5176 * 3));
    expect(edges.every((edge) => edge.attributes.kind === 'paid')).toBe(true);
    expect(elementsNamed(root, 'node')).toHaveLength(graph.order);
  });
});

describe('toGexf on small graphs', () => {
  it('toGexf keeps parallel flows as their own edges, with stage, currency, date, reference and provenance', () => {
    const graph = createFlowGraph();
    addNode(graph, { id: 'pp:S072', kind: 'programme', name: 'Prospera', attributes: { ramo: '20' } });
    addNode(graph, { id: 'ABC010101AB1', kind: 'recipient', name: 'Proveedora', taxId: 'ABC010101AB1' });
    const provenance = [{ file: 'pagos.csv', firstRow: 2, lastRow: 4, rows: 3 }];
    addFlow(graph, { from: 'pp:S072', to: 'ABC010101AB1', amount: '1000', stage: 'committed', reference: 'C-1' });
    addFlow(graph, { from: 'pp:S072', to: 'ABC010101AB1', amount: '400.10', date: '2016-03-01', provenance });
    addFlow(graph, { from: 'pp:S072', to: 'ABC010101AB1', amount: '-0.1', date: '2016-04-01', period: '2016-Q2' });
    const root = parseXml(toGexf(graph, { description: 'Prospera 2016' }));
    expect(elementsNamed(root, 'description')[0]!.text).toBe('Prospera 2016');
    const nodeColumns = elementsNamed(elementsNamed(root, 'attributes')[0]!, 'attribute');
    expect(
      nodeColumns.map((column) => [column.attributes.id, column.attributes.title, column.attributes.type]),
    ).toEqual([
      ['kind', 'kind', 'string'],
      ['kindInferred', 'kindInferred', 'boolean'],
      ['taxId', 'taxId', 'string'],
      ['n0', 'ramo', 'string'],
    ]);
    const [programme, supplier] = elementsNamed(root, 'node');
    expect(valuesOf(programme!)).toEqual({ kind: 'programme', kindInferred: 'false', n0: '20' });
    expect(valuesOf(supplier!)).toEqual({ kind: 'recipient', kindInferred: 'false', taxId: 'ABC010101AB1' });
    const edges = elementsNamed(root, 'edge');
    expect(edges.map((edge) => edge.attributes)).toEqual([
      { id: '0', source: 'pp:S072', target: 'ABC010101AB1', kind: 'committed', weight: '1000' },
      { id: '1', source: 'pp:S072', target: 'ABC010101AB1', kind: 'paid', weight: '400.1' },
      { id: '2', source: 'pp:S072', target: 'ABC010101AB1', kind: 'paid', weight: '-0.1' },
    ]);
    expect(edges.map(valuesOf)).toEqual([
      { stage: 'committed', currency: 'MXN', amount: '1000', reference: 'C-1' },
      { stage: 'paid', currency: 'MXN', amount: '400.1', date: '2016-03-01', provenance: 'pagos.csv:2-4' },
      { stage: 'paid', currency: 'MXN', amount: '-0.1', date: '2016-04-01', period: '2016-Q2' },
    ]);
  });

  it('toGexf escapes hostile text so that it stays text and the document stays well-formed', () => {
    const graph = createFlowGraph();
    const hostile = "<script>alert(1)</script> \"quoted\" 'single' A & B ]]> =cmd|' /C calc'!A0";
    addNode(graph, { id: 'a"&<b>', kind: 'agency', name: hostile, attributes: { '<attr name>': ']]>&' } });
    addNode(graph, { id: 'ctl', kind: 'recipient', name: 'bell\u0007 nul\u0000 esc\u001b vt\u000b ff\u000c' });
    addNode(graph, { id: 'split', kind: 'recipient', name: 'line\nbreak\ttab  and\r\nmore', taxId: 'ABC010101AB1' });
    addNode(graph, { id: 'halves', kind: 'recipient', name: 'lone \ud800 high, \udc00 low, pair 😀, \ufffe' });
    addFlow(graph, {
      from: 'a"&<b>',
      to: 'ctl',
      amount: '1',
      reference: '</edge><edge id="x">\n]]>',
      attributes: { '"><injected': 'v\u0001' },
    });
    const gexf = toGexf(graph, { description: '</description></meta><graph>' });
    expect(gexf).not.toContain('<script>');
    expect(gexf).not.toContain('<injected');
    expect(gexf).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(gexf).not.toContain(']]>');

    const root = parseXml(gexf);
    expect(elementsNamed(root, 'description')[0]!.text).toBe('</description></meta><graph>');
    const labels = Object.fromEntries(
      elementsNamed(root, 'node').map((node) => [node.attributes.id, node.attributes.label]),
    );
    expect(labels).toEqual({
      'a"&<b>': hostile,
      // Characters XML 1.0 forbids become U+FFFD; whitespace in a label, vertical tab and form feed among it, is
      // folded to one space (GEXF labels are xsd:token).
      ctl: 'bell\ufffd nul\ufffd esc\ufffd vt ff',
      split: 'line break tab and more',
      halves: 'lone \ufffd high, \ufffd low, pair 😀, \ufffd',
    });
    const [edge] = elementsNamed(root, 'edge');
    expect(edge!.attributes.source).toBe('a"&<b>');
    // In attribute values the line break is kept, as a character reference.
    expect(valuesOf(edge!).reference).toBe('</edge><edge id="x">\n]]>');
    expect(valuesOf(edge!).e0).toBe('v\ufffd');
    const titles = elementsNamed(root, 'attribute').map((column) => column.attributes.title);
    expect(titles).toContain('<attr name>');
    expect(titles).toContain('"><injected');
    expect(elementsNamed(root, 'edge')).toHaveLength(1);
  });

  it('the test reader refuses what a conforming XML parser refuses, so the checks above can fail', () => {
    const bad = [
      '<a b="<"/>',
      '<a><b></a></b>',
      '<a>&nbsp;</a>',
      '<a>&</a>',
      '<a>\u0001</a>',
      '<a>&#1;</a>',
      '<a b="1" b="2"/>',
      '<a>]]></a>',
      '<a/><b/>',
      '<a>\ud800</a>',
      '<a b=c/>',
    ];
    for (const text of bad) expect(() => parseXml(text), text).toThrow(XmlError);
    expect(parseXml('<?xml version="1.0"?>\n<a b="x&#10;y&amp;"> t &lt; </a>\n')).toEqual({
      name: 'a',
      attributes: { b: 'x\ny&' },
      children: [],
      text: ' t < ',
    });
  });

  it('toGexf throws InvalidArgumentError on an unknown stage or something that is not a graph', () => {
    expect(() => toGexf(createFlowGraph(), { stage: 'spent' as never })).toThrow(InvalidArgumentError);
    expect(() => toGexf(null as never)).toThrow(InvalidArgumentError);
  });
});
