/** Starts the full content guard in one frame with scripting.executeScript (the "scripting" permission + host access). */
import { browser } from './browser';

/**
 * The full guard as a standalone classic script. crx builds it from src/content/guard-main.ts
 * (contentScripts.standaloneFiles in vite.config.ts) at this path, because the manifest also declares
 * it on Microsoft's sign-in hosts; no web_accessible_resources are involved.
 */
export const GUARD_SCRIPT_FILE = 'src/content/guard-main.js';

export async function injectGuard(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [GUARD_SCRIPT_FILE], injectImmediately: true });
}
