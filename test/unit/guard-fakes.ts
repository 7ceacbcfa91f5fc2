/** In-memory fakes of exactly the browser surface the guard's background uses. */
import type { GuardDependencies } from '../../src/background/guard';
import type { InjectionTarget } from '../../src/background/injector';
import type { PageView } from '../../src/messaging/page-view';
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
  const navigations: { tabId: number; url: string }[] = [];
  let now = start;
  const deps: GuardDependencies = {
    store,
    setBadge: async (tabId, badge) => {
      badges.set(tabId, badge);
    },
    navigateTab: async (tabId, url) => {
      navigations.push({ tabId, url });
    },
    now: () => now,
  };
  /** scripting.executeScript calls of the guard, with the view each carried (src/background/injector.ts). */
  const injections: { tabId: number; frameId: number; documentId?: string | undefined; verdict: string | null }[] = [];
  const inject = async (target: InjectionTarget, view: PageView | null) => {
    injections.push({
      tabId: target.tabId,
      frameId: target.frameId,
      ...(target.documentId ? { documentId: target.documentId } : {}),
      verdict: view?.verdict ?? null,
    });
  };
  return { deps, store, badges, navigations, injections, inject, advance: (ms: number) => (now += ms) };
}
