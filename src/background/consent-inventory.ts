/**
 * What the consent inventory (src/manager/consent-inventory.ts) follows in the background: the top frame's
 * navigations (an authorization request starts a flow, the redirect to the app ends it), the view the guard
 * saved for a tab (the app name and publisher the consent page showed, the verdict), and closed tabs.
 * It changes nothing the guard does; a failure is logged and forgotten.
 */
import type { PageView } from '../messaging/page-view';
import type { ConsentInventory } from '../manager/consent-inventory';
import { userChoseDestination } from '../manager/consent-outcome';
import type { NavigationEvent } from '../platform/navigation';

export function followConsents(inventory: ConsentInventory, log: (message: string) => void) {
  const failed = (error: unknown) => log(`consent-guard: consent inventory: ${String(error)}`);
  return {
    navigation(event: NavigationEvent): void {
      // A flow is the top frame's: the redirect to the app replaces the whole page.
      if (event.frameId !== 0 || (event.kind !== 'before' && event.kind !== 'committed')) return;
      void inventory.navigation(event.tabId, event.url, userChoseDestination(event.transitionType)).catch(failed);
    },

    /** The guard saved a new view for the tab (the worst of its frames). */
    viewSaved(tabId: number, view: PageView | null): void {
      if (view === null) return;
      const observation = { url: view.url, verdict: view.verdict, appName: view.pageClaims.appName, publisher: view.pageClaims.publisher };
      void inventory.pageView(tabId, observation).catch(failed);
    },

    tabClosed(tabId: number): void {
      void inventory.tabClosed(tabId).catch(failed);
    },
  };
}
