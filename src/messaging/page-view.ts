/**
 * Replies and pushes from the background to the content script and popup: plain types and one
 * constant, no zod, so the content script can import this file and stay small.
 */

export type ViewVerdict = 'ok' | 'warn' | 'danger' | 'none';
export type ViewTier = 'low' | 'medium' | 'high' | 'critical' | 'unknown';

export interface ViewScope {
  /** As the request names it (`vso.code_write`, `.default`, `Mail.Read`). */
  readonly id: string;
  /** Microsoft's display name, or the id when unknown. */
  readonly title: string;
  readonly resource: 'azure-devops' | 'microsoft-graph' | 'other';
  readonly tier: ViewTier;
  readonly highPrivilege: boolean;
  readonly canDo: string | null;
  readonly attackerUse: string | null;
}

export interface ViewFinding {
  readonly id: string;
  readonly severity: 'info' | 'warn' | 'danger';
  readonly message: string;
}

/** The compact view model the background sends the banner and stores for the popup. */
export interface PageView {
  readonly verdict: ViewVerdict;
  /** Identifies the authorization request (hash of its URL) for "Dismiss for this request". */
  readonly requestKey: string;
  readonly url: string;
  readonly host: { readonly name: string; readonly unicode: string; readonly trusted: boolean; readonly imitates: string | null };
  readonly flow: string | null;
  /** The scopes came from the authorize URL that started this tab's flow, not from this page's address. */
  readonly fromTrackedFlow: boolean;
  readonly findings: readonly ViewFinding[];
  readonly scopes: readonly ViewScope[];
  /** What the requested scopes include beyond themselves (Azure DevOps hierarchy), as ids and titles. */
  readonly includes: readonly { readonly id: string; readonly title: string }[];
  /** What the page itself claims (page-controlled text). */
  readonly pageClaims: { readonly appName: string | null; readonly publisher: string | null };
  readonly dismissed: boolean;
  /** The request's client id (lowercase) when it names one: "Trust this app" and the activity log use it. */
  readonly clientId?: string | null;
  /** The host of the request's redirect_uri (for the admin report; never the full URI). */
  readonly redirectHost?: string | null;
  /** What policy and the user's choices made of the verdict (src/policy/decide.ts). */
  readonly decision?: ViewDecision;
}

/** decide()'s answer as the banner, popup and block page see it. */
export interface ViewDecision {
  /** none: nothing on the page (ok/none, or an approved/trusted app's warn); banner; block: the full-page interstitial. */
  readonly action: 'none' | 'banner' | 'block';
  readonly canOverride: boolean;
  /** Why the action differs from the plain verdict ("Contoso has approved this app."). */
  readonly notes: readonly string[];
  readonly forbiddenScopes: readonly string[];
  /** The organization's own words (policy companyName, warningMessage, helpUrl), shown as text on the banner and block page. */
  readonly branding?: { readonly organization: string | null; readonly message: string | null; readonly supportUrl: string | null };
}

/** Background → content script push, after DOMContentLoaded, when the background alone found a warn/danger page. */
export interface ShowBannerPush {
  readonly type: 'guard/show';
  readonly view: PageView;
}
export const SHOW_BANNER = 'guard/show';

/** What storage.session holds per tab under `tab:<id>` (written by the background, read by the popup). */
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

/** Whether a page view gets the in-page banner: warn or danger, not dismissed, not waived by policy (an approved app). */
export function wantsBanner(view: PageView): boolean {
  return (view.verdict === 'warn' || view.verdict === 'danger') && !view.dismissed && view.decision?.action !== 'none';
}
