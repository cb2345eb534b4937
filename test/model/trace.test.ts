import { describe, expect, it } from 'vitest';
import { addFlow, addNode, createFlowGraph, InvalidArgumentError, trace, UnknownNodeError } from '../../src/index.js';

// A branch and a join: the ministry funds two programmes (branch); both pay the same university (join), which pays
// two companies; one programme also pays a company directly.
//   sep -> p1 -> uni -> c1
//   sep -> p2 -> uni -> c2
//             p2 -> c3
function branchAndJoin() {
  const graph = createFlowGraph();
  for (const [id, kind] of [
    ['sep', 'agency'],
    ['p1', 'programme'],
    ['p2', 'programme'],
    ['uni', 'intermediary'],
    ['c1', 'recipient'],
    ['c2', 'recipient'],
    ['c3', 'recipient'],
  ] as const) {
    addNode(graph, { id, kind });
  }
  addFlow(graph, { from: 'sep', to: 'p1', amount: '100', stage: 'paid' });
  addFlow(graph, { from: 'sep', to: 'p2', amount: '60', stage: 'paid' });
  addFlow(graph, { from: 'sep', to: 'p2', amount: '70', stage: 'approved' });
  addFlow(graph, { from: 'p1', to: 'uni', amount: '90', stage: 'paid' });
  addFlow(graph, { from: 'p2', to: 'uni', amount: '40', stage: 'paid' });
  addFlow(graph, { from: 'p2', to: 'c3', amount: '20', stage: 'paid' });
  addFlow(graph, { from: 'uni', to: 'c1', amount: '50', stage: 'paid' });
  addFlow(graph, { from: 'uni', to: 'c2', amount: '30.25', stage: 'paid' });
  addFlow(graph, { from: 'uni', to: 'c2', amount: '30.25', stage: 'paid' });
  return graph;
}

const describePaths = (result: ReturnType<typeof trace>) =>
  result.paths
    .map(
      (path) =>
        path.nodes[0] +
        path.hops
          .map(
            (hop, at) =>
              ` -${hop.totals.map((t) => `${t.stage}:${t.amount.toFixed()}`).join('+')}-> ${path.nodes[at + 1]}`,
          )
          .join(''),
    )
    .sort();

describe('trace(graph, node) follows the money', () => {
  it('trace downstream lists every path through the branch and the join with the amounts of each hop', () => {
    const result = trace(branchAndJoin(), 'sep', { stage: 'paid' });
    expect(describePaths(result)).toEqual([
      'sep -paid:100-> p1 -paid:90-> uni -paid:50-> c1',
      'sep -paid:100-> p1 -paid:90-> uni -paid:60.5-> c2',
      'sep -paid:60-> p2 -paid:20-> c3',
      'sep -paid:60-> p2 -paid:40-> uni -paid:50-> c1',
      'sep -paid:60-> p2 -paid:40-> uni -paid:60.5-> c2',
    ]);
    expect(result.truncated).toBe(false);
    expect(result.reached).toEqual([
      { id: 'sep', depth: 0 },
      { id: 'p1', depth: 1 },
      { id: 'p2', depth: 1 },
      { id: 'uni', depth: 2 },
      { id: 'c3', depth: 2 },
      { id: 'c1', depth: 3 },
      { id: 'c2', depth: 3 },
    ]);
  });

  it('trace without a stage keeps every stage of a hop', () => {
    const result = trace(branchAndJoin(), 'sep', { maxDepth: 1 });
    expect(describePaths(result)).toEqual(['sep -approved:70+paid:60-> p2', 'sep -paid:100-> p1']);
  });

  it('trace upstream walks back through the join to both programmes and the ministry', () => {
    const result = trace(branchAndJoin(), 'c2', { direction: 'up' });
    expect(describePaths(result)).toEqual([
      'c2 -paid:60.5-> uni -paid:40-> p2 -approved:70+paid:60-> sep',
      'c2 -paid:60.5-> uni -paid:90-> p1 -paid:100-> sep',
    ]);
    // Hops keep the direction the money ran.
    expect(result.paths[0]!.hops[0]).toMatchObject({ from: 'uni', to: 'c2' });
    expect(result.paths[0]!.hops[1]).toMatchObject({ from: 'p1', to: 'uni' });
  });

  it('trace stops at a node it has visited, so a cycle ends a path instead of looping', () => {
    const graph = branchAndJoin();
    addFlow(graph, { from: 'c1', to: 'sep', amount: '5', stage: 'paid' });
    const result = trace(graph, 'uni', { stage: 'paid' });
    expect(describePaths(result)).toEqual([
      'uni -paid:50-> c1 -paid:5-> sep -paid:100-> p1',
      'uni -paid:50-> c1 -paid:5-> sep -paid:60-> p2 -paid:20-> c3',
      'uni -paid:60.5-> c2',
    ]);
  });

  it('trace cuts the list at maxPaths and says so', () => {
    const result = trace(branchAndJoin(), 'sep', { stage: 'paid', maxPaths: 2 });
    expect(result.paths).toHaveLength(2);
    expect(result.truncated).toBe(true);
    expect(result.reached).toHaveLength(7);
  });

  it('trace from a node with no flows returns no paths', () => {
    expect(trace(branchAndJoin(), 'c1').paths).toEqual([]);
    expect(trace(branchAndJoin(), 'sep', { currency: 'USD' }).paths).toEqual([]);
  });

  it('trace throws on an unknown node or a wrong option', () => {
    const graph = branchAndJoin();
    expect(() => trace(graph, 'nobody')).toThrow(UnknownNodeError);
    expect(() => trace(graph, 'sep', { direction: 'sideways' as 'up' })).toThrow(InvalidArgumentError);
    expect(() => trace(graph, 'sep', { maxDepth: 0 })).toThrow(InvalidArgumentError);
    expect(() => trace(graph, 'sep', { maxPaths: 1.5 })).toThrow(InvalidArgumentError);
  });

  it('trace walks a chain of 100,000 hops without overflowing the stack', () => {
    const graph = createFlowGraph();
    for (let i = 0; i <= 100_000; i++) addNode(graph, { id: `n${i}`, kind: 'intermediary' });
    for (let i = 0; i < 100_000; i++) addFlow(graph, { from: `n${i}`, to: `n${i + 1}`, amount: 1 });
    const result = trace(graph, 'n0');
    expect(result.paths).toHaveLength(1);
    expect(result.paths[0]!.nodes).toHaveLength(100_001);
  });
});
