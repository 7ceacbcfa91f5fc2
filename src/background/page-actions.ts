/**
 * What the user does on a banner (the guard's buttons) and takes back on the options page: dismiss a warning for
 * one request, trust an app, leave the page. Each is allowed only for what that frame was actually shown, and
 * never for danger.
 */
import type { PageSender } from '../messaging/define';
import type { PageView } from '../messaging/page-view';
import { t } from '../platform/i18n';
import type { Dismissals } from './dismissals';
import type { TabRecord } from './tab-record';
import type { TabStore } from './tab-store';

/** Where "Leave this page" goes: a blank page works in every browser and loads nothing. */
export const LEAVE_URL = 'about:blank';

export interface PageActionDependencies {
  readonly tabs: TabStore;
  readonly dismissals: Dismissals;
  navigateTab(tabId: number, url: string): Promise<void>;
  /** Adds a client id to the user's trusted apps (storage.local); absent: nothing can be trusted. */
  trustClient?(clientId: string): Promise<void>;
  now(): number;
}

type Frame = Pick<PageSender, 'tabId' | 'frameId'>;

/** The view this frame was shown. */
const shownIn = (record: TabRecord, frameId: number): PageView | null | undefined => (frameId === 0 ? record.top : record.frames[String(frameId)]);

/** The record with `change` applied to every view of the tab (top and frames). */
function everyView(record: TabRecord, change: (view: PageView) => PageView): TabRecord {
  return {
    ...record,
    top: record.top ? change(record.top) : null,
    frames: Object.fromEntries(Object.entries(record.frames).map(([id, frame]) => [id, change(frame)])),
  };
}

export function createPageActions(deps: PageActionDependencies) {
  const { tabs, dismissals } = deps;
  return {
    /** "Dismiss for this request" on a warn banner. */
    dismiss(request: { readonly requestKey: string }, sender: Frame): Promise<{ dismissed: boolean }> {
      return tabs.serial(sender.tabId, async () => {
        const record = await tabs.load(sender.tabId);
        if (record === null) return { dismissed: false };
        const view = shownIn(record, sender.frameId);
        // Danger is never dismissible; and only the request this frame was actually shown.
        if (!view || view.verdict !== 'warn' || view.requestKey !== request.requestKey) return { dismissed: false };
        await dismissals.add({
          tabId: sender.tabId,
          requestKey: request.requestKey,
          host: view.host.name,
          clientId: view.clientId ?? null,
          scopes: view.scopes.map((scope) => scope.id),
          time: deps.now(),
        });
        const mark = (candidate: PageView): PageView =>
          candidate.requestKey === request.requestKey && candidate.verdict === 'warn' ? { ...candidate, dismissed: true } : candidate;
        await tabs.save(sender.tabId, everyView(record, mark));
        tabs.choose(record, request.requestKey, 'dismissed');
        return { dismissed: true };
      });
    },

    /** Takes back a dismissal (options page): the banner shows again from the next check of that request. */
    undismiss(tabId: number, requestKey: string): Promise<{ ok: boolean }> {
      return tabs.serial(tabId, async () => {
        const removed = await dismissals.remove(tabId, requestKey);
        const record = await tabs.load(tabId);
        if (removed && record !== null) {
          const unmark = (candidate: PageView): PageView => (candidate.requestKey === requestKey ? { ...candidate, dismissed: false } : candidate);
          await tabs.save(tabId, everyView(record, unmark));
        }
        return { ok: removed };
      });
    },

    /**
     * "Trust this app" on a warn banner: only for the request this frame was shown, only warn with a banner
     * (never danger, never a block), only on a trusted host, only with a client id.
     */
    trust(request: { readonly requestKey: string }, sender: Frame): Promise<{ trusted: boolean }> {
      return tabs.serial(sender.tabId, async () => {
        const record = await tabs.load(sender.tabId);
        if (record === null || !deps.trustClient) return { trusted: false };
        const view = shownIn(record, sender.frameId);
        if (
          !view ||
          view.requestKey !== request.requestKey ||
          view.verdict !== 'warn' ||
          view.decision?.action !== 'banner' ||
          !view.host.trusted ||
          !view.clientId
        ) {
          return { trusted: false };
        }
        const clientId = view.clientId;
        await deps.trustClient(clientId);
        const note = t('noteUserTrusted');
        const mark = (candidate: PageView): PageView =>
          candidate.clientId === clientId && candidate.verdict === 'warn' && candidate.decision?.action === 'banner'
            ? { ...candidate, decision: { ...candidate.decision, action: 'none', notes: [...candidate.decision.notes, note] } }
            : candidate;
        await tabs.save(sender.tabId, everyView(record, mark));
        tabs.choose(record, request.requestKey, 'trusted');
        return { trusted: true };
      });
    },

    /** "Leave this page": the sender's own tab goes to a blank page. */
    async leave(sender: Pick<PageSender, 'tabId'>): Promise<{ left: boolean }> {
      const record = await tabs.load(sender.tabId).catch(() => null);
      tabs.choose(record, record?.view?.requestKey, 'left');
      await deps.navigateTab(sender.tabId, LEAVE_URL);
      return { left: true };
    },
  };
}

export type PageActions = ReturnType<typeof createPageActions>;
