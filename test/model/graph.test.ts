import { describe, expect, it } from 'vitest';
import {
  addFlow,
  addNode,
  createFlowGraph,
  flowsBetween,
  InvalidArgumentError,
  sumInflows,
  sumOutflows,
  UnknownNodeError,
} from '../../src/index.js';

function smallGraph() {
  const graph = createFlowGraph();
  addNode(graph, { id: 'ramo:12', kind: 'agency', name: 'Salud' });
  addNode(graph, { id: 'pp:S072', kind: 'programme', name: 'Prospera' });
  addNode(graph, { id: 'RFC:ABC', kind: 'recipient', taxId: ' abc-010101 xy9 ' });
  addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: '1000.50', stage: 'approved' });
  addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: '200', stage: 'approved' });
  addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: 900, stage: 'paid' });
  addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: '5', stage: 'paid', currency: 'USD' });
  addFlow(graph, { from: 'pp:S072', to: 'RFC:ABC', amount: '899.99', date: '2024-02-29', reference: 'C-1' });
  return graph;
}

const plain = (totals: ReturnType<typeof flowsBetween>) =>
  totals.map((total) => ({ ...total, amount: total.amount.toFixed() }));

describe('the flow graph', () => {
  it('flowsBetween(graph, from, to) totals the flows by stage and currency, keeping each flow apart', () => {
    const graph = smallGraph();
    expect(graph.size).toBe(5);
    expect(plain(flowsBetween(graph, 'ramo:12', 'pp:S072'))).toEqual([
      { stage: 'approved', currency: 'MXN', amount: '1200.5', flows: 2 },
      { stage: 'paid', currency: 'MXN', amount: '900', flows: 1 },
      { stage: 'paid', currency: 'USD', amount: '5', flows: 1 },
    ]);
    expect(plain(flowsBetween(graph, 'ramo:12', 'pp:S072', { stage: 'paid', currency: 'MXN' }))).toEqual([
      { stage: 'paid', currency: 'MXN', amount: '900', flows: 1 },
    ]);
    expect(flowsBetween(graph, 'pp:S072', 'ramo:12')).toEqual([]);
  });

  it('sumInflows and sumOutflows total what a node received and paid', () => {
    const graph = smallGraph();
    expect(plain(sumInflows(graph, 'pp:S072', { stage: 'paid', currency: 'MXN' }))).toEqual([
      { stage: 'paid', currency: 'MXN', amount: '900', flows: 1 },
    ]);
    expect(plain(sumOutflows(graph, 'pp:S072'))).toEqual([
      { stage: 'paid', currency: 'MXN', amount: '899.99', flows: 1 },
    ]);
    expect(sumInflows(graph, 'ramo:12')).toEqual([]);
  });

  it('addNode normalises tax ids and names the node by its id when no name is given', () => {
    const graph = smallGraph();
    expect(graph.getNodeAttributes('RFC:ABC')).toMatchObject({
      taxId: 'ABC010101XY9',
      name: 'RFC:ABC',
      kind: 'recipient',
    });
  });

  it('addFlow defaults to stage paid and the graph currency, and keeps date and reference', () => {
    const graph = createFlowGraph({ defaultCurrency: 'GBP' });
    addNode(graph, { id: 'a', kind: 'agency' });
    addNode(graph, { id: 'b', kind: 'recipient' });
    const edge = addFlow(graph, { from: 'a', to: 'b', amount: '1', date: '2024-01-31', reference: 'INV-9' });
    expect(graph.getEdgeAttributes(edge)).toMatchObject({
      stage: 'paid',
      currency: 'GBP',
      date: '2024-01-31',
      reference: 'INV-9',
    });
  });

  it('addFlow and friends throw typed errors on misuse', () => {
    const graph = smallGraph();
    expect(() => addFlow(graph, { from: 'ramo:12', to: 'nobody', amount: '1' })).toThrow(UnknownNodeError);
    expect(() => addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: 0.1 })).toThrow(InvalidArgumentError);
    expect(() => addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: '1,000' })).toThrow(InvalidArgumentError);
    expect(() => addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: '1', stage: 'spent' as 'paid' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: '1', date: '2023-02-29' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => addFlow(graph, { from: 'ramo:12', to: 'pp:S072', amount: '1', currency: 'pesos' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => addNode(graph, { id: 'ramo:12', kind: 'agency' })).toThrow(InvalidArgumentError);
    expect(() => addNode(graph, { id: 'x', kind: 'ministry' as 'agency' })).toThrow(InvalidArgumentError);
    expect(() => sumInflows(graph, 'nobody')).toThrow(UnknownNodeError);
    expect(() => sumInflows({} as never, 'ramo:12')).toThrow(InvalidArgumentError);
    expect(() => flowsBetween(graph, 'ramo:12', 'pp:S072', { stage: 'gastado' as 'paid' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => sumOutflows(graph, 'nobody')).toThrow(
      expect.objectContaining({ name: 'UnknownNodeError', code: 'unknown_node', nodeId: 'nobody' }),
    );
  });
});
