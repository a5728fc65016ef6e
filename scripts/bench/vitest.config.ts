import { defineProject } from 'vitest/config';

// Unit tests of the harness's pure parts; the end-to-end smoke is tests/bench-quick.test.ts.
export default defineProject({
  test: { name: 'bench', include: ['**/*.test.ts'], exclude: ['node_modules/**'], testTimeout: 30_000 },
});
