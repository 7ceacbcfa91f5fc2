/**
 * Playwright fixtures: Debian's Chromium with the built extension from dist/, every hostname mapped to
 * the loopback fixture server, nothing reaching the internet.
 */
import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import path from 'node:path';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { CHROMIUM, launchChromium as launch } from './launch';
import { untilListening } from './listening-worker';
import { defaultRoutes } from './routes';

// CONSENT_GUARD_DIST lets parallel work test separate builds; the default is the real build output.
const DIST = path.resolve(process.env.CONSENT_GUARD_DIST ?? path.resolve(import.meta.dirname, '../../../dist'));
export { CHROMIUM };

export function launchChromium(server: FixtureServer, options: { extension: boolean; language?: string }): ReturnType<typeof launch> {
  return launch(server, { extension: options.extension, dist: DIST, ...(options.language ? { language: options.language } : {}) });
}

interface WorkerFixtures {
  /** The browser's UI language; English unless a spec file says `test.use({ language: 'de' })`. */
  language: string | undefined;
  server: FixtureServer;
  /** One Chromium per worker: launching takes most of a test's time. */
  extensionContext: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

export const test = base.extend<{ resetServer: void; context: BrowserContext }, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startFixtureServer(defaultRoutes);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  language: [undefined, { scope: 'worker', option: true }],
  extensionContext: [
    async ({ server, language }, use) => {
      const { context, close } = await launchChromium(server, { extension: true, ...(language ? { language } : {}) });
      await use(context);
      await close();
    },
    { scope: 'worker' },
  ],
  // Every test's pages load in a browser whose service worker is listening (see serviceWorker below).
  context: async ({ extensionContext, serviceWorker }, use) => {
    void serviceWorker;
    await use(extensionContext);
  },
  serviceWorker: [
    async ({ extensionContext }, use) => {
      const worker = extensionContext.serviceWorkers()[0] ?? (await extensionContext.waitForEvent('serviceworker'));
      await untilListening(worker, 10_000);
      await use(worker);
    },
    { scope: 'worker' },
  ],
  extensionId: [
    async ({ serviceWorker }, use) => {
      await use(new URL(serviceWorker.url()).host);
    },
    { scope: 'worker' },
  ],
  // Each test starts with the fixture server's default routes and an empty request log; its pages are closed after.
  resetServer: [
    async ({ server, extensionContext }, use) => {
      server.reset();
      await use();
      for (const page of extensionContext.pages()) await page.close();
    },
    { auto: true },
  ],
});

export const expect = test.expect;
