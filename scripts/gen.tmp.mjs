import { addFlow, addNode, createFlowGraph, Decimal } from '../dist/index.js';
export function gen(flows, seed = 1) {
  let state = seed >>> 0 || 1;
  const random = () => { state ^= state << 13; state ^= state >>> 17; state ^= state << 5; return (state >>> 0) / 4294967296; };
  const graph = createFlowGraph();
  const lines = Math.max(1, Math.floor(flows / 5));
  const ramos = Math.max(1, Math.floor(Math.sqrt(lines) / 10));
  const programmes = Math.max(ramos, Math.floor(lines / 20));
  const suppliers = Math.max(10, Math.floor(flows / 50));
  for (let r = 0; r < ramos; r++) addNode(graph, { id: `ramo:${r}`, kind: 'agency' });
  for (let p = 0; p < programmes; p++) addNode(graph, { id: `pp:${p}`, kind: 'programme' });
  for (let s = 0; s < suppliers; s++) addNode(graph, { id: `rfc:${s}`, kind: 'recipient' });
  const cents = (max) => new Decimal(Math.floor(random() * max)).dividedBy(100);
  for (let p = 0; p < programmes; p++) addFlow(graph, { from: `ramo:${p % ramos}`, to: `pp:${p}`, amount: cents(1e12), stage: 'approved' });
  let count = programmes;
  for (let l = 0; count < flows; l++) {
    const line = `bl:${l}`;
    addNode(graph, { id: line, kind: 'budget_line' });
    const programme = `pp:${l % programmes}`;
    const modified = cents(1e10);
    addFlow(graph, { from: programme, to: line, amount: modified, stage: 'modified' });
    addFlow(graph, { from: programme, to: line, amount: modified.times(0.9).toDecimalPlaces(2), stage: 'exercised' });
    const supplier = `rfc:${Math.floor(suppliers * random() ** 3)}`;
    addFlow(graph, { from: programme, to: supplier, amount: cents(1e8), stage: 'paid', date: '2016-06-30' });
    addFlow(graph, { from: programme, to: supplier, amount: cents(1e8), stage: 'paid', date: '2016-12-15' });
    count += 4;
  }
  return graph;
}
