import type { IndexedFlow } from './FlowIndex.js';

/**
 * Files flows under their node and currency. The last node's entry is kept at hand: data come grouped by node, and a
 * run of flows of one node then looks it up once.
 */
export function fileByNodeAndCurrency(
  into: Map<string, Map<string, IndexedFlow[]>>,
): (node: string, item: IndexedFlow) => void {
  let lastNode: string | undefined;
  let last = new Map<string, IndexedFlow[]>();
  return (node, item) => {
    if (node !== lastNode) {
      let byCurrency = into.get(node);
      if (!byCurrency) into.set(node, (byCurrency = new Map()));
      lastNode = node;
      last = byCurrency;
    }
    const list = last.get(item.flow.currency);
    if (list) list.push(item);
    else last.set(item.flow.currency, [item]);
  };
}
