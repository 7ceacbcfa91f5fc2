/**
 * Tabs and navigation events. No "tabs" permission: the host permission alone lets the background read
 * a tab's address, title and favicon (tabs.onUpdated), which is all triage needs.
 */
import { browser } from './browser';

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

/**
 * before: navigation start (no document yet); committed: the new document exists (it may never finish
 * parsing); history: pushState/replaceState; fragment: the #part changed; dom-ready: DOMContentLoaded.
 */
export type NavigationKind = 'before' | 'committed' | 'history' | 'fragment' | 'dom-ready';

export interface NavigationEvent {
  readonly kind: NavigationKind;
  readonly tabId: number;
  readonly frameId: number;
  /** -1 for the top frame. */
  readonly parentFrameId: number;
  readonly url: string;
  /** Chromium's id of the document (106+); targets an injection at exactly this document. Absent in Firefox. */
  readonly documentId: string | undefined;
  readonly timeStamp: number;
  /** Chromium's transition type on commit (`link`, `typed`, `form_submit`, ...); undefined elsewhere. */
  readonly transitionType: string | undefined;
}

interface NavigationDetails {
  tabId: number;
  frameId: number;
  parentFrameId?: number;
  url: string;
  timeStamp: number;
  transitionType?: string;
  documentId?: string;
}

/**
 * Every frame's navigation events, the background's own view of every document (independent of the page).
 * No URL filter: blob:, data:, about:srcdoc and about:blank documents are where clones hide too.
 */
export function onNavigation(listener: (event: NavigationEvent) => void): void {
  const forward = (kind: NavigationKind) => (details: NavigationDetails) => {
    if (details.tabId < 0) return;
    listener({
      kind,
      tabId: details.tabId,
      frameId: details.frameId,
      parentFrameId: details.parentFrameId ?? (details.frameId === 0 ? -1 : 0),
      url: details.url,
      documentId: details.documentId,
      timeStamp: details.timeStamp,
      transitionType: details.transitionType,
    });
  };
  const events = browser.webNavigation;
  events.onBeforeNavigate.addListener(forward('before'));
  events.onCommitted.addListener(forward('committed'));
  events.onHistoryStateUpdated.addListener(forward('history'));
  events.onReferenceFragmentUpdated.addListener(forward('fragment'));
  events.onDOMContentLoaded.addListener(forward('dom-ready'));
}

export interface TabChange {
  readonly tabId: number;
  /** The tab's address now (host permission needed; undefined where we have none). */
  readonly tabUrl: string | undefined;
  readonly title?: string;
  readonly favIconUrl?: string;
  readonly url?: string;
}

/** Title, favicon and address changes of a tab (top frame), as the browser reports them. */
export function onTabUpdated(listener: (change: TabChange) => void): void {
  browser.tabs.onUpdated.addListener((tabId, info, tab) => {
    if (info.title === undefined && info.favIconUrl === undefined && info.url === undefined) return;
    listener({
      tabId,
      tabUrl: tab.url,
      ...(info.title !== undefined ? { title: info.title } : {}),
      ...(info.favIconUrl !== undefined ? { favIconUrl: info.favIconUrl } : {}),
      ...(info.url !== undefined ? { url: info.url } : {}),
    });
  });
}

/** Every open tab's id, address and title (the host permission lets us read them; no "tabs" permission). */
export async function openTabs(): Promise<{ id?: number | undefined; url?: string | undefined; title?: string | undefined }[]> {
  return (await browser.tabs.query({})).map((tab) => ({ id: tab.id, url: tab.url, title: tab.title }));
}
