/** Turns an analysis into the compact view model the banner and popup render, in the user's language (pure but for i18n lookups). */
import { scopeTextKey } from '../catalog/scopes';
import { analyzeUrl, NO_PAGE_SIGNALS, type Analysis } from '../core';
import type { ContentSignals, PageView, ViewScope, ViewVerdict } from '../messaging/page-messages';
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

const SEVERITY: Record<ViewVerdict, number> = { none: 0, ok: 1, warn: 2, danger: 3 };

export function worseVerdict(a: ViewVerdict, b: ViewVerdict): ViewVerdict {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

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

export interface PageAnalysisInput {
  readonly url: string;
  readonly frameId: number;
  readonly flowStartUrl: string | null;
  readonly signals: ContentSignals | null;
  readonly dismissedKeys: readonly string[];
  /** Policy and user settings (extra trusted hosts, approvals, forbidden scopes, trusted apps); none when absent. */
  readonly policy?: PolicyContext;
}

/** Analyses one frame's URL (plus the tab's flow and the page's signals) into a view; null when the URL is not a web address. */
export function analyzePage(input: PageAnalysisInput): PageView | null {
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
  const context = input.policy ?? NO_POLICY;
  const extraTrustedHosts = context.policy.extraTrustedHosts;
  const options = {
    ...(signals ? { signals } : {}),
    ...(input.flowStartUrl ? { flowStartUrl: input.flowStartUrl } : {}),
    ...(extraTrustedHosts && extraTrustedHosts.length > 0 ? { extraTrustedHosts } : {}),
  };
  const result = analyzeUrl(input.url, options);
  if (!result.ok) return null;
  const analysis = result.analysis;
  const decision = decide(analysis, context.policy, context.user, context.intel);
  // Did the scopes come from the tracked flow? Only when this URL on its own carries no request.
  const fromTrackedFlow = input.flowStartUrl !== null && analysis.flow !== null && !carriesOwnRequest(input.url);
  const requestUrl = fromTrackedFlow && input.flowStartUrl ? input.flowStartUrl : analysis.url;
  // A known threat (blockedClientIds, a feed) makes the view danger, its findings first.
  return toView(withPolicyFindings(analysis, decision), {
    requestKey: requestKeyOf(requestUrl),
    fromTrackedFlow,
    appName: input.signals?.appName ?? null,
    publisher: input.signals?.publisher ?? null,
    dismissedKeys: input.dismissedKeys,
    decision: {
      action: decision.action,
      canOverride: decision.canOverride,
      notes: decision.notes.map(localText),
      forbiddenScopes: decision.forbiddenScopes,
      ...(decision.branding ? { branding: decision.branding } : {}),
    },
  });
}

function carriesOwnRequest(url: string): boolean {
  const own = analyzeUrl(url);
  return own.ok && own.analysis.flow !== null;
}

interface ViewExtras {
  readonly requestKey: string;
  readonly fromTrackedFlow: boolean;
  readonly appName: string | null;
  readonly publisher: string | null;
  readonly dismissedKeys: readonly string[];
  readonly decision?: PageView['decision'];
}

export function toView(analysis: Analysis, extras: ViewExtras): PageView {
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
    host: { name: analysis.host.name, unicode: analysis.host.unicode, trusted: analysis.host.trusted, imitates: analysis.host.imitates },
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
