import type { SankeyData } from './SankeyData.js';

/**
 * Names for libraries that key nodes by name (ECharts, Google Charts): each node's name, with its id added where two
 * nodes share a name (two programmes called "PROYECTOS DE DESARROLLO REGIONAL"), so that no two nodes merge.
 */
export function chartNames(data: SankeyData): Map<string, string> {
  const count = new Map<string, number>();
  for (const node of data.nodes) count.set(node.name, (count.get(node.name) ?? 0) + 1);
  return new Map(
    data.nodes.map((node) => [node.id, count.get(node.name)! > 1 ? `${node.name} (${node.id})` : node.name]),
  );
}
