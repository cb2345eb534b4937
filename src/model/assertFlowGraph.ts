import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import type { FlowGraph } from './types.js';

/** Every function over the graph starts here, so that passing the wrong thing fails with a clear error. */
export function assertFlowGraph(graph: unknown, argument = 'graph'): asserts graph is FlowGraph {
  const candidate = graph as Partial<FlowGraph> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.forEachEdge !== 'function' ||
    candidate.multi !== true ||
    candidate.type !== 'directed'
  ) {
    throw new InvalidArgumentError(argument, 'expected a flow graph (see createFlowGraph)');
  }
}
