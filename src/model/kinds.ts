/**
 * What a node is. `budget_line` is a clave presupuestaria; `trust` a fideicomiso, fund or mandate that holds a balance;
 * `intermediary` a body that receives money to pass it on; `recipient` a supplier, beneficiary, state or municipality.
 */
export const NODE_KINDS = [
  'source',
  'agency',
  'unit',
  'programme',
  'budget_line',
  'trust',
  'intermediary',
  'recipient',
] as const;

export type NodeKind = (typeof NODE_KINDS)[number];

const KIND_SET: ReadonlySet<string> = new Set(NODE_KINDS);

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && KIND_SET.has(value);
}
