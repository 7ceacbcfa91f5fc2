/**
 * Decides when the background starts the full content guard in a frame. On ordinary pages only the
 * tiny pre-check content script runs; the full guard (signals, messaging, banner) is injected with
 * scripting.executeScript when
 *   (a) the pre-check in a frame matched: the tab and frame come from the message's sender, never
 *       from the payload (the router guarantees a content script in an http(s) frame of a tab); or
 *   (b) the background's own analysis of a top-frame navigation says warn or danger (not dismissed),
 *       at DOMContentLoaded: this covers a lookalike host with nothing telltale in its URL or title.
 *       Not at commit: `frameIds: [0]` then can still reach the tab's previous (initial) document, and
 *       the page would be left without a guard.
 * Injecting into a frame where the guard already runs is harmless: guard-main.ts starts once per document.
 * Every browser call is injected, so unit tests run this against in-memory fakes.
 */
import { sameDocument, tabRecordKey, wantsBanner, type TabRecord } from '../messaging/page-view';
import type { KeyValueStore } from '../platform/session-store';

export interface InjectorDependencies {
  readonly store: KeyValueStore;
  /** scripting.executeScript of the guard file into one frame of a tab. */
  inject(tabId: number, frameId: number): Promise<void>;
  log?(message: string): void;
}

export interface InjectorNavigation {
  readonly kind: 'before' | 'committed' | 'history' | 'dom-ready';
  readonly tabId: number;
  readonly url: string;
}

export function createInjector(deps: InjectorDependencies) {
  const start = async (tabId: number, frameId: number, why: string): Promise<boolean> => {
    try {
      await deps.inject(tabId, frameId);
      return true;
    } catch (error) {
      // The frame went away, or is a page no extension may script (an error page, the web store).
      deps.log?.(`consent-guard: could not start the guard (${why}) in tab ${tabId} frame ${frameId}: ${String(error)}`);
      return false;
    }
  };

  return {
    /** (a) The pre-check matched in the sender's frame. */
    precheckHit(context: { tabId: number; frameId: number }): Promise<{ started: boolean }> {
      return start(context.tabId, context.frameId, 'pre-check').then((started) => ({ started }));
    },

    /**
     * (b) Call after the guard has handled the same navigation event (the tab record is then current).
     * Resolves true when it started the guard in the top frame.
     */
    async navigation(event: InjectorNavigation): Promise<boolean> {
      if (event.kind !== 'dom-ready') return false;
      const record = (await deps.store.get<TabRecord>(tabRecordKey(event.tabId))) ?? null;
      const view = record?.top ?? null;
      if (record === null || view === null || !sameDocument(record.url, event.url) || !wantsBanner(view)) return false;
      return start(event.tabId, 0, view.verdict);
    },
  };
}

export type Injector = ReturnType<typeof createInjector>;
