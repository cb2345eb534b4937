/**
 * Adds one to a count kept under a name from data (a rule's name). The key is set as an own property: a rule named
 * `__proto__` or `constructor` must be counted, not reach the object's prototype.
 */
export function countUnder(counts: Record<string, number>, name: string): void {
  const current = Object.hasOwn(counts, name) ? counts[name]! : 0;
  Object.defineProperty(counts, name, { value: current + 1, enumerable: true, writable: true, configurable: true });
}
