/**
 * What the extension does with a verdict once policy and the user's choices are applied. Pure.
 * The rules that keep people safe: nothing here can turn `danger` into anything milder, and only an
 * admin (never the page, never a user allow-list) can waive a block.
 */
import { text, type Analysis, type Text, type Verdict } from '../core';
import type { ManagedPolicy, UserSettings } from './policy';

export type Action =
  /** Nothing to show on the page (ok / none, or a trusted app's warn). */
  | 'none'
  /** The in-page warning banner. */
  | 'banner'
  /** A full-page interstitial instead of the page. */
  | 'block';

export interface Decision {
  readonly verdict: Verdict;
  readonly action: Action;
  /** The user may continue past a block (only when policy allows it). */
  readonly canOverride: boolean;
  /** Why the action differs from the plain verdict, for the banner, popup and block page to say. */
  readonly notes: readonly Text[];
  /** Requested scopes the organization forbids. */
  readonly forbiddenScopes: readonly string[];
}

export function decide(analysis: Analysis, policy: ManagedPolicy, user: UserSettings): Decision {
  const notes: Text[] = [];
  const clientId = analysis.request?.clientId?.toLowerCase() ?? null;
  const company = policy.companyName ?? text('yourOrganization');

  const forbidden = new Set((policy.forbiddenScopes ?? []).map((scope) => scope.toLowerCase()));
  const requestedNames = [...analysis.scopes.requested.map((scope) => scope.name), ...analysis.scopes.effective];
  const forbiddenScopes = [...new Set(requestedNames.filter((name) => forbidden.has(name.toLowerCase())))];

  if (analysis.verdict === 'danger') {
    const block = policy.blockDanger === true;
    if (block) notes.push(text('noteBlocksImitation', company));
    return { verdict: 'danger', action: block ? 'block' : 'banner', canOverride: block && policy.allowOverride === true, notes, forbiddenScopes };
  }
  if (forbiddenScopes.length > 0 && analysis.verdict !== 'none') {
    notes.push(text('noteForbiddenScopes', company, forbiddenScopes.join(', ')));
    return { verdict: 'warn', action: 'block', canOverride: policy.allowOverride === true, notes, forbiddenScopes };
  }
  if (analysis.verdict === 'warn' && clientId !== null) {
    if (isApprovedByPolicy(analysis, clientId, policy)) {
      notes.push(text('noteApproved', company));
      return { verdict: 'warn', action: 'none', canOverride: false, notes, forbiddenScopes };
    }
    if (user.trustedClientIds.map((id) => id.toLowerCase()).includes(clientId)) {
      notes.push(text('noteUserTrusted'));
      return { verdict: 'warn', action: 'none', canOverride: false, notes, forbiddenScopes };
    }
  }
  return { verdict: analysis.verdict, action: analysis.verdict === 'warn' ? 'banner' : 'none', canOverride: false, notes, forbiddenScopes };
}

/** An approved client id counts only with a redirect to an approved host, when the admin listed any. */
function isApprovedByPolicy(analysis: Analysis, clientId: string, policy: ManagedPolicy): boolean {
  if (!(policy.approvedClientIds ?? []).includes(clientId)) return false;
  const redirectHosts = policy.approvedRedirectHosts ?? [];
  if (redirectHosts.length === 0) return true;
  const redirect = analysis.request?.redirectUri;
  if (!redirect) return false;
  try {
    return redirectHosts.includes(new URL(redirect).hostname.toLowerCase());
  } catch {
    return false;
  }
}
