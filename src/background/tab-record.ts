/** The per-tab state the background keeps in storage.session (it may be stopped between any two events). */
import type { PageView } from '../messaging/page-view';

/** What storage.session holds per tab under `tab:<id>`: the background's own state (the popup asks with `popup/tab-verdict`). */
export interface TabRecord {
  /** The top frame's URL the record belongs to (no fragment). */
  readonly url: string;
  readonly top: PageView | null;
  /** Sub-frames with a warn or danger verdict, by frame id. */
  readonly frames: Readonly<Record<string, PageView>>;
  /** Request keys the user dismissed in this tab (warn only). */
  readonly dismissed: readonly string[];
  /** What the badge and popup show: the worst of the top frame and its sub-frames. */
  readonly view: PageView | null;
  /** Activity-log entry ids by request key, so one decision is logged once and the user's choice lands on it. */
  readonly activity?: Readonly<Record<string, string>>;
  /** The user chose "Continue anyway" on the block page for this very document. */
  readonly overridden?: boolean;
}

export const tabRecordKey = (tabId: number): string => `tab:${tabId}`;

/** Addresses of one document: the fragment does not make a new page. */
export function stripFragment(url: string): string {
  const index = url.indexOf('#');
  return index === -1 ? url : url.slice(0, index);
}

export function sameDocument(a: string, b: string): boolean {
  return stripFragment(a) === stripFragment(b);
}
