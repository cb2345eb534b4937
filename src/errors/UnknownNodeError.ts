import { CauceError } from './CauceError.js';

/** A node id that is not in the graph was passed to a function that needs it. */
export class UnknownNodeError extends CauceError {
  readonly nodeId: string;

  constructor(nodeId: string) {
    super('unknown_node', `no node with id ${JSON.stringify(nodeId)} in the graph`);
    this.name = 'UnknownNodeError';
    this.nodeId = nodeId;
  }
}
