import { expect, type Worker } from '@playwright/test';

/**
 * Waits until the extension's service worker has registered its listeners. The worker exists before its
 * script has finished running, and navigation events that arrive in between are not delivered to it; a
 * browser that has been running for more than a moment would have them.
 */
export async function untilListening(worker: Worker, timeout: number): Promise<Worker> {
  await expect
    .poll(
      () =>
        worker.evaluate(() =>
          Boolean(
            (
              globalThis as unknown as { chrome: { webNavigation: { onCommitted: { hasListeners(): boolean } } } }
            ).chrome.webNavigation.onCommitted.hasListeners(),
          ),
        ),
      { timeout },
    )
    .toBe(true);
  return worker;
}
