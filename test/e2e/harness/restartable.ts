/**
 * A Chromium with the built extension that can be closed and started again on the same profile: a browser
 * restart as a person has one (storage.local, alarms and the extension's id survive; memory does not). For
 * the threat-feed and webhook-outbox e2e tests, which must show that what the extension keeps outlives it.
 */
import type { BrowserContext, Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FixtureServer } from './fixture-server';
import { untilListening } from './listening-worker';
import { launchChromium } from './launch';

const DIST = path.resolve(process.env.CONSENT_GUARD_DIST ?? path.resolve(import.meta.dirname, '../../../dist'));

export interface RunningBrowser {
  readonly context: BrowserContext;
  /** The extension's service worker, its listeners registered. */
  readonly worker: Worker;
  readonly extensionId: string;
}

/** The worker of a freshly started browser, once its listeners exist (as after any start-up a person would notice). */
async function listeningWorker(context: BrowserContext): Promise<Worker> {
  let worker = context.serviceWorkers()[0];
  if (!worker) {
    const started = context.waitForEvent('serviceworker', { timeout: 20_000 });
    // A restarted browser may start the worker only for an event: a navigation is one.
    const page = await context.newPage();
    await page.goto('https://example.test/').catch(() => undefined);
    worker = await started;
    await page.close();
  }
  return untilListening(worker, 20_000);
}

export function restartableBrowser(server: FixtureServer) {
  const profile = mkdtempSync(path.join(tmpdir(), 'consent-guard-restart-'));
  let current: { close(): Promise<void> } | null = null;
  return {
    async start(): Promise<RunningBrowser> {
      if (current) throw new Error('already running');
      const { context, close } = await launchChromium(server, { extension: true, dist: DIST, profile });
      current = { close };
      const worker = await listeningWorker(context);
      return { context, worker, extensionId: new URL(worker.url()).host };
    },
    /** Closes the browser as a person would; the profile stays for the next start(). */
    async stop(): Promise<void> {
      const running = current;
      current = null;
      await running?.close();
    },
    async dispose(): Promise<void> {
      await this.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
