/** Turns an analysis into the compact view model the banner and popup render, in the user's language (pure but for i18n lookups). */
import { scopeTextKey } from '../catalog/scopes';
import { analyzeLocalFile, analyzeUrl, isLocalFileUrl, NO_PAGE_SIGNALS, type Analysis } from '../core';
import type { ContentSignals, PageView, ViewScope } from '../messaging/page-messages';
import { localText, t } from '../platform/i18n';
import { scopeTitle } from '../ui/scope-text';
import { decide, withPolicyFindings } from '../policy/decide';
import type { ManagedPolicy, UserSettings } from '../policy/policy';
import type { ThreatIntel } from '../policy/threat-intel';
import { redirectHostOf } from '../policy/report';

/** The organization's policy and the user's own settings, as decide() takes them. */
export interface PolicyContext {
  readonly policy: ManagedPolicy;
  readonly user: UserSettings;
  /** The stored threat feeds (src/policy/feed-store.ts); none when absent. */
  readonly intel?: ThreatIntel;
}
export const NO_POLICY: PolicyContext = { policy: {}, user: { trustedClientIds: [] } };

/** 64-bit FNV-1a of the request URL (fragment dropped), as 16 hex digits. */
export function requestKeyOf(url: string): string {
  const text = url.split('#')[0] ?? url;
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** One document as the background sees it: its address, its frame, what its guard reported, the policy in force. */
export interface DocumentInput {
  readonly url: string;
  readonly frameId: number;
  readonly signals: ContentSignals | null;
  /** Policy and user settings (extra trusted hosts, approvals, forbidden scopes, trusted apps); none when absent. */
  readonly policy?: PolicyContext;
  /** A link someone may follow (the link check), not a page the browser shows: addresses it carries are judged too. */
  readonly isLink?: boolean;
}

/**
 * A document analysed once, on its own: whether it is itself an authorization request (it starts a flow) comes
 * from this analysis, and so does its view unless the tab's tracked flow has to explain it (viewOf).
 */
export interface DocumentAnalysis {
  readonly input: DocumentInput;
  /** null: not a web address. */
  readonly own: Analysis | null;
  /** The address carries an authorization request of its own (any host). */
  readonly isAuthorizeRequest: boolean;
}

function analyzeOptions(input: DocumentInput, flowStartUrl: string | null) {
  const signals = input.signals
    ? {
        // The browser says which frame sent it; the page's own claim can only add the "framed" warning.
        isTopFrame: input.frameId === 0 && input.signals.isTopFrame,
        forms: input.signals.forms,
        asks: input.signals.asks,
        brandingCues: input.signals.brandingCues,
      }
    : input.frameId === 0
      ? undefined
      : { ...NO_PAGE_SIGNALS, isTopFrame: false };
  const extraTrustedHosts = (input.policy ?? NO_POLICY).policy.extraTrustedHosts;
  return {
    ...(signals ? { signals } : {}),
    ...(flowStartUrl ? { flowStartUrl } : {}),
    ...(extraTrustedHosts && extraTrustedHosts.length > 0 ? { extraTrustedHosts } : {}),
    ...(input.isLink ? { judgeEmbeddedLinks: true } : {}),
  };
}

export function analyzeDocument(input: DocumentInput): DocumentAnalysis {
  if (isLocalFileUrl(input.url)) return { input, own: analyzeLocalFile(input.url, analyzeOptions(input, null).signals), isAuthorizeRequest: false };
  const result = analyzeUrl(input.url, analyzeOptions(input, null));
  const own = result.ok ? result.analysis : null;
  return { input, own, isAuthorizeRequest: own !== null && own.flow !== null };
}

/**
 * The view of an analysed document. A page on a trusted host that carries no request of its own (the consent
 * screen after the sign-in POST) is explained by the tab's flow: only then is it analysed a second time, with
 * the flow's start URL. Null when the address is not a web address.
 */
export function viewOf(
  document: DocumentAnalysis,
  context: { readonly flowStartUrl: string | null; readonly dismissedKeys: readonly string[] },
): PageView | null {
  const { input, own } = document;
  if (own === null) return null;
  const explainedByFlow = context.flowStartUrl !== null && !document.isAuthorizeRequest && own.host.trusted;
  const tracked = explainedByFlow ? analyzeUrl(input.url, analyzeOptions(input, context.flowStartUrl)) : null;
  const analysis = tracked?.ok ? tracked.analysis : own;
  const policy = input.policy ?? NO_POLICY;
  const decision = decide(analysis, policy.policy, policy.user, policy.intel);
  // Did the scopes come from the tracked flow? Only when this URL on its own carries no request.
  const fromTrackedFlow = explainedByFlow && analysis.flow !== null;
  const requestUrl = fromTrackedFlow && context.flowStartUrl ? context.flowStartUrl : analysis.url;
  // A known threat (blockedClientIds, a feed) makes the view danger, its findings first.
  return toPageView(withPolicyFindings(analysis, decision), {
    requestKey: requestKeyOf(requestUrl),
    fromTrackedFlow,
    appName: input.signals?.appName ?? null,
    publisher: input.signals?.publisher ?? null,
    dismissedKeys: context.dismissedKeys,
    decision: {
      action: decision.action,
      canOverride: decision.canOverride,
      notes: decision.notes.map(localText),
      forbiddenScopes: decision.forbiddenScopes,
      ...(decision.listedBy.length > 0 ? { listedBy: decision.listedBy } : {}),
      ...(decision.branding ? { branding: decision.branding } : {}),
    },
  });
}

export interface PageAnalysisInput extends DocumentInput {
  readonly flowStartUrl: string | null;
  readonly dismissedKeys: readonly string[];
}

/** Analyses one document into its view in one go (the link check, which has no tab and no flow). */
export function analyzePage(input: PageAnalysisInput): PageView | null {
  return viewOf(analyzeDocument(input), input);
}

interface ViewExtras {
  readonly requestKey: string;
  readonly fromTrackedFlow: boolean;
  readonly appName: string | null;
  readonly publisher: string | null;
  readonly dismissedKeys: readonly string[];
  readonly decision?: PageView['decision'];
}

export function toPageView(analysis: Analysis, extras: ViewExtras): PageView {
  const scopes: ViewScope[] = analysis.scopes.requested.map((scope) => ({
    id: scope.name,
    title: scope.entry ? t(scopeTextKey(scope.entry.id, 'name')) : scope.name === '.default' ? t('scopeDefaultTitle') : scope.name,
    resource: scope.resource,
    tier: scope.entry?.tier ?? (scope.name === '.default' ? 'critical' : 'unknown'),
    highPrivilege: scope.entry?.highPrivilege ?? scope.name === '.default',
    canDo: scope.entry ? t(scopeTextKey(scope.entry.id, 'can')) : scope.name === '.default' ? t('scopeDefaultCanDo') : null,
    attackerUse: scope.entry ? t(scopeTextKey(scope.entry.id, 'misuse')) : null,
  }));
  const requestedIds = new Set(scopes.map((scope) => scope.id.toLowerCase()));
  const includes = analysis.scopes.effective.filter((id) => !requestedIds.has(id.toLowerCase())).map((id) => ({ id, title: scopeTitle(id) }));
  return {
    verdict: analysis.verdict,
    requestKey: extras.requestKey,
    url: analysis.url,
    host: {
      name: analysis.host.name,
      unicode: analysis.host.unicode,
      trusted: analysis.host.trusted,
      imitates: analysis.host.imitates,
      ...(analysis.host.local ? { local: true as const } : {}),
    },
    flow: analysis.flow,
    fromTrackedFlow: extras.fromTrackedFlow,
    findings: analysis.findings.map((finding) => ({ id: finding.id, severity: finding.severity, message: localText(finding.text) })),
    scopes,
    includes,
    pageClaims: { appName: extras.appName, publisher: extras.publisher },
    dismissed: analysis.verdict === 'warn' && extras.dismissedKeys.includes(extras.requestKey),
    clientId: analysis.request?.clientId?.toLowerCase() ?? null,
    redirectHost: redirectHostOf(analysis.request?.redirectUri),
    ...(extras.decision ? { decision: extras.decision } : {}),
  };
}

export const BADGE_COLORS = { danger: '#c62828', warn: '#f59e0b', ok: '#2e7d32' } as const;

/** DESIGN.md: danger → ✕ on red, warn → ! on amber, ok → OK on green, none → no badge; the title says the top finding. */
export function badgeFor(view: PageView | null): { text: string; color: string | null; title: string } {
  const verdict = view?.verdict ?? 'none';
  // Policy notes ("Contoso has approved this app.") follow the top finding; the badge itself stays honest.
  const notes = view?.decision?.notes.length ? ` ${view.decision.notes.join(' ')}` : '';
  const top = view ? `${view.findings[0]?.message ?? ''}${notes}`.trim() || undefined : undefined;
  switch (verdict) {
    case 'danger':
      return { text: '✕', color: BADGE_COLORS.danger, title: `${t('badgeDanger')} ${top ?? ''}`.trim() };
    case 'warn':
      return { text: '!', color: BADGE_COLORS.warn, title: `${t('badgeWarn')} ${top ?? ''}`.trim() };
    case 'ok':
      return { text: 'OK', color: BADGE_COLORS.ok, title: `${t('badgeOk')} ${top ?? ''}`.trim() };
    default:
      return { text: '', color: null, title: 'Consent Guard' };
  }
}
