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

/** The compact view model the background carries into the page with the guard, and answers the popup with. */
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
