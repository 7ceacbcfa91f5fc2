/** Tabs and navigation events (no "tabs" permission: we never read other tabs' URLs or titles). */
import { browser, type WebNavigation } from './browser';

export async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export async function navigateTab(tabId: number, url: string): Promise<void> {
  await browser.tabs.update(tabId, { url });
}

export function onTabRemoved(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => listener(tabId));
}

export type NavigationKind = 'before' | 'committed' | 'history' | 'dom-ready';

export interface NavigationEvent {
  readonly kind: NavigationKind;
  readonly tabId: number;
  readonly frameId: number;
  readonly url: string;
  readonly timeStamp: number;
  /** Chromium's transition type on commit (`link`, `typed`, `form_submit`, ...); undefined elsewhere. */
  readonly transitionType: string | undefined;
}

/** Top-frame navigation events, the background's own view of every tab (independent of the page). */
export function onTopFrameNavigation(listener: (event: NavigationEvent) => void): void {
  const filter = { url: [{ schemes: ['http', 'https'] }] };
  const forward =
    (kind: NavigationKind) =>
    (details: { tabId: number; frameId: number; url: string; timeStamp: number; transitionType?: string }) => {
      if (details.frameId !== 0 || details.tabId < 0) return;
      listener({ kind, tabId: details.tabId, frameId: details.frameId, url: details.url, timeStamp: details.timeStamp, transitionType: details.transitionType });
    };
  browser.webNavigation.onBeforeNavigate.addListener(forward('before') as (d: WebNavigation.OnBeforeNavigateDetailsType) => void, filter);
  browser.webNavigation.onCommitted.addListener(forward('committed') as (d: WebNavigation.OnCommittedDetailsType) => void, filter);
  browser.webNavigation.onHistoryStateUpdated.addListener(forward('history') as (d: WebNavigation.OnHistoryStateUpdatedDetailsType) => void, filter);
  browser.webNavigation.onDOMContentLoaded.addListener(forward('dom-ready') as (d: WebNavigation.OnDOMContentLoadedDetailsType) => void, filter);
}
