// Mutation testing of the authority's reset policy (issue 12 §6): which PIN a channel may reset
// and when (reset/policy.ts: the other PIN, certificate preconditions, the 24-hour reservation,
// kiosk hours and chain capability, the counter's consent), the kiosk hours and validity
// constants (reset/chains.ts), and the one completion path of counter procedures
// (reset/completion.ts). Run: `npx stryker run stryker/reset-policy.config.mjs`
// (or `bash scripts/mutation.sh reset-policy`). Goal ≥ 80 % killed; the score is in BENCHMARKS.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker/reset-policy.vitest.config.mjs', related: false },
  mutate: [
    'packages/app/services/src/reset/policy.ts',
    'packages/app/services/src/reset/completion.ts',
    // kioskInService, KIOSK_HOURS and RESERVATION_VALIDITY_MS (not the chain names' prose).
    'packages/app/services/src/reset/chains.ts:52-56',
    'packages/app/services/src/reset/chains.ts:63-73',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 30_000,
  tempDirName: '.stryker-tmp/reset-policy',
  cleanTempDir: true,
  ignorePatterns: ['apps', 'e2e', 'bench', 'docs', '**/dist', '.myna-sandbox', '.test-results', 'coverage'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: '.stryker-tmp/reports/reset-policy.json' },
  htmlReporter: { fileName: '.stryker-tmp/reports/reset-policy.html' },
  thresholds: { high: 90, low: 80, break: 80 },
};
