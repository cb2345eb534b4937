/**
 * Appends every item to an array. `target.push(...items)` passes each item as an argument and overflows the call
 * stack past about a hundred thousand items, which a national budget easily has.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
