// Prints one closing line for the whole test run, "N passed, N failed",
// from the JSON reports that Vitest and Playwright write to test-reports/
// (Playwright empties test-results/ when it starts).
import { existsSync, readFileSync } from 'node:fs';

const vitestReport = 'test-reports/vitest.json';
const playwrightReport = 'test-reports/playwright.json';
let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests;
  // A file whose hook or import failed counts once, as no test in it ran.
  const failedFilesWithoutFailedTests = report.testResults.filter(
    (file) =>
      file.status === 'failed' &&
      file.assertionResults.every((test) => test.status !== 'failed'),
  ).length;
  failed += report.numFailedTests + failedFilesWithoutFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (existsSync(playwrightReport)) {
  const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
  passed += stats.expected;
  failed += stats.unexpected;
  skipped += stats.skipped;
}

console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
