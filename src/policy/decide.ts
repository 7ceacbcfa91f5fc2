/**
 * What the extension does with a verdict once policy and the user's choices are applied. Pure.
 * The rules that keep people safe: nothing here can turn `danger` into anything milder, and only an
 * admin (never the page, never a user allow-list) can waive a block.
 */
import { englishText, text, type Analysis, type Finding, type Text, type Verdict } from '../core';
import type { ManagedPolicy, UserSettings } from './policy';
import { lookupHost, NO_INTEL, type IntelHit, type IntelKind, type ThreatIntel } from './threat-intel';

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
  /**
   * Findings policy adds to the analyzer's (an app the admin blocked, a threat feed's hit), worst first. When
   * there are any the verdict is `danger`; withPolicyFindings() folds them into the analysis the view shows.
   */
  readonly findings: readonly Finding[];
  /** Which list each of those findings comes from and its reason, for the activity log and the webhook. */
  readonly listedBy: readonly ListedBy[];
  /** The organization's own words on its warnings (policy companyName, warningMessage, helpUrl); null when none is set. */
  readonly branding: Branding | null;
}

/**
 * One list entry a request matched: the admin's `blockedClientIds`, or a threat feed. The feed's name and the
 * reason are the feed's own (hostile) text, already cut to one bounded line (src/policy/threat-intel.ts).
 */
export interface ListedBy {
  readonly source: 'policy' | 'feed';
  /** The feed's display name (its own name, otherwise its host); null for policy. */
  readonly feed: string | null;
  /** The feed's URL as the policy names it; null for policy. */
  readonly url: string | null;
  /** What matched: the app, the redirect host, or the page's own host. */
  readonly kind: IntelKind;
  /** The client id or host that matched. */
  readonly value: string;
  /** The admin's or the feed's reason; null when the admin gave none. */
  readonly reason: string | null;
}

export interface Branding {
  readonly organization: string | null;
  readonly message: string | null;
  readonly supportUrl: string | null;
}

export function decide(analysis: Analysis, policy: ManagedPolicy, user: UserSettings, intel: ThreatIntel = NO_INTEL): Decision {
  const notes: Text[] = [];
  const clientId = analysis.request?.clientId?.toLowerCase() ?? null;
  const company = policy.companyName ?? text('yourOrganization');
  const { findings, listedBy } = knownThreats(analysis, policy, intel);
  const branding = brandingOf(policy);

  const forbidden = new Set((policy.forbiddenScopes ?? []).map((scope) => scope.toLowerCase()));
  const requestedNames = [...analysis.scopes.requested.map((scope) => scope.name), ...analysis.scopes.effective];
  const forbiddenScopes = [...new Set(requestedNames.filter((name) => forbidden.has(name.toLowerCase())))];

  if (analysis.verdict === 'danger' || findings.length > 0) {
    const block = policy.blockDanger === true;
    if (block) notes.push(text(analysis.verdict === 'danger' ? 'noteBlocksImitation' : 'intelNoteBlocksKnownThreat', company));
    return {
      verdict: 'danger',
      action: block ? 'block' : 'banner',
      canOverride: block && policy.allowOverride === true,
      notes,
      forbiddenScopes,
      findings,
      listedBy,
      branding,
    };
  }
  if (forbiddenScopes.length > 0 && analysis.verdict !== 'none') {
    notes.push(text('noteForbiddenScopes', company, forbiddenScopes.join(', ')));
    return { verdict: 'warn', action: 'block', canOverride: policy.allowOverride === true, notes, forbiddenScopes, findings, listedBy, branding };
  }
  if (analysis.verdict === 'warn' && clientId !== null) {
    if (isApprovedByPolicy(analysis, clientId, policy)) {
      notes.push(text('noteApproved', company));
      return { verdict: 'warn', action: 'none', canOverride: false, notes, forbiddenScopes, findings, listedBy, branding };
    }
    if (user.trustedClientIds.map((id) => id.toLowerCase()).includes(clientId)) {
      notes.push(text('noteUserTrusted'));
      return { verdict: 'warn', action: 'none', canOverride: false, notes, forbiddenScopes, findings, listedBy, branding };
    }
  }
  return {
    verdict: analysis.verdict,
    action: analysis.verdict === 'warn' ? 'banner' : 'none',
    canOverride: false,
    notes,
    forbiddenScopes,
    findings,
    listedBy,
    branding,
  };
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

/**
 * Known threats: an app the admin blocked (`blockedClientIds`), an app, redirect host or lookalike host on a
 * threat feed. A lookalike-host entry never applies to a trusted host: a feed cannot mark Microsoft's sign-in
 * (or the organization's own extra trusted hosts) as phishing.
 */
export function knownThreats(analysis: Analysis, policy: ManagedPolicy, intel: ThreatIntel): { findings: Finding[]; listedBy: ListedBy[] } {
  const findings: Finding[] = [];
  const listedBy: ListedBy[] = [];
  const onFeed = (hit: IntelHit, value: string): ListedBy => ({
    source: 'feed',
    feed: hit.feed,
    url: hit.url ?? null,
    kind: hit.kind,
    value,
    reason: hit.reason,
  });
  const clientId = analysis.request?.clientId?.toLowerCase() ?? null;
  const company = policy.companyName ?? text('yourOrganization');
  if (clientId !== null) {
    const blocked = (policy.blockedClientIds ?? []).find((entry) => entry.clientId === clientId);
    if (blocked) {
      findings.push(finding('known-malicious-app', text('intelAppBlockedByPolicy', company, clientId, blocked.reason ?? text('intelNoReason'))));
      listedBy.push({ source: 'policy', feed: null, url: null, kind: 'app', value: clientId, reason: blocked.reason ?? null });
    } else {
      const hit = intel.apps.get(clientId);
      if (hit) {
        findings.push(finding('known-malicious-app', text('intelAppOnFeed', appLabel(hit), hit.feed, hit.reason)));
        listedBy.push(onFeed(hit, clientId));
      }
    }
  }
  const redirectHost = hostOf(analysis.request?.redirectUri);
  const redirectHit = redirectHost === null ? undefined : lookupHost(intel.redirectHosts, redirectHost);
  if (redirectHost !== null && redirectHit) {
    findings.push(finding('known-malicious-redirect', text('intelRedirectOnFeed', redirectHost, redirectHit.feed, redirectHit.reason)));
    listedBy.push(onFeed(redirectHit, redirectHost));
  }
  const hostHit = analysis.host.trusted ? undefined : lookupHost(intel.lookalikeHosts, analysis.host.name);
  if (hostHit) {
    findings.push(finding('known-malicious-host', text('intelHostOnFeed', analysis.host.name, hostHit.feed, hostHit.reason)));
    listedBy.push(onFeed(hostHit, analysis.host.name));
  }
  return { findings, listedBy };
}

/** The analysis as the page's view shows it: a known threat makes it `danger`, its findings first. */
export function withPolicyFindings(analysis: Analysis, decision: Decision): Analysis {
  if (decision.findings.length === 0) return analysis;
  return { ...analysis, verdict: 'danger', findings: [...decision.findings, ...analysis.findings] };
}

function finding(id: string, sentence: Text): Finding {
  return { id, severity: 'danger', message: englishText(sentence), text: sentence };
}

function appLabel(hit: IntelHit): string {
  return hit.name ? `${hit.name} (${hit.value})` : hit.value;
}

function hostOf(uri: string | null | undefined): string | null {
  if (!uri) return null;
  try {
    return new URL(uri).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

function brandingOf(policy: ManagedPolicy): Branding | null {
  if (policy.companyName === undefined && policy.warningMessage === undefined && policy.helpUrl === undefined) return null;
  return { organization: policy.companyName ?? null, message: policy.warningMessage ?? null, supportUrl: policy.helpUrl ?? null };
}
