/** Browser helpers for the authorization manager (storage areas, messages, tabs), over ./browser. */
import { browser } from './browser';

export interface StorageAreaLike {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export function storageArea(name: 'session' | 'local'): StorageAreaLike {
  const area = name === 'session' ? browser.storage.session : browser.storage.local;
  return {
    get: async (key) => (await area.get(key))[key],
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}

/** Firefox's extension pages live under moz-extension://; its cookie-authenticated writes may be refused. */
export function browserFamily(): 'chromium' | 'firefox' {
  return browser.runtime.getURL('/').startsWith('moz-extension:') ? 'firefox' : 'chromium';
}

export function sendRuntimeMessage(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/** Opens an https page in a new tab (sign-in, My Apps). */
export async function openTab(url: string): Promise<void> {
  if (!url.startsWith('https://')) return;
  await browser.tabs.create({ url });
}
