// Reads vitest's JSON reports and prints the closing line CI counts: "N passed, N failed".
// Usage: summarize-tests.mjs EXTRA_PASSED EXTRA_FAILED report.json [report.json …]
// The extra numbers add non-vitest checks (typecheck, lint) to the totals; each report is one
// full run of the suite (on one Node.js line), and a report that is missing counts as a failure.
import { existsSync, readFileSync } from 'node:fs';

const [extraPassed = '0', extraFailed = '0', ...files] = process.argv.slice(2);
let passed = Number(extraPassed);
let failed = Number(extraFailed);
let skipped = 0;
for (const file of files) {
  if (!existsSync(file)) {
    console.log(`no vitest report was written: ${file}`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  for (const suite of r.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
      failed += 1;
      console.log(`suite failed to load: ${suite.name} (${file})`);
    }
  }
}
if (files.length === 0) {
  console.log('no vitest report was named');
  failed += 1;
}
console.log(
  skipped ? `${passed} passed, ${failed} failed, ${skipped} skipped` : `${passed} passed, ${failed} failed`,
);
process.exit(failed > 0 ? 1 : 0);
