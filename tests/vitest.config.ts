import { defineProject } from 'vitest/config';

// Cross-process tests: they start real servers, so they run one file at a time.
export default defineProject({
  test: {
    name: 'tests',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
