/**
 * storage: the session area (survives the service worker being stopped, cleared when the browser closes),
 * the local area (kept on this device), the managed area (the organization's policy, read-only), and changes
 * to any of them. Every module that keeps state takes a `StorageArea`, so unit tests hand it an in-memory one.
 */
import { browser } from './browser';

/** One storage area, one key at a time. Values come back as copies (structured clone), never the stored object. */
export interface StorageArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(keys: string | readonly string[]): Promise<void>;
}

export type StorageAreaName = 'session' | 'local';

export function storageArea(name: StorageAreaName): StorageArea {
  const area = name === 'session' ? browser.storage.session : browser.storage.local;
  return {
    get: async (key) => (await area.get(key))[key],
    set: (key, value) => area.set({ [key]: value }),
    remove: (keys) => area.remove(typeof keys === 'string' ? keys : [...keys]),
  };
}

/** storage.managed as the admin set it; undefined when the browser has no managed storage for us (Firefox without a managed manifest throws). */
export async function readManagedStorage(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    return undefined;
  }
}

/** The new value of each changed key (undefined: removed). */
export type StorageChanges = Readonly<Record<string, unknown>>;

/** Calls back with the area (`session`, `local`, `managed`) and the new values of every storage change. */
export function onStorageChanged(listener: (area: string, changes: StorageChanges) => void): void {
  browser.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
    const values: Record<string, unknown> = {};
    for (const [key, change] of Object.entries(changes)) values[key] = change.newValue;
    listener(area, values);
  });
}
