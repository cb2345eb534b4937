import { chartNames } from './chartNames.js';
import type { SankeyData } from './SankeyData.js';

/**
 * The same Sankey as Google Charts rows, `[from, to, weight]` with a header row, for `arrayToDataTable`. Google
 * Charts keys nodes by name too, and draws no cycles.
 *
 * @example
 * new google.visualization.Sankey(element).draw(google.visualization.arrayToDataTable(toGoogleSankey(data)));
 */
export function toGoogleSankey(data: SankeyData): Array<[string, string, number | string]> {
  const names = chartNames(data);
  return [
    ['From', 'To', 'Amount'],
    ...data.links.map((link): [string, string, number] => [
      names.get(link.source)!,
      names.get(link.target)!,
      link.value,
    ]),
  ];
}
