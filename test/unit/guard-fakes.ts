/** In-memory fakes of exactly the browser surface the guard's background uses. */
import type { GuardDependencies } from '../../src/background/guard';
import type { KeyValueStore } from '../../src/platform/session-store';

export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  async get<T>(key: string): Promise<T | undefined> {
    const value = this.data.get(key);
    // storage.session hands out copies, never the stored object.
    return value === undefined ? undefined : (structuredClone(value) as T);
  }
  async set(key: string, value: unknown): Promise<void> {
    this.data.set(key, structuredClone(value));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const key of Array.isArray(keys) ? keys : [keys]) this.data.delete(key);
  }
}

export function fakeGuardDependencies(start = Date.parse('2026-01-01T00:00:00Z')) {
  const store = new MemoryStore();
  const badges = new Map<number, { text: string; color: string | null; title: string }>();
  const pushes: { tabId: number; frameId: number; message: unknown }[] = [];
  const navigations: { tabId: number; url: string }[] = [];
  let now = start;
  const deps: GuardDependencies = {
    store,
    setBadge: async (tabId, badge) => {
      badges.set(tabId, badge);
    },
    sendToFrame: async (tabId, frameId, message) => {
      pushes.push({ tabId, frameId, message });
    },
    navigateTab: async (tabId, url) => {
      navigations.push({ tabId, url });
    },
    now: () => now,
  };
  /** scripting.executeScript calls of the full guard (src/background/injector.ts). */
  const injections: { tabId: number; frameId: number }[] = [];
  const inject = async (tabId: number, frameId: number) => {
    injections.push({ tabId, frameId });
  };
  return { deps, store, badges, pushes, navigations, injections, inject, advance: (ms: number) => (now += ms) };
}
