/**
 * A chart's links, one array per field: link `at` runs from node `source[at]` to node `target[at]`, nodes being
 * positions in a list of ids, and adds up `flows[at]` of the graph's flows to `amount[at]`.
 */
export interface ChartLinks<Amount> {
  source: number[];
  target: number[];
  amount: Amount[];
  flows: number[];
}

/**
 * Removes the links that close a loop, so that the rest is acyclic (d3-sankey throws "circular link" and ECharts
 * refuses cycles). The rule, stated so that it can be checked: walk depth-first from the nodes that receive nothing,
 * largest outflow first (then every other node, by id), following each node's links largest first; a link to a node
 * still on the walk's path closes a loop and is removed. Returns the positions of the removed links, in the order the
 * walk found them. Links with no loop lose nothing, so a caller that knows there is none need not call this.
 */
export function breakCycles<Amount>(
  links: ChartLinks<Amount>,
  ids: string[],
  compare: (a: Amount, b: Amount) => number,
): number[] {
  const { source, target, amount } = links;
  const out = new Map<number, number[]>();
  const receives = new Set<number>();
  const nodes = new Set<number>();
  for (let at = 0; at < source.length; at++) {
    const list = out.get(source[at]!);
    if (list) list.push(at);
    else out.set(source[at]!, [at]);
    receives.add(target[at]!);
    nodes.add(source[at]!);
    nodes.add(target[at]!);
  }
  for (const list of out.values()) {
    list.sort((a, b) => compare(amount[b]!, amount[a]!) || ids[target[a]!]!.localeCompare(ids[target[b]!]!));
  }
  const outTotal = (node: number) => {
    const first = out.get(node)?.[0];
    return first === undefined ? undefined : amount[first];
  };
  const starts = [...nodes].sort((a, b) => {
    const sourceFirst = Number(receives.has(a)) - Number(receives.has(b));
    if (sourceFirst !== 0) return sourceFirst;
    const [x, y] = [outTotal(a), outTotal(b)];
    if (x !== undefined && y !== undefined && compare(x, y) !== 0) return compare(y, x);
    return ids[a]!.localeCompare(ids[b]!);
  });

  const removed: number[] = [];
  const state = new Map<number, 'open' | 'done'>();
  for (const start of starts) {
    if (state.has(start)) continue;
    const stack: Array<{ node: number; next: number }> = [{ node: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const link = out.get(frame.node)?.[frame.next++];
      if (link === undefined) {
        state.set(frame.node, 'done');
        stack.pop();
        continue;
      }
      const seen = state.get(target[link]!);
      if (seen === 'open') removed.push(link);
      else if (seen === undefined) {
        state.set(target[link]!, 'open');
        stack.push({ node: target[link]!, next: 0 });
      }
    }
  }
  return removed;
}
