import { chartNames } from './chartNames.js';
import type { SankeyData } from './SankeyData.js';

/** An ECharts `sankey` series' data: nodes and links by name, each with its exact amount. */
export interface EChartsSankey {
  type: 'sankey';
  data: Array<{ name: string; value: number; amount: string }>;
  links: Array<{ source: string; target: string; value: number; amount: string }>;
}

/**
 * The same Sankey for ECharts, which keys nodes by name (names made unique where two nodes share one) and refuses
 * cycles (already broken in the data).
 *
 * @example
 * chart.setOption({ series: [toEChartsSankey(toSankey(graph))] });
 */
export function toEChartsSankey(data: SankeyData): EChartsSankey {
  const names = chartNames(data);
  return {
    type: 'sankey',
    data: data.nodes.map((node) => ({ name: names.get(node.id)!, value: node.value, amount: node.amount })),
    links: data.links.map((link) => ({
      source: names.get(link.source)!,
      target: names.get(link.target)!,
      value: link.value,
      amount: link.amount,
    })),
  };
}
