import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['core', 'db', 'api', 'agent', 'web', 'scripts/bench', 'eval', 'tests'],
  },
});
