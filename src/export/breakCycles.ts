/** A link between two chart nodes, adding up the graph's flows between them. */
export interface ChartLink<Amount> {
  source: string;
  target: string;
  amount: Amount;
  flows: number;
}

/**
 * Removes the links that close a loop, so that the rest is acyclic (d3-sankey throws "circular link" and ECharts
 * refuses cycles). The rule, stated so that it can be checked: walk depth-first from the nodes that receive nothing,
 * largest outflow first (then every other node, by id), following each node's links largest first; a link to a node
 * still on the walk's path closes a loop and is removed. Linear in nodes and links. Returns the removed links.
 */
export function breakCycles<Amount>(
  links: ChartLink<Amount>[],
  compare: (a: Amount, b: Amount) => number,
): { kept: ChartLink<Amount>[]; removed: ChartLink<Amount>[] } {
  const out = new Map<string, ChartLink<Amount>[]>();
  const receives = new Set<string>();
  const nodes = new Set<string>();
  for (const link of links) {
    const list = out.get(link.source);
    if (list) list.push(link);
    else out.set(link.source, [link]);
    receives.add(link.target);
    nodes.add(link.source);
    nodes.add(link.target);
  }
  for (const list of out.values()) list.sort((a, b) => compare(b.amount, a.amount) || a.target.localeCompare(b.target));
  const outTotal = (node: string) => out.get(node)?.[0]?.amount;
  const starts = [...nodes].sort((a, b) => {
    const sourceFirst = Number(receives.has(a)) - Number(receives.has(b));
    if (sourceFirst !== 0) return sourceFirst;
    const [x, y] = [outTotal(a), outTotal(b)];
    if (x !== undefined && y !== undefined && compare(x, y) !== 0) return compare(y, x);
    return a.localeCompare(b);
  });

  const removed = new Set<ChartLink<Amount>>();
  const state = new Map<string, 'open' | 'done'>();
  for (const start of starts) {
    if (state.has(start)) continue;
    const stack: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const link = out.get(frame.node)?.[frame.next++];
      if (!link) {
        state.set(frame.node, 'done');
        stack.pop();
        continue;
      }
      const seen = state.get(link.target);
      if (seen === 'open') removed.add(link);
      else if (seen === undefined) {
        state.set(link.target, 'open');
        stack.push({ node: link.target, next: 0 });
      }
    }
  }
  return { kept: links.filter((link) => !removed.has(link)), removed: [...removed] };
}
