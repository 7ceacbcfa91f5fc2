// Prints one closing line for the whole suite, "N passed, N failed", from the unit and e2e reports.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const missing = [];

if (existsSync('reports/vitest.json')) {
  const vitest = JSON.parse(readFileSync('reports/vitest.json', 'utf8'));
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  // A file that failed to load has no tests but must still count as a failure.
  failed += vitest.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
} else missing.push('unit (reports/vitest.json)');

if (existsSync('reports/playwright.json')) {
  const playwright = JSON.parse(readFileSync('reports/playwright.json', 'utf8'));
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  failed += (playwright.errors ?? []).length;
} else missing.push('e2e (reports/playwright.json)');

if (missing.length > 0) {
  console.log(`missing test reports: ${missing.join(', ')}`);
  failed += missing.length;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
