/**
 * tabs and windows. No "tabs" permission: the host permission alone lets the background read a tab's
 * address, title and favicon (tabs.onUpdated), which is all triage needs.
 */
import { browser } from './browser';

export async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export async function navigateTab(tabId: number, url: string): Promise<void> {
  await browser.tabs.update(tabId, { url });
}

/** Opens an https page in a new tab (sign-in, My Apps); anything else is refused. */
export async function openTab(url: string): Promise<void> {
  if (!url.startsWith('https://')) return;
  await browser.tabs.create({ url });
}

/** Opens one of our own pages in a small window of its own (a tab where windows cannot be made). */
export async function openExtensionPage(path: string): Promise<void> {
  const url = browser.runtime.getURL(path);
  try {
    await browser.windows.create({ url, type: 'popup', width: 560, height: 720 });
  } catch {
    await browser.tabs.create({ url });
  }
}

export function onTabRemoved(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => listener(tabId));
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

/**
 * Whether a page opened this tab (`window.open`): such a tab's blank document can be written by its opener.
 * `openerTabId` is readable without the "tabs" permission.
 */
export async function hasOpener(tabId: number): Promise<boolean> {
  try {
    return (await browser.tabs.get(tabId)).openerTabId !== undefined;
  } catch {
    return false;
  }
}

export interface OpenTab {
  readonly id?: number | undefined;
  readonly url?: string | undefined;
  readonly title?: string | undefined;
}

/** Every open tab's id, address and title (the host permission lets us read them; no "tabs" permission). */
export async function openTabs(): Promise<OpenTab[]> {
  return (await browser.tabs.query({})).map((tab) => ({ id: tab.id, url: tab.url, title: tab.title }));
}
