// Mutation testing of the card's PIN and VERIFY paths (issue 12): the pure PIN state machine
// (pin.ts), the VERIFY / CHANGE REFERENCE DATA / RESET RETRY COUNTER / ERASE handlers
// (commands/pin.ts), the PIN target resolution (commands/context.ts) and the PIN format and
// try-limit facts (facts.ts). Run: bash scripts/mutation.sh card. Score: BENCHMARKS.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker/card.vitest.config.ts', related: false },
  mutate: [
    'packages/core/card/src/pin.ts',
    'packages/core/card/src/commands/pin.ts',
    'packages/core/card/src/commands/context.ts:103-109',
    'packages/core/card/src/commands/context.ts:124-134',
    'packages/core/card/src/facts.ts:110-145',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 60_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // Reruns reuse the results of unchanged mutants and tests (scripts/mutation.sh card --incremental).
  incrementalFile: 'reports/mutation/card-incremental.json',
  ignorePatterns: ['apps', 'e2e', 'bench', 'docs', 'examples', 'reports', '.test-results', 'data'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/card.json' },
  htmlReporter: { fileName: 'reports/mutation/card.html' },
  thresholds: { high: 90, low: 80, break: null },
};
