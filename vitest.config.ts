import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // The browser tests' hooks bundle a page and start Chromium: on a busy 2-core machine that can take over the
    // default 10 s.
    hookTimeout: 60_000,
  },
});
