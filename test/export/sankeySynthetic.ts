import { ingestCsv } from '../../src/ingest/ingestCsv.js';
import { buildFlowGraph } from '../../src/model/buildFlowGraph.js';
import type { FlowGraph } from '../../src/model/types.js';

/**
 * A small canonical flows file with every problem a Sankey chart has, one of each, worked out by hand:
 * - B -> C -> B is a loop: walking from A (the only node that receives nothing), B's larger link B -> C is followed
 *   first, and C -> B (10) closes the loop, so it is the link left out;
 * - B -> D totals zero and A -> E is negative (-5): both left out, and D and E are left with no link;
 * - B receives 100 and pays 60 (C -> B is gone): 40 retained; C receives 60 and pays 30: 30 retained;
 * - F receives 30 and pays 50: 20 from an unexplained source.
 * What enters the chart: A -> B, 100.
 */
export const PROBLEMS_CSV = [
  'from,to,amount,stage,from_name,to_name',
  'A,B,100,approved,Agency A,Unit B',
  'B,C,60,approved,Unit B,Programme C',
  'C,B,10,approved,Programme C,Unit B',
  'B,D,0,approved,Unit B,Programme D',
  'A,E,-5,approved,Agency A,Programme E',
  'C,F,30,approved,Programme C,Recipient F',
  'F,H,50,approved,Recipient F,Recipient H',
  '',
].join('\n');

export function problemsGraph(): FlowGraph {
  return buildFlowGraph([ingestCsv(PROBLEMS_CSV, { file: 'problems.csv' })]);
}
