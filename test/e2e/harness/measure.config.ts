import { defineConfig } from '@playwright/test';

// `CONSENT_GUARD_DIST=<build> npx playwright test -c test/e2e/harness/measure.config.ts`: prints the
// extension's added script time (measure.ts). Not part of the e2e suite: one worker, no assertions.
export default defineConfig({
  testDir: '.',
  testMatch: 'measure-cost.run.ts',
  workers: 1,
  retries: 0,
  timeout: 600_000,
  reporter: [['list']],
});
