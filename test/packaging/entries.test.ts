import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const NODE_BUILTINS = new Set(builtinModules);

/** The module specifiers a source file imports or re-exports, statically or with import(). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...[...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((match) => match[1]!),
    ...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1]!),
  ];
}

/** Every module specifier reachable by static imports from a source file, with the files that import it. */
function importGraph(entry: string): Map<string, string> {
  const bare = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (!bare.has(specifier)) bare.set(specifier, file);
    }
  };
  visit(entry);
  return bare;
}

describe('package entries', () => {
  it('the root entry reaches no Node built-in through its imports', () => {
    const imports = importGraph(join(SRC, 'index.ts'));
    const builtins = [...imports].filter(
      ([specifier]) => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier),
    );
    expect(builtins).toEqual([]);
    // The only packages the browser bundle pulls in are the chosen runtime dependencies.
    expect([...imports.keys()].filter((specifier) => !specifier.startsWith('graphology-types')).sort()).toEqual([
      'd3-sankey',
      'decimal.js',
      'graphology',
      'papaparse',
    ]);
  });

  it('no source file outside src/node and src/cli imports a Node built-in, whatever entry reaches it', () => {
    const isBuiltin = (specifier: string) => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier);
    const offenders = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !/^(node|cli)[\\/]/.test(file))
      .flatMap((file) =>
        importsOf(join(SRC, file))
          .filter(isBuiltin)
          .map((specifier) => `${file}: ${specifier}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the built package resolves by its own name, as ESM and as CommonJS, with the same API', async () => {
    const esm = await import('cauce');
    const require = createRequire(import.meta.url);
    const cjs = require('cauce') as typeof esm;
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(esm.parseAmount('(1,234.50)')).toMatchObject({ ok: true });
    expect(cjs.formatAmount(new cjs.Decimal('1200000000'), { style: 'short', locale: 'en' })).toBe('$1.2B');
    const node = await import('cauce/node');
    expect(typeof node.ingestFile).toBe('function');
    expect(typeof (require('cauce/node') as typeof node).ingestFile).toBe('function');
  });
});
