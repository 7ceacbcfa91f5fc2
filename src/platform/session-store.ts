/** storage.session: survives the service worker being stopped, cleared when the browser closes. */
import { browser } from './browser';

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const sessionStore: KeyValueStore = {
  async get<T>(key: string): Promise<T | undefined> {
    const items = await browser.storage.session.get(key);
    return items[key] as T | undefined;
  },
  async set(key, value) {
    await browser.storage.session.set({ [key]: value });
  },
  async remove(keys) {
    await browser.storage.session.remove(keys);
  },
};

/** Calls back with the new value whenever `key` changes in storage.session. */
export function onSessionKeyChanged(key: string, listener: (value: unknown) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session' && key in changes) listener(changes[key]?.newValue);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
