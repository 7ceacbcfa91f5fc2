/**
 * Per-tab authorization flow tracking, as a pure reducer.
 *
 * The Entra consent screen usually appears after the sign-in form POSTs to a URL that no longer carries
 * the request (`/common/login`). The tab's flow remembers the authorize URL that started it so the
 * analyzer can explain the scopes on that screen. The core analyzer uses the start URL only when the
 * current page is on the same trusted host, so a stale or foreign start URL can never lower a verdict.
 */

export interface FlowState {
  /** The authorize URL that started the flow. */
  readonly startUrl: string;
  /** Its host, for display and debugging. */
  readonly host: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
}

export type FlowEvent =
  | {
      readonly type: 'navigated';
      readonly url: string;
      readonly time: number;
      /** The analyzer recognised `url` as an authorization request (any host). */
      readonly isAuthorizeRequest: boolean;
      /** The user started this navigation (typed an address, a bookmark, ...), not the page. */
      readonly userInitiated: boolean;
    }
  | { readonly type: 'tab-closed' };

/** A sign-in rarely takes longer; after that the consent page is not part of the same flow. */
export const FLOW_TTL_MS = 15 * 60 * 1000;

export function reduceFlow(state: FlowState | null, event: FlowEvent): FlowState | null {
  if (event.type === 'tab-closed') return null;
  if (event.isAuthorizeRequest) {
    let host: string;
    try {
      host = new URL(event.url).hostname;
    } catch {
      return state;
    }
    return { startUrl: event.url, host, startedAt: event.time };
  }
  if (state === null) return null;
  if (event.time - state.startedAt > FLOW_TTL_MS || event.time < state.startedAt) return null;
  if (event.userInitiated) return null;
  if (reachesRedirect(state.startUrl, event.url)) return null;
  return state;
}

/** The flow ends when the browser arrives at the app's redirect_uri. */
function reachesRedirect(startUrl: string, url: string): boolean {
  let redirect: URL;
  let target: URL;
  try {
    const raw = new URL(startUrl).searchParams.get('redirect_uri');
    if (!raw) return false;
    redirect = new URL(raw);
    target = new URL(url);
  } catch {
    return false;
  }
  return target.origin === redirect.origin && target.pathname === redirect.pathname;
}

/** Chromium transition types that mean the user, not the page, chose the destination. */
const USER_TRANSITIONS = new Set(['typed', 'auto_bookmark', 'generated', 'keyword', 'keyword_generated', 'start_page', 'auto_toplevel']);

export function isUserInitiated(transitionType: string | undefined): boolean {
  return transitionType !== undefined && USER_TRANSITIONS.has(transitionType);
}
