import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: the browser-safe root entry and the Node-only entries, as ESM and CJS with declarations.
    entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts', 'duckdb/index': 'src/node/duckdb/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
  },
  {
    // The Web Worker: one self-contained module a page starts with `new Worker(url, { type: 'module' })`.
    entry: { worker: 'src/worker/worker.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    minify: true,
    target: 'es2022',
    platform: 'browser',
    noExternal: [/.*/],
    treeshake: true,
  },
  {
    // The command line: one ESM file with a shebang, built against the library's own sources.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
