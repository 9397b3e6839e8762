import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two workers on a 2-core machine: many files wait on child processes, sockets and Chromium.
    maxWorkers: 2,
    env: { TZ: 'Europe/London' },
  },
});
