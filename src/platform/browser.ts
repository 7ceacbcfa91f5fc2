/**
 * The only module that imports webextension-polyfill. Everything else reaches the browser through
 * src/platform/, so unit tests can swap in a fake of just the calls we use.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Tabs, Storage, WebNavigation } from 'webextension-polyfill';
export { browser };
