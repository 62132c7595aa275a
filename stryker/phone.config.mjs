// Mutation testing of the smartphone certificates' preconditions (issue 14, docs/phone.md): the
// rules that guard the phone's and the card's passwords before any try is spent — which card state
// and certificate validity issuance and reset need, the platforms' start dates, the new
// passwords' formats, when a phone is usable (services/src/phone/policy.ts). Run:
// `npx stryker run stryker/phone.config.mjs` (or `bash scripts/mutation.sh phone`). Goal ≥ 80 %
// killed; the score is in BENCHMARKS.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker/phone.vitest.config.mjs', related: false },
  mutate: ['packages/app/services/src/phone/policy.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 30_000,
  tempDirName: '.stryker-tmp/phone',
  cleanTempDir: true,
  ignorePatterns: ['apps', 'e2e', 'bench', 'docs', '**/dist', '.myna-sandbox', '.test-results', 'coverage'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: '.stryker-tmp/reports/phone.json' },
  htmlReporter: { fileName: '.stryker-tmp/reports/phone.html' },
  thresholds: { high: 90, low: 80, break: 80 },
};
