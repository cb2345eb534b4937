// npm run fuzz: a longer run of the properties the test suite checks with a fixed seed. Set FUZZ_RUNS and FUZZ_SEED
// to explore; a failure prints the seed and the smallest input that breaks the property.
import fc from 'fast-check';
import { CauceError, ingestCsv, parseAmount, validateMapping } from '../src/index.js';

const runs = Number(process.env.FUZZ_RUNS ?? 20_000);
const seed = process.env.FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED);
const onlyOwnErrors = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (!(error instanceof CauceError)) throw error;
  }
};
const settings = { numRuns: runs, seed };
console.log(`fuzzing with seed ${seed}, ${runs} runs per property`);

// The amount parser never throws on data, and what it accepts has no more than the digits it allows.
fc.assert(
  fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 40 }), (text) => {
    const result = parseAmount(text);
    if (result.ok && !result.value.isFinite()) throw new Error(`non-finite amount from ${JSON.stringify(text)}`);
  }),
  settings,
);
// The CSV readers throw nothing but cauce's own errors, whatever the bytes, with or without a flows header.
fc.assert(
  fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (bytes, header) => {
    const input = header ? new Uint8Array([...new TextEncoder().encode('from,to,amount\n'), ...bytes]) : bytes;
    onlyOwnErrors(() => ingestCsv(input));
  }),
  { ...settings, numRuns: Math.ceil(runs / 4) },
);
// The mapping validator throws nothing but MappingError on any JSON-like value.
fc.assert(
  fc.property(fc.jsonValue(), (value) => {
    onlyOwnErrors(() => validateMapping(value));
  }),
  settings,
);
console.log('no property broken');
