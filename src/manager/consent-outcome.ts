/**
 * How an authorization flow ended, decided from addresses alone (pure: no DOM, no browser API).
 *
 * The authorization server ends every flow by sending the browser to the app's `redirect_uri`
 * (RFC 6749 §4.1.2, §4.2.2; OpenID Connect's `response_mode=fragment|query`): with a `code`, `id_token` or
 * `access_token` when the user approved, with `error=access_denied` when they declined. A flow that
 * never gets there (the tab closed, the user went elsewhere, a new request replaced it, it timed out) was
 * abandoned. Requests are read with the analyzer (src/core), the same reading the guard uses.
 */
import { analyzeUrl, type Analysis } from '../core';
import type { ConsentKind, ConsentRecord } from '../messaging/manager-messages';

export type NavigationOutcome = 'approved' | 'declined' | 'abandoned' | 'unrelated';

/** What the inventory needs to know of an authorization request. */
export interface ConsentRequest {
  readonly flow: ConsentRecord['flow'];
  readonly kind: ConsentKind;
  readonly host: string;
  readonly tenant: string | null;
  readonly clientId: string | null;
  readonly redirectUri: string | null;
  /** The request's `state`: the server sends it back with the answer, so it identifies the answer when redirect_uri is absent. */
  readonly state: string | null;
  readonly scopes: ConsentRecord['scopes'];
  readonly verdict: ConsentRecord['verdict'];
}

/** A sign-in (with MFA, an account picker, a federated identity provider) rarely takes longer; after that the flow was abandoned. */
export const CONSENT_FLOW_TTL_MS = 30 * 60 * 1000;

const FULL_ACCESS = new Set(['.default', 'user_impersonation']);

/** The request an address carries, when it is an authorization request on a real Microsoft authorization host; else null. */
export function readConsentRequest(url: string): ConsentRequest | null {
  const result = analyzeUrl(url);
  if (!result.ok) return null;
  return fromAnalysis(result.analysis, url);
}

export function fromAnalysis(analysis: Analysis, url: string): ConsentRequest | null {
  const { flow, request, host } = analysis;
  // A lookalike's "consent" grants nothing (what it takes is the password); the guard warns about it.
  if (flow === null || request === null || !host.trusted) return null;
  let state: string | null;
  try {
    state = new URL(url).searchParams.get('state');
  } catch {
    state = null;
  }
  return {
    flow,
    kind: flow === 'azure-devops-oauth' ? 'azure-devops-oauth' : 'entra',
    host: host.name,
    tenant: request.tenant,
    clientId: request.clientId?.toLowerCase() ?? null,
    redirectUri: request.redirectUri,
    state: state ? state.slice(0, 512) : null,
    scopes: analysis.scopes.requested.slice(0, 100).map((scope) => ({
      id: scope.name.slice(0, 200),
      tier: scope.entry?.tier ?? (FULL_ACCESS.has(scope.name) ? 'critical' : 'unknown'),
      highPrivilege: scope.entry?.highPrivilege ?? FULL_ACCESS.has(scope.name),
    })),
    verdict: analysis.verdict,
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The parameters of an answer, from the query and the fragment (response_mode=fragment). */
export function answerParameters(url: URL): URLSearchParams {
  const merged = new URLSearchParams(url.search);
  const fragment = url.hash.replace(/^#/, '');
  if (fragment) for (const [key, value] of new URLSearchParams(fragment)) merged.append(key, value);
  return merged;
}

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/** The address is the app's redirect_uri (same scheme, host, port and path; any port on loopback, as native apps listen where they can). */
export function reachesRedirect(redirectUri: string, target: URL): boolean {
  let redirect: URL;
  try {
    redirect = new URL(redirectUri);
  } catch {
    return false;
  }
  if (redirect.protocol !== target.protocol || redirect.hostname.toLowerCase() !== target.hostname.toLowerCase()) return false;
  if (!LOOPBACK.has(redirect.hostname) && redirect.port !== target.port) return false;
  return trimSlash(redirect.pathname) === trimSlash(target.pathname);
}

function sameRequest(a: ConsentRequest, b: ConsentRequest): boolean {
  return a.clientId === b.clientId && a.redirectUri === b.redirectUri && a.host === b.host;
}

/**
 * What a later top-frame navigation in the same tab says about the request:
 *   approved / declined / abandoned: the flow ended so;
 *   unrelated: the flow goes on (sign-in pages, MFA, a federated identity provider, the same request again).
 * `userInitiated`: the user chose the destination (typed it, a bookmark), not the page.
 */
export function navigationOutcome(request: ConsentRequest, navigationUrl: string, options: { readonly userInitiated?: boolean } = {}): NavigationOutcome {
  let target: URL;
  try {
    target = new URL(navigationUrl);
  } catch {
    return 'unrelated';
  }
  const parameters = answerParameters(target);
  const answersState = request.state !== null && parameters.get('state') === request.state;
  const atRedirect = request.redirectUri !== null ? reachesRedirect(request.redirectUri, target) : answersState;
  if (atRedirect && (request.state === null || parameters.get('state') === null || answersState)) {
    const error = parameters.get('error');
    if (error !== null) return error === 'access_denied' ? 'declined' : 'abandoned';
    if (parameters.has('code') || parameters.has('id_token') || parameters.has('access_token')) return 'approved';
    return 'abandoned';
  }
  const next = readConsentRequest(navigationUrl);
  if (next) return sameRequest(request, next) ? 'unrelated' : 'abandoned';
  return options.userInitiated ? 'abandoned' : 'unrelated';
}

export function isExpired(startedAt: number, now: number): boolean {
  return now - startedAt > CONSENT_FLOW_TTL_MS || now < startedAt;
}

/** Chromium transition types that mean the user, not the page, chose the destination. */
const USER_CHOSEN_TRANSITIONS = new Set(['typed', 'auto_bookmark', 'generated', 'keyword', 'keyword_generated', 'start_page', 'auto_toplevel']);

export function userChoseDestination(transitionType: string | undefined): boolean {
  return transitionType !== undefined && USER_CHOSEN_TRANSITIONS.has(transitionType);
}
