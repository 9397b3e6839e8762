// `npm run mutation`: StrykerJS over the statistical core and the disclosure rules.
// Not part of `npm test`; reports the share of mutants the unit tests kill.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'bench/mutation/vitest.config.ts', related: false },
  mutate: [
    'pipelines/indicators/statistics/**/*.ts',
    '!pipelines/indicators/statistics/index.ts',
    'pipelines/read/disclosure/**/*.ts',
    '!pipelines/read/disclosure/index.ts',
  ],
  checkers: [],
  concurrency: 1,
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: process.env.MUTATION_REPORT ?? 'bench/output/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 20000,
};
