import { defineConfig } from 'vitest/config';

/** The unit tests that guard the mutated modules: the statistics and the disclosure rules. */
export default defineConfig({
  test: {
    include: [
      'test/pipelines/indicators/statistics/**/*.test.ts',
      'test/pipelines/read/disclosure/**/*.test.ts',
    ],
    pool: 'forks',
    env: { TZ: 'Europe/London' },
  },
});
