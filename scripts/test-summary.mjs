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

// The hostile suites record every attack they try (test/hostile/attack-log.ts): show what was tried and how it ended.
if (existsSync('reports/attacks.jsonl')) {
  const attacks = readFileSync('reports/attacks.jsonl', 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const bySurface = new Map();
  for (const { surface, defeated } of attacks) {
    const row = bySurface.get(surface) ?? { tried: 0, defeated: 0 };
    row.tried += 1;
    if (defeated) row.defeated += 1;
    bySurface.set(surface, row);
  }
  console.log('\nHostile input: attacks tried and how they ended');
  console.log('surface     tried  defeated  got through');
  for (const [surface, row] of [...bySurface].sort()) {
    console.log(
      `${surface.padEnd(10)}  ${String(row.tried).padStart(5)}  ${String(row.defeated).padStart(8)}  ${String(row.tried - row.defeated).padStart(11)}`,
    );
  }
  for (const { surface, name, defeated } of attacks) if (!defeated) console.log(`  got through: [${surface}] ${name}`);
  console.log('');
}

// .ci/run runs the quick benchmarks (`npm run bench -- --quick`) first and counts them here as one test.
if (process.env.CONSENT_GUARD_BENCH === 'passed') passed += 1;
else if (process.env.CONSENT_GUARD_BENCH === 'failed') {
  console.log('benchmarks: a budget is broken (see `npm run bench -- --quick` above)');
  failed += 1;
}

// scripts/test-all.sh runs `npm run lint` (eslint and prettier) and counts it as one test.
if (process.env.CONSENT_GUARD_LINT === 'passed') passed += 1;
else if (process.env.CONSENT_GUARD_LINT === 'failed') {
  console.log('lint: `npm run lint` found problems (see above)');
  failed += 1;
}

if (missing.length > 0) {
  console.log(`missing test reports: ${missing.join(', ')}`);
  failed += missing.length;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
