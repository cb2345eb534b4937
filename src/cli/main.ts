import { createRequire } from 'node:module';
import { run } from './run.js';

// The version comes from package.json at run time, so the two never disagree.
const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

// `cauce ... | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const exitCode = await run(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    progress: process.stderr,
  },
  version,
);
process.exitCode = exitCode;
