/**
 * What the background keeps per tab in storage.session (the service worker may be stopped between any two
 * events, so nothing that matters lives only in memory), and the keys it keeps it under.
 */
import type { PageView } from '../messaging/page-view';

/** The tab's state under `tab:<id>`: the background's own (the popup asks for it with `popup/tab-verdict`). */
export interface TabRecord {
  /** The top frame's URL the record belongs to (no fragment). */
  readonly url: string;
  readonly top: PageView | null;
  /** Sub-frames with a warn or danger verdict, by frame id. */
  readonly frames: Readonly<Record<string, PageView>>;
  /** What the badge and popup show: the worst of the top frame and its sub-frames. */
  readonly view: PageView | null;
  /** Activity-log entry ids by request key, so one decision is logged once and the user's choice lands on it. */
  readonly activity?: Readonly<Record<string, string>>;
  /** The user chose "Continue anyway" on the block page for this very document. */
  readonly overridden?: boolean;
}

/** What the block page of a tab shows (`blocked:<tabId>`); the page's URL carries only `id`. */
export interface BlockedRecord {
  readonly id: string;
  /** The blocked address, as the tab was about to load it. */
  readonly url: string;
  /** Where "Go back" goes when the browser's history cannot (the page the user came from). */
  readonly previousUrl: string | null;
  /** The blocked page had committed (history.back() would land on it again). */
  readonly committed: boolean;
  readonly view: PageView;
  readonly time: number;
  readonly activityId: string | null;
}

/** A user's "Continue anyway", valid once, for that URL in that tab (`override:<tabId>`). */
export interface OverrideRecord {
  readonly url: string;
  readonly time: number;
}

export const tabKey = (tabId: number): string => `tab:${tabId}`;
export const flowKey = (tabId: number): string => `flow:${tabId}`;
export const blockedKey = (tabId: number): string => `blocked:${tabId}`;
export const overrideKey = (tabId: number): string => `override:${tabId}`;
/** Every dismissal, of every tab (src/background/dismissals.ts). */
export const DISMISSALS_KEY = 'dismissals';

/** Addresses of one document: the fragment does not make a new page. */
export function stripFragment(url: string): string {
  const index = url.indexOf('#');
  return index === -1 ? url : url.slice(0, index);
}

export function sameDocument(a: string, b: string): boolean {
  return stripFragment(a) === stripFragment(b);
}
