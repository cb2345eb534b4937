import type { ChainLevel } from './planChain.js';
import { sourceTemplate } from './sourceTemplate.js';

/**
 * The node id template of a chain level: its prefix, then the values of its id joined by `-`.
 *
 * @example
 * levelTemplate(unitLevel, names) // 'unidad:{Ramo}-{UNIDAD}'
 */
export function levelTemplate(level: ChainLevel, names: string[]): string {
  const fill = (source: ChainLevel['own']) =>
    level.fill.some((other) => other.column === source.column && other.part === source.part);
  return `${level.prefix}:${level.id.map((source) => sourceTemplate(source, names, { id: true, fill: fill(source) })).join('-')}`;
}
