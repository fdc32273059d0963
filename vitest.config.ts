import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Model loading and index builds are real work on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
