/**
 * The only module that imports webextension-polyfill. Everything else reaches the browser through src/platform/:
 * the background through the one object of background-platform.ts (unit tests hand it test/unit/fake-platform.ts
 * instead), the pages and the guard through send() and the platform's small modules.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Tabs, Storage, WebNavigation } from 'webextension-polyfill';
export { browser };
