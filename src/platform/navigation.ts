/**
 * webNavigation: every frame's navigations, the background's own view of every document (independent of
 * the page). No URL filter: blob:, data:, about:srcdoc and about:blank documents are where clones hide too.
 */
import { browser } from './browser';

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
