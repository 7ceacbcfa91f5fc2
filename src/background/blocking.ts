/**
 * Blocking (policy blockDanger, forbidden scopes, known threats): replacing a tab with the block page, the
 * block page's details and its two buttons, and the one-time "Continue anyway" that lets exactly that address
 * through in that tab. The details stay in storage.session; the block page's URL carries only an id.
 */
import type { PageView } from '../messaging/page-view';
import type { StorageArea } from '../platform/storage';
import type { TabStore } from './tab-store';
import { blockedKey, overrideKey, sameDocument, stripFragment, type BlockedRecord, type OverrideRecord, type TabRecord } from './tab-record';
import { badgeFor, type PolicyContext } from './view';
import type { BadgeState } from '../platform/action';

/** "Continue anyway" must be used within this time. */
const OVERRIDE_TTL_MS = 60_000;
/** A block for the same address within this time is the same block (the page's own check arriving late). */
export const SAME_BLOCK_MS = 3_000;

export interface BlockingDependencies {
  readonly store: StorageArea;
  readonly tabs: TabStore;
  setBadge(tabId: number, badge: BadgeState): Promise<void>;
  navigateTab(tabId: number, url: string): Promise<void>;
  policy(): Promise<PolicyContext>;
  /** The block page's URL for a block id; absent: nothing is blocked (the banner shows instead). */
  blockPageUrl?(id: string): string;
  randomId(): string;
  now(): number;
}

export function createBlocking(deps: BlockingDependencies) {
  const read = async <T>(key: string): Promise<T | undefined> => (await deps.store.get(key)) as T | undefined;
  const lastBlock = (tabId: number) => read<BlockedRecord>(blockedKey(tabId));
  const isRecent = (earlier: BlockedRecord | undefined, url: string): earlier is BlockedRecord =>
    earlier !== undefined && sameDocument(earlier.url, url) && deps.now() - earlier.time < SAME_BLOCK_MS;

  return {
    /** Does this view replace the page with the block page? */
    blocks: (view: PageView | null): view is PageView => view !== null && view.decision?.action === 'block' && deps.blockPageUrl !== undefined,

    /** Whether blocking can happen at navigation start: only a policy that blocks does, and only with a block page. */
    async blocksEarly(): Promise<PolicyContext | null> {
      if (!deps.blockPageUrl) return null;
      const policy = await deps.policy();
      return policy.policy.blockDanger === true || (policy.policy.forbiddenScopes ?? []).length > 0 ? policy : null;
    },

    /** This address was blocked in this tab a moment ago (the page's own check arriving after the block). */
    blockedJustNow: async (tabId: number, url: string): Promise<boolean> => isRecent(await lastBlock(tabId), url),

    /** Is there a fresh "Continue anyway" for exactly this URL in this tab? `consume` uses it up. */
    async takeOverride(tabId: number, url: string, consume: boolean): Promise<boolean> {
      const override = await read<OverrideRecord>(overrideKey(tabId));
      if (!override) return false;
      const valid = override.url === stripFragment(url) && deps.now() - override.time <= OVERRIDE_TTL_MS;
      if (consume || !valid) await deps.store.remove(overrideKey(tabId));
      return valid;
    },

    /** Replaces the tab with the block page (inside the tab's queue). */
    async block(tabId: number, rawUrl: string, view: PageView, previous: TabRecord | null, committed: boolean, carry: TabRecord['activity']): Promise<void> {
      if (!deps.blockPageUrl) return;
      const url = stripFragment(rawUrl);
      const earlier = await lastBlock(tabId);
      // The same address blocked a moment ago (onBeforeNavigate, then its commit won the race): the same block, logged once.
      const again = isRecent(earlier, rawUrl);
      const activity = carry ?? (again && previous !== null && sameDocument(previous.url, url) ? previous.activity : undefined);
      const saved = await deps.tabs.save(tabId, { url, top: view, frames: {}, view: null, ...(activity ? { activity } : {}) });
      // The page the user came from; when this address was blocked a moment ago, the one that block remembered.
      const previousUrl =
        previous && previous.url !== url && /^https?:/i.test(previous.url)
          ? previous.url
          : earlier && sameDocument(earlier.url, rawUrl)
            ? earlier.previousUrl
            : null;
      const blocked: BlockedRecord = {
        id: again ? earlier.id : deps.randomId(),
        url: rawUrl,
        previousUrl,
        committed: committed || (again ? earlier.committed : false),
        view,
        time: deps.now(),
        activityId: saved.activity?.[view.requestKey] ?? null,
      };
      await deps.store.set(blockedKey(tabId), blocked);
      await deps.navigateTab(tabId, deps.blockPageUrl(blocked.id));
    },

    /** The block page's details for its tab, when the id matches (a stale page gets nothing). */
    async details(tabId: number, id: string): Promise<BlockedRecord | null> {
      const blocked = await lastBlock(tabId);
      if (!blocked || blocked.id !== id) return null;
      // The browser clears a tab's badge when it navigates: the block page puts the verdict back.
      await deps.setBadge(tabId, badgeFor(blocked.view)).catch(() => undefined);
      return blocked;
    },

    /** "Continue anyway": only when the policy allowed it for this block, and still does; lets that URL through once, in that tab. */
    continueAnyway(tabId: number, id: string): Promise<{ ok: boolean }> {
      return deps.tabs.serial(tabId, async () => {
        const blocked = await lastBlock(tabId);
        if (!blocked || blocked.id !== id || blocked.view.decision?.canOverride !== true) return { ok: false };
        const policy = await deps.policy();
        if (policy.policy.allowOverride !== true) return { ok: false };
        await deps.store.set(overrideKey(tabId), { url: stripFragment(blocked.url), time: deps.now() } satisfies OverrideRecord);
        await deps.store.remove(blockedKey(tabId));
        deps.tabs.chooseId(blocked.activityId, 'continued');
        await deps.navigateTab(tabId, blocked.url);
        return { ok: true };
      });
    },

    /** "Go back" on the block page: logged as "left"; the page itself goes back (or to previousUrl). */
    goBack(tabId: number, id: string): Promise<{ ok: boolean }> {
      return deps.tabs.serial(tabId, async () => {
        const blocked = await lastBlock(tabId);
        if (!blocked || blocked.id !== id) return { ok: false };
        deps.tabs.chooseId(blocked.activityId, 'left');
        return { ok: true };
      });
    },

    forget: (tabId: number): Promise<void> => deps.store.remove([blockedKey(tabId), overrideKey(tabId)]),
  };
}

export type Blocking = ReturnType<typeof createBlocking>;
