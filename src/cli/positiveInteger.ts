import { UsageError } from './UsageError.js';

/** Reads a flag's value as a whole number of at least 1, or fails with a usage error naming the flag. */
export function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`${flag} ${text}: expected a whole number of at least 1`);
  }
  return value;
}
