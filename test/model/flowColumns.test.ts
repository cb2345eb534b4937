import { describe, expect, it } from 'vitest';
import { addFlow, addNode, buildFlowGraph, createFlowGraph, Decimal, toSankey } from '../../src/index.js';
import { flowColumns } from '../../src/model/flowColumns.js';
import { ingestFile } from '../../src/node/index.js';
import { DATA } from '../paths.js';

/** Ramo 12 pays a programme `paid`, which pays a company 60.25. */
function chain(paid = '100') {
  const graph = createFlowGraph();
  addNode(graph, { id: 'ramo:12', kind: 'agency', name: 'Salud' });
  addNode(graph, { id: 'pp:S072', kind: 'programme', name: 'Prospera' });
  addNode(graph, { id: 'RFC:ABC', kind: 'recipient', name: 'Constructora' });
  addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: paid, stage: 'paid' });
  addFlow(graph, { from: 'pp:S072', to: 'RFC:ABC', amount: '60.25', stage: 'paid' });
  return graph;
}

describe('flowColumns: a graph’s flows as columns, kept beside the graph', () => {
  it('holds, row by row, what a walk of the graph reads on the shipped Ramo 23 file', async () => {
    const graph = buildFlowGraph(await ingestFile(DATA('ramo23-2016-flows.csv.gz')));
    const columns = flowColumns(graph);
    expect(columns.size).toBe(graph.size);
    expect(columns.nodes).toEqual(graph.nodes());
    let row = 0;
    let exact = 0;
    graph.forEachEdge((edge, flow, source, target) => {
      expect(columns.edges[row]).toBe(edge);
      expect(columns.nodes[columns.from[row]!]).toBe(source);
      expect(columns.nodes[columns.to[row]!]).toBe(target);
      expect(columns.stages[columns.stage[row]!]).toBe(flow.stage);
      expect(columns.currencies[columns.currency[row]!]).toBe(flow.currency);
      // Read back as a Decimal, the units are the amount exactly.
      expect(columns.scales[row]).toBeGreaterThanOrEqual(0);
      const back = new Decimal(columns.units[row]!).dividedBy(new Decimal(10).pow(columns.scales[row]!));
      if (back.equals(flow.amount)) exact++;
      row++;
    });
    expect(row).toBe(graph.size);
    expect(exact).toBe(graph.size);
  });

  it('is made once and kept while the graph does not change', () => {
    const graph = chain();
    expect(flowColumns(graph)).toBe(flowColumns(graph));
  });

  it('is made again after any change through the graph’s methods', () => {
    const graph = chain();
    const changes: Array<[string, () => void]> = [
      ['addFlow', () => addFlow(graph, { from: 'ramo:12', to: 'RFC:ABC', amount: '1', stage: 'paid' })],
      ['dropEdge', () => graph.dropEdge(graph.edges()[0]!)],
      ['setEdgeAttribute', () => graph.setEdgeAttribute(graph.edges()[0]!, 'stage', 'exercised')],
      [
        'replaceNodeAttributes',
        () => graph.replaceNodeAttributes('RFC:ABC', { ...graph.getNodeAttributes('RFC:ABC') }),
      ],
      ['addNode', () => addNode(graph, { id: 'RFC:XYZ', kind: 'recipient' })],
      ['dropNode', () => graph.dropNode('RFC:XYZ')],
      ['clear', () => graph.clear()],
    ];
    for (const [name, change] of changes) {
      const before = flowColumns(graph);
      change();
      const after = flowColumns(graph);
      expect(after, name).not.toBe(before);
      expect(after.size, name).toBe(graph.size);
    }
    expect(flowColumns(graph).size).toBe(0);
  });

  it('sees an amount, stage or currency written straight into a flow, which raises no event', () => {
    const graph = chain();
    const [first, second] = graph.edges();
    const before = flowColumns(graph);
    graph.getEdgeAttributes(first!).amount = new Decimal('250');
    const after = flowColumns(graph);
    expect(after).not.toBe(before);
    expect(after.units[0]).toBe(250);
    graph.getEdgeAttributes(second!).currency = 'USD';
    expect(flowColumns(graph).currencies[flowColumns(graph).currency[1]!]).toBe('USD');
    graph.getEdgeAttributes(second!).stage = 'approved';
    expect(flowColumns(graph).stages[flowColumns(graph).stage[1]!]).toBe('approved');
  });

  it('keeps a chart drawn again after changes the same as one drawn on a graph built with them', () => {
    const graph = chain();
    expect(toSankey(graph, { lang: 'en' }).total).toBe('100');
    graph.getEdgeAttributes(graph.edges()[0]!).amount = new Decimal('250');
    addFlow(graph, { from: 'pp:S072', to: 'RFC:ABC', amount: '0.75', stage: 'paid' });
    const redrawn = toSankey(graph, { lang: 'en' });

    const fresh = chain('250');
    addFlow(fresh, { from: 'pp:S072', to: 'RFC:ABC', amount: '0.75', stage: 'paid' });
    expect(redrawn).toEqual(toSankey(fresh, { lang: 'en' }));
    // 250 in, 61 out: the programme keeps 189, shown as its own link.
    expect(redrawn.total).toBe('250');
    expect(redrawn.links.find((link) => link.kind === 'retained')?.amount).toBe('189');
  });

  it('reads node kinds from the graph at each use, so a kind changed in place filters the chart', () => {
    const graph = chain();
    expect(toSankey(graph, { kinds: ['programme', 'recipient'] }).links).toHaveLength(1);
    graph.getNodeAttributes('RFC:ABC').kind = 'intermediary';
    expect(toSankey(graph, { kinds: ['programme', 'recipient'] }).links).toHaveLength(0);
  });
});

describe('flowColumns and the graph’s listeners', () => {
  it('is dropped before a listener added earlier redraws the chart inside the event', () => {
    const graph = chain();
    const totals: string[] = [];
    graph.on('edgeAdded', () => totals.push(toSankey(graph, { lang: 'en' }).total));
    graph.on('edgeAttributesUpdated', () => totals.push(toSankey(graph, { lang: 'en' }).total));
    expect(toSankey(graph, { lang: 'en' }).total).toBe('100');
    addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: '5', stage: 'paid' });
    // Drawn again outside the event, so that a copy is kept when the next change comes.
    expect(toSankey(graph, { lang: 'en' }).total).toBe('105');
    const first = graph.edges()[0]!;
    graph.replaceEdgeAttributes(first, { ...graph.getEdgeAttributes(first), amount: new Decimal('40') });
    expect(totals).toEqual(['105', '45']);
  });

  it('is made again once the graph’s listeners were removed, since no change can be heard after that', () => {
    const graph = chain();
    expect(toSankey(graph, { lang: 'en' }).total).toBe('100');
    graph.removeAllListeners();
    const first = graph.edges()[0]!;
    // A new attributes object: the copy's flow keeps its old amount, so only knowing it was not listening tells.
    graph.replaceEdgeAttributes(first, { ...graph.getEdgeAttributes(first), amount: new Decimal('70') });
    expect(toSankey(graph, { lang: 'en' }).total).toBe('70');
  });
});
