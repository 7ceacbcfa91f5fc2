import { defineConfig } from '@playwright/test';

// `npm run demo`: one guided tour, not a test suite (the e2e tests live in test/e2e with their own config).
export default defineConfig({
  testDir: '.',
  testMatch: 'tour.demo.ts',
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'off' },
});
