import type { TableHeader } from '../TableRow.js';
import { columnKey } from './columnKey.js';

/**
 * Resolves the column names a mapping uses to the header keys of one file, through the mapping's aliases (schema
 * drift across years). A `*` in an alias stands for any text: `PEF_*` matches `PEF_2016`.
 */
export function createColumnResolver(
  aliases: Record<string, string[]> | undefined,
): (header: TableHeader, name: string) => string | undefined {
  const tests = new Map<string, Array<(key: string) => boolean>>();
  for (const [name, others] of Object.entries(aliases ?? {})) tests.set(columnKey(name), others.map(aliasTest));
  return (header, name) => {
    const key = columnKey(name);
    if (header.index.has(key)) return key;
    for (const test of tests.get(key) ?? []) {
      for (const candidate of header.index.keys()) if (test(candidate)) return candidate;
    }
    return undefined;
  };
}

function aliasTest(alias: string): (key: string) => boolean {
  const key = columnKey(alias);
  if (!key.includes('*')) return (candidate) => candidate === key;
  const parts = key.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`^${parts.join('.*')}$`);
  return (candidate) => pattern.test(candidate);
}
