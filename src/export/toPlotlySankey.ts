import type { SankeyData } from './SankeyData.js';

/** A Plotly `sankey` trace's data: index arrays, with the exact amounts in `customdata`. */
export interface PlotlySankey {
  type: 'sankey';
  node: { label: string[]; customdata: string[] };
  link: { source: number[]; target: number[]; value: number[]; customdata: string[] };
}

/**
 * The same Sankey for Plotly: nodes by index, labels in the language the data were made in.
 *
 * @example
 * Plotly.newPlot(element, [toPlotlySankey(toSankey(graph))]);
 */
export function toPlotlySankey(data: SankeyData): PlotlySankey {
  const index = new Map(data.nodes.map((node, at) => [node.id, at]));
  return {
    type: 'sankey',
    node: { label: data.nodes.map((node) => node.label), customdata: data.nodes.map((node) => node.amount) },
    link: {
      source: data.links.map((link) => index.get(link.source)!),
      target: data.links.map((link) => index.get(link.target)!),
      value: data.links.map((link) => link.value),
      customdata: data.links.map((link) => link.amount),
    },
  };
}
