import { defineProject } from 'vitest/config';

// The evaluation harness: metric unit tests and the --quick run CI keeps honest.
export default defineProject({
  test: { name: 'eval', include: ['**/*.test.ts'], exclude: ['node_modules/**'], testTimeout: 60_000 },
});
