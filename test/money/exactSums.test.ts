import { describe, expect, it } from 'vitest';
import {
  addFlow,
  addNode,
  createFlowGraph,
  Decimal,
  InvalidArgumentError,
  sumAmounts,
  sumOutflows,
} from '../../src/index.js';

describe('exact sums', () => {
  it('sumOutflows(graph) adds 0.1 and 0.2 over a million flows to exactly 150000, where floats drift', () => {
    const graph = createFlowGraph();
    addNode(graph, { id: 'tesoreria', kind: 'source' });
    addNode(graph, { id: 'proveedor', kind: 'recipient' });
    const tenth = new Decimal('0.1');
    const fifth = new Decimal('0.2');
    let float = 0;
    for (let i = 0; i < 500_000; i++) {
      addFlow(graph, { from: 'tesoreria', to: 'proveedor', amount: tenth });
      addFlow(graph, { from: 'tesoreria', to: 'proveedor', amount: fifth });
      float += 0.1 + 0.2;
    }
    const [total] = sumOutflows(graph, 'tesoreria');
    expect(total!.flows).toBe(1_000_000);
    expect(total!.amount.toFixed()).toBe('150000');
    // The same sum in floats is off: the reason cauce never adds numbers.
    expect(float).not.toBe(150000);
  });

  it('sumAmounts is exact far past the 15 digits a float holds', () => {
    const big = new Decimal('12345678901234567890123456789.01');
    expect(sumAmounts([big, big, new Decimal('0.98')]).toFixed()).toBe('24691357802469135780246913579');
    expect(sumAmounts([]).toFixed()).toBe('0');
  });

  it('sumAmounts refuses JavaScript numbers, which have lost digits already', () => {
    expect(() => sumAmounts([0.1 as unknown as Decimal])).toThrow(InvalidArgumentError);
  });

  it('Decimal never prints an amount in exponent notation', () => {
    expect(new Decimal('1e30').toString()).toBe('1000000000000000000000000000000');
    expect(JSON.stringify({ amount: new Decimal('0.0000001') })).toBe('{"amount":"0.0000001"}');
  });
});
