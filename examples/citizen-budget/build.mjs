// Builds the citizen-budget page into a folder any static file server can serve: the page, its style, main.ts
// bundled for browsers (cauce included), and the shipped data file beside them.
//
//   node examples/citizen-budget/build.mjs            -> examples/citizen-budget/dist/
//   node examples/citizen-budget/build.mjs <folder>   -> <folder>/
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = resolve(process.argv[2] ?? here('./dist'));

mkdirSync(out, { recursive: true });
// platform 'browser' makes a Node built-in reached from the page a build error, not a surprise in a reader's browser.
await build({
  entryPoints: [here('./main.ts')],
  outfile: join(out, 'main.js'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) copyFileSync(here(`./${file}`), join(out, file));
copyFileSync(here('../../data/ramo23-2016-flows.csv.gz'), join(out, 'ramo23-2016-flows.csv.gz'));
console.log(out);
