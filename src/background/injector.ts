/**
 * The one place that decides whether a document gets the guard, and with which view: every signal
 * triage finds (tab-triage.ts) and every frame's verdict comes through here.
 *
 * The guard is injected with scripting.executeScript (`injectImmediately`) into exactly the document the
 * signal came from (its documentId where the browser has one, else its frame id), as soon as the signal
 * exists: at commit, so a page that never finishes parsing or calls window.stop() still gets it. The view
 * travels with the injection: the guard shows it at once, without asking the background again.
 * Every browser call is injected (deps), so unit tests run this against in-memory fakes.
 */
import { wantsBanner, type PageView } from '../messaging/page-view';
import type { InjectionTarget } from '../platform/scripting';

export type { InjectionTarget };

export interface InjectorDependencies {
  /**
   * Delivers the view to the document and starts the guard there (once per document). `guardRunning`: this
   * document already got the guard from here (so the view alone may be enough).
   */
  inject(target: InjectionTarget, view: PageView | null, guardRunning: boolean): Promise<void>;
  log?(message: string): void;
}

/** What made the background look at a document (for the log). */
export type InjectionReason = 'verdict' | 'url' | 'title' | 'favicon' | 'asset' | 'document' | 'frame-danger' | 'scan';

/** The view a document's banner shows, or null when it gets no banner (triage then starts the guard to look). */
export function bannerView(view: PageView | null): PageView | null {
  return view !== null && wantsBanner(view) ? view : null;
}

function viewKey(view: PageView | null): string {
  return view === null ? 'none' : `${view.verdict}:${view.requestKey}:${view.dismissed ? 1 : 0}:${view.findings.length}`;
}

export function createInjector(deps: InjectorDependencies) {
  /** Per tab and frame: the document we last started the guard in, and the view it was given. Memory only: after a worker restart an injection is simply repeated (harmless). */
  const started = new Map<string, { document: string; view: string }>();
  const slot = (target: InjectionTarget) => `${target.tabId}:${target.frameId}`;

  return {
    /**
     * Starts the guard in the document (if not yet there) and hands it the view (if new to it). Resolves true
     * when something was sent, false when the document already had that view or could not be scripted.
     */
    async start(target: InjectionTarget, view: PageView | null, reason: InjectionReason, documentKey = target.documentId ?? ''): Promise<boolean> {
      const key = slot(target);
      const previous = started.get(key);
      const nextView = viewKey(view);
      if (previous && previous.document === documentKey && (previous.view === nextView || view === null)) return false;
      const guardRunning = previous?.document === documentKey;
      started.set(key, { document: documentKey, view: view === null && guardRunning ? previous.view : nextView });
      try {
        await deps.inject(target, view, guardRunning);
        return true;
      } catch (error) {
        started.delete(key);
        // The frame went away, or is a page no extension may script (an error page, the web store).
        deps.log?.(`consent-guard: could not start the guard (${reason}) in tab ${target.tabId} frame ${target.frameId}: ${String(error)}`);
        return false;
      }
    },

    /** A frame has a new document: what was started in the old one no longer counts. */
    forget(tabId: number, frameId?: number): void {
      if (frameId !== undefined) {
        started.delete(`${tabId}:${frameId}`);
        return;
      }
      for (const key of [...started.keys()]) if (key.startsWith(`${tabId}:`)) started.delete(key);
    },
  };
}

export type Injector = ReturnType<typeof createInjector>;
