/**
 * "Dismiss for this request": the one store of what the user dismissed, per tab and request, in
 * storage.session. The verdicts read a tab's dismissed requests from here (a view's `dismissed` is derived from
 * it, never stored on its own), and the options page lists and takes back the same entries.
 */
import type { DismissalRecord } from '../messaging/policy-messages';
import type { StorageArea } from '../platform/storage';
import { DISMISSALS_KEY } from './tab-record';
import { serialQueue } from '../core/serial';

export type { DismissalRecord };

/** The oldest dismissals go first beyond this (across all tabs). */
export const MAX_DISMISSALS = 200;

export function createDismissals(store: StorageArea) {
  // Every tab writes the one list: one write at a time.
  const serial = serialQueue();
  const read = async (): Promise<DismissalRecord[]> => {
    const stored = await store.get(DISMISSALS_KEY).catch(() => undefined);
    // Written only by this module; anything else in its place counts as none.
    return Array.isArray(stored) ? (stored as DismissalRecord[]) : [];
  };
  const same = (item: DismissalRecord, tabId: number, requestKey: string) => item.tabId === tabId && item.requestKey === requestKey;

  return {
    /** Every dismissal, oldest first (the options page). */
    list: (): Promise<DismissalRecord[]> => serial(read),

    /** The request keys dismissed in a tab. */
    keysFor: async (tabId: number): Promise<string[]> => (await serial(read)).filter((item) => item.tabId === tabId).map((item) => item.requestKey),

    add: (record: DismissalRecord): Promise<void> =>
      serial(async () => {
        const list = await read();
        await store.set(DISMISSALS_KEY, [...list.filter((item) => !same(item, record.tabId, record.requestKey)), record].slice(-MAX_DISMISSALS));
      }),

    /** Takes one back; resolves whether there was one. */
    remove: (tabId: number, requestKey: string): Promise<boolean> =>
      serial(async () => {
        const list = await read();
        const remaining = list.filter((item) => !same(item, tabId, requestKey));
        if (remaining.length === list.length) return false;
        await store.set(DISMISSALS_KEY, remaining);
        return true;
      }),

    tabClosed: (tabId: number): Promise<void> =>
      serial(async () => {
        const list = await read();
        if (list.some((item) => item.tabId === tabId))
          await store.set(
            DISMISSALS_KEY,
            list.filter((item) => item.tabId !== tabId),
          );
      }),
  };
}

export type Dismissals = ReturnType<typeof createDismissals>;
