/**
 * The pre-check content script's only line to the extension: one message to the background. It uses
 * the browser's own `runtime.sendMessage` (`browser` in Firefox, `chrome` in Chromium; both return a
 * promise in Manifest V3) instead of webextension-polyfill, which stays in ./browser.ts for everything
 * else: the pre-check runs on every page and has to stay a few hundred bytes.
 */
export const PRECHECK_HIT = 'page/precheck-hit';

interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown> | undefined;
}

/** Asks the background to start the full guard in this frame (the tab and frame come from the sender). */
export function sendPrecheckHit(): void {
  const api = (globalThis as { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } }).browser ?? (globalThis as { chrome?: { runtime?: RuntimeLike } }).chrome;
  try {
    // The background answers nothing useful; a missing receiver (extension reloading) is not an error here.
    api?.runtime?.sendMessage({ type: PRECHECK_HIT })?.catch(() => undefined);
  } catch {
    // Extension context invalidated (updated or disabled): nothing to do on this page.
  }
}
