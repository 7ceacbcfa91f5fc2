/**
 * Background triage of every tab, from what the browser tells it without touching the page: every frame's
 * navigations (start, commit, history and fragment changes, DOMContentLoaded), the tab's title and favicon,
 * and requests for Microsoft's sign-in assets from pages that are not Microsoft's. It keeps the tab state
 * current (tab-state.ts) and starts the guard wherever a signal exists (injector.ts), carrying the view.
 * A frame's danger is carried to the top frame too, so a frame the parent clips cannot hide it.
 */
import type { PageView } from '../messaging/page-view';
import type { AssetRequest } from '../platform/web-request';
import type { NavigationEvent } from '../platform/navigation';
import type { TabChange } from '../platform/tabs';
import type { TabState } from './tab-state';
import { worstView, type TabStore } from './tab-store';
import type { TabRecord } from './tab-record';
import { bannerView, type InjectionReason, type InjectionTarget, type Injector } from './injector';
import { faviconLooksMicrosoft, isBlankTopDocument, isMicrosoftSite, isOpaqueDocument, titleLooksRelevant, urlLooksRelevant } from './triage';

export interface TabTriageDependencies {
  /** The tab state: triage hands it every navigation, and reads the view to carry from it. */
  readonly guard: { readonly navigation: TabState['navigation']; readonly tabRecord: TabStore['tabRecord'] };
  readonly injector: Injector;
  readonly assetHosts: readonly string[];
  /** Whether a page opened the tab (its blank document can be written by the opener). */
  hasOpener?(tabId: number): Promise<boolean>;
  log?(message: string): void;
}

export function createTabTriage(deps: TabTriageDependencies) {
  /** The current document of each frame (documentId, or the commit's time where the browser has no ids). */
  const documents = new Map<string, { key: string; documentId: string | undefined }>();
  const documentOf = (tabId: number, frameId: number) => documents.get(`${tabId}:${frameId}`);
  const targetOf = (tabId: number, frameId: number): InjectionTarget => ({ tabId, frameId, documentId: documentOf(tabId, frameId)?.documentId });

  const start = (tabId: number, frameId: number, view: PageView | null, reason: InjectionReason, again = false) => {
    const key = documentOf(tabId, frameId)?.key ?? '';
    return deps.injector.start(targetOf(tabId, frameId), view, reason, again ? `${key}:again` : key);
  };

  /** The top frame shows the worst of its own banner and any frame's danger. */
  const topBannerOf = (record: Pick<TabRecord, 'top' | 'frames'>): PageView | null => {
    const worst = bannerView(worstView(record));
    return worst !== null && worst.verdict === 'danger' ? worst : bannerView(record.top);
  };
  const topBanner = async (tabId: number): Promise<PageView | null> => {
    const record = await deps.guard.tabRecord(tabId);
    return record === null ? null : topBannerOf(record);
  };

  return {
    async navigation(event: NavigationEvent): Promise<void> {
      const { tabId, frameId, kind, url } = event;
      if (kind === 'committed') {
        documents.set(`${tabId}:${frameId}`, { key: event.documentId ?? `commit:${event.timeStamp}`, documentId: event.documentId });
        if (frameId === 0) {
          for (const key of [...documents.keys()]) if (key.startsWith(`${tabId}:`) && key !== `${tabId}:0`) documents.delete(key);
          deps.injector.forget(tabId);
        } else {
          deps.injector.forget(tabId, frameId);
        }
      }
      // The top frame's banner goes up as soon as its view is known, while the tab state is still being stored.
      let early: Promise<boolean> | undefined;
      const view = await deps.guard.navigation({ kind, tabId, frameId, url, transitionType: event.transitionType }, (record) => {
        const banner = topBannerOf(record);
        if (banner !== null) early = start(tabId, 0, banner, 'verdict');
      });
      if (kind === 'before') return;
      if (early) {
        await early;
        return;
      }
      const banner = frameId === 0 ? await topBanner(tabId) : bannerView(view);
      // Without document ids (Firefox) an injection at commit may have reached the document being replaced:
      // DOMContentLoaded starts it once more (the guard starts once per document, so this is harmless).
      const again = kind === 'dom-ready' && documentOf(tabId, frameId)?.documentId === undefined;
      if (banner !== null) {
        await start(tabId, frameId, banner, 'verdict', again);
        if (frameId !== 0 && banner.verdict === 'danger') await start(tabId, 0, banner, 'frame-danger');
        return;
      }
      // No verdict from the address alone, but a reason to look at the page itself.
      if (urlLooksRelevant(url) && /^(https?|blob):/i.test(url)) await start(tabId, frameId, view, 'url', again);
      else if (isOpaqueDocument(url)) await start(tabId, frameId, null, 'document', again);
      // A popup from window.open('') stays on about:blank while its opener writes into it: no address, and its
      // title never reaches tabs.onUpdated (no host permission for about:blank). Only its content can tell.
      else if (kind === 'committed' && frameId === 0 && isBlankTopDocument(url) && (await deps.hasOpener?.(tabId)))
        await start(tabId, frameId, null, 'document');
    },

    async tabChanged(change: TabChange): Promise<void> {
      const relevant =
        (change.title !== undefined && titleLooksRelevant(change.title) && !isMicrosoftSite(change.tabUrl)) ||
        (change.favIconUrl !== undefined && faviconLooksMicrosoft(change.favIconUrl, change.tabUrl, deps.assetHosts));
      if (!relevant || !change.tabUrl || !/^(https?|blob|data|file):/i.test(change.tabUrl)) return;
      await start(change.tabId, 0, await topBanner(change.tabId), change.title !== undefined ? 'title' : 'favicon');
    },

    async assetRequested(request: AssetRequest): Promise<void> {
      // Microsoft's own pages load these all the time; the declared guard covers the sign-in hosts.
      if (isMicrosoftSite(request.requester)) return;
      const record = await deps.guard.tabRecord(request.tabId);
      const view = request.frameId === 0 ? await topBanner(request.tabId) : bannerView(record?.frames[String(request.frameId)] ?? null);
      await start(request.tabId, request.frameId, view, 'asset');
    },

    /** After a page check: a frame's danger goes to the top frame as well. */
    async pageChecked(tabId: number, frameId: number, view: PageView | null): Promise<void> {
      if (frameId === 0 || view === null || view.verdict !== 'danger' || bannerView(view) === null) return;
      await start(tabId, 0, view, 'frame-danger');
    },

    /** The thorough mode's scan saw something in this frame: the guard takes a close look. */
    async scanHit(tabId: number, frameId: number): Promise<{ started: boolean }> {
      const record = await deps.guard.tabRecord(tabId);
      const view = frameId === 0 ? await topBanner(tabId) : bannerView(record?.frames[String(frameId)] ?? null);
      return { started: await start(tabId, frameId, view, 'scan') };
    },

    /**
     * Tabs that were already open when the worker started without any state for them (right after install or
     * an update, before its listeners existed): judged from their address and title as if they had just loaded.
     */
    async catchUp(tabs: readonly { id?: number | undefined; url?: string | undefined; title?: string | undefined }[]): Promise<void> {
      for (const tab of tabs) {
        if (tab.id === undefined || tab.id < 0 || !tab.url || !/^(https?|blob|file):/i.test(tab.url)) continue;
        if ((await deps.guard.tabRecord(tab.id)) !== null) continue;
        await this.navigation({
          kind: 'committed',
          tabId: tab.id,
          frameId: 0,
          parentFrameId: -1,
          url: tab.url,
          documentId: undefined,
          timeStamp: Date.now(),
          transitionType: undefined,
        });
        if (tab.title) await this.tabChanged({ tabId: tab.id, tabUrl: tab.url, title: tab.title });
      }
    },

    tabClosed(tabId: number): void {
      for (const key of [...documents.keys()]) if (key.startsWith(`${tabId}:`)) documents.delete(key);
      deps.injector.forget(tabId);
    },
  };
}

export type TabTriage = ReturnType<typeof createTabTriage>;
