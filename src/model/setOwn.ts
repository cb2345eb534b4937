/**
 * Sets a key on a plain record as its own property. Plain assignment would let a key from data such as `__proto__`
 * replace the object's prototype instead of becoming a key.
 */
export function setOwn(record: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
