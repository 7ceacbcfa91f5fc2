import { defineConfig } from '@playwright/test';

// Benchmarks run in the same harness as the e2e tests (Debian's Chromium, built extension, fixture server).
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.bench.ts',
  workers: 1,
  retries: 0,
  timeout: 120_000,
  reporter: [['list']],
});
