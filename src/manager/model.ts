/**
 * Turns validated DelegatedAuth answers into what the manager shows: scopes with our risk tier and
 * explanation from the catalog (in the user's language), effective scopes, dates, staleness. No DOM and
 * no browser API but the i18n lookup.
 */
import { scopeTextKey } from '../catalog/scopes';
import { expandScopes, lookupScope } from '../core/scopes';
import { t } from '../platform/i18n';
import type { RiskTier } from '../catalog/schema';
import type { AuthorizationDetails } from './api/schemas';
import type { ApiError } from './api/errors';
import type { ManagerSource, SourceKey, SourceListResult } from '../messaging/manager-messages';

/** Which sign-in listed an authorization: the browser session, or one organization's token. */
export interface AnsweredBy {
  readonly key: SourceKey;
  /** null: the browser session. */
  readonly organization: string | null;
}

export type TierOrUnknown = RiskTier | 'unknown';

/** One scope an authorization holds, as the popup explains it (a requested scope on a page is a ViewScope, src/messaging/page-view.ts). */
export interface GrantedScope {
  readonly id: string;
  readonly known: boolean;
  readonly tier: TierOrUnknown;
  readonly name: string;
  readonly highPrivilege: boolean;
  readonly canDo: string;
  readonly attackerUse: string;
}

export interface AuthorizationView {
  readonly id: string;
  readonly clientId: string | null;
  readonly appName: string;
  readonly appDescription: string | null;
  readonly publisher: string | null;
  /** https only; anything else is dropped (we never link to it). */
  readonly publisherSite: string | null;
  readonly website: string | null;
  readonly scopes: readonly GrantedScope[];
  readonly effectiveScopes: readonly string[];
  /** Highest tier among the granted scopes; full access counts as critical. */
  readonly tier: TierOrUnknown;
  readonly highPrivilege: boolean;
  readonly fullAccess: boolean;
  /** Epoch ms, or null when Azure DevOps did not say. */
  readonly grantedAt: number | null;
  readonly expiresAt: number | null;
  readonly used: boolean;
  readonly valid: boolean;
  readonly expired: boolean;
  readonly neverUsed: boolean;
  readonly stale: boolean;
  /** Every sign-in that listed it, the first is the one a revoke goes through. */
  readonly answeredBy: readonly AnsweredBy[];
}

const TIER_RANK: Record<TierOrUnknown, number> = { low: 1, medium: 2, unknown: 2.5, high: 3, critical: 4 };
export const tierRank = (tier: TierOrUnknown): number => TIER_RANK[tier];

/** Scope names that mean full access rather than a named permission. */
const FULL_ACCESS = new Set(['user_impersonation', '.default']);

/** .NET's DateTime.MinValue / MaxValue stand for "no date". */
function toTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  const year = new Date(time).getUTCFullYear();
  return year <= 1 || year >= 9999 ? null : time;
}

export function safeHttpsUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.href : null;
  } catch {
    return null;
  }
}

function cleanText(value: string | null | undefined, max = 200): string | null {
  if (!value) return null;
  const cleaned = value.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return cleaned ? cleaned.slice(0, max) : null;
}

export function grantedScope(raw: string): GrantedScope {
  const lower = raw.toLowerCase();
  const name = lower.startsWith('/') ? lower.replace(/^\/+/, '') : lower;
  const entry = lookupScope(name);
  if (entry)
    return {
      id: entry.id,
      known: true,
      tier: entry.tier,
      name: t(scopeTextKey(entry.id, 'name')),
      highPrivilege: entry.highPrivilege,
      canDo: t(scopeTextKey(entry.id, 'can')),
      attackerUse: t(scopeTextKey(entry.id, 'misuse')),
    };
  if (name === '.default')
    return {
      id: '.default',
      known: true,
      tier: 'critical',
      name: t('scopeDefaultName'),
      highPrivilege: true,
      canDo: t('scopeDefaultManagerCanDo'),
      attackerUse: t('scopeDefaultManagerMisuse'),
    };
  return {
    id: raw,
    known: false,
    tier: 'unknown',
    name: t('scopeUnknownName'),
    highPrivilege: false,
    canDo: t('scopeUnknown'),
    attackerUse: t('scopeUnknownMisuse'),
  };
}

interface ScopeSummary {
  readonly scopes: readonly GrantedScope[];
  readonly effectiveScopes: readonly string[];
  readonly tier: TierOrUnknown;
  readonly fullAccess: boolean;
  readonly highPrivilege: boolean;
}

/** Many grants share a scope string; the analysis depends on nothing else, so it is computed once per string. */
const summaries = new Map<string, ScopeSummary>();

function summarizeScopes(scopeString: string): ScopeSummary {
  const cached = summaries.get(scopeString);
  if (cached) return cached;
  const names = [...new Set(scopeString.split(/\s+/).filter(Boolean))];
  const scopes = names.map(grantedScope);
  const fullAccess = scopes.some((scope) => FULL_ACCESS.has(scope.id));
  let tier: TierOrUnknown = 'low';
  for (const scope of scopes) if (tierRank(scope.tier) > tierRank(tier)) tier = scope.tier;
  if (fullAccess) tier = 'critical';
  if (scopes.length === 0) tier = 'unknown';
  const summary = { scopes, effectiveScopes: expandScopes(names), tier, fullAccess, highPrivilege: fullAccess || scopes.some((scope) => scope.highPrivilege) };
  if (summaries.size < 5000) summaries.set(scopeString, summary);
  return summary;
}

export function toView(details: AuthorizationDetails, now: number, answeredBy: readonly AnsweredBy[] = []): AuthorizationView {
  const { authorization, clientRegistration: registration } = details;
  const { scopes, effectiveScopes, tier, fullAccess, highPrivilege } = summarizeScopes(authorization.scopes ?? '');
  const expiresAt = toTime(authorization.validTo);
  const expired = expiresAt !== null && expiresAt <= now;
  const used = authorization.isAccessUsed === true;
  const valid = authorization.isValid === true && !expired;
  return {
    id: authorization.authorizationId.toLowerCase(),
    clientId: registration?.registrationId ?? authorization.registrationId ?? null,
    appName: cleanText(registration?.registrationName, 120) ?? t('managerUnnamedApp'),
    appDescription: cleanText(registration?.registrationDescription, 500),
    publisher: cleanText(registration?.organizationName, 120),
    publisherSite: safeHttpsUrl(registration?.organizationLocation),
    website: safeHttpsUrl(registration?.registrationLocation),
    scopes,
    effectiveScopes,
    tier,
    highPrivilege,
    fullAccess,
    grantedAt: toTime(authorization.validFrom),
    expiresAt,
    used,
    valid,
    expired,
    neverUsed: !used,
    stale: !used || expired || !valid,
    answeredBy,
  };
}

export interface MergedList {
  /** One view per authorization id, whoever listed it. */
  readonly views: AuthorizationView[];
  /** The sign-ins that did not answer with a list. */
  readonly failures: readonly { readonly source: ManagerSource; readonly error: ApiError }[];
  /** The sign-ins that did. */
  readonly answered: readonly ManagerSource[];
}

/**
 * The answers of every sign-in as one list. The same authorization listed by two sign-ins (one account
 * reaching Azure DevOps through the session and a token) is one row naming both.
 */
export function mergeResults(results: readonly SourceListResult[], now: number): MergedList {
  const byId = new Map<string, { details: AuthorizationDetails; answeredBy: AnsweredBy[] }>();
  const failures: { source: ManagerSource; error: ApiError }[] = [];
  const answered: ManagerSource[] = [];
  for (const result of results) {
    if (!result.ok) {
      failures.push({ source: result.source, error: result.error });
      continue;
    }
    answered.push(result.source);
    const by: AnsweredBy = { key: result.source.key, organization: result.source.organization };
    for (const details of result.authorizations) {
      const id = details.authorization.authorizationId.toLowerCase();
      const found = byId.get(id);
      if (found) {
        if (!found.answeredBy.some((entry) => entry.key === by.key)) found.answeredBy.push(by);
      } else byId.set(id, { details, answeredBy: [by] });
    }
  }
  const views = [...byId.values()].map(({ details, answeredBy }) => toView(details, now, answeredBy));
  return { views, failures, answered };
}

export type SortKey = 'risk' | 'name' | 'granted' | 'expires';
export type RiskFilter = 'all' | 'high' | 'critical' | 'stale';

export interface ListQuery {
  readonly sort: SortKey;
  readonly risk: RiskFilter;
  readonly text: string;
}

export const DEFAULT_QUERY: ListQuery = { sort: 'risk', risk: 'all', text: '' };

// One collator: localeCompare with options builds a new one per call, which dominates sorting 500 rows.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: AuthorizationView, b: AuthorizationView) => collator.compare(a.appName, b.appName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function applyQuery(views: readonly AuthorizationView[], query: ListQuery): AuthorizationView[] {
  const text = query.text.trim().toLowerCase();
  const filtered = views.filter((view) => {
    if (query.risk === 'high' && !(view.highPrivilege || tierRank(view.tier) >= TIER_RANK.high)) return false;
    if (query.risk === 'critical' && view.tier !== 'critical') return false;
    if (query.risk === 'stale' && !view.stale) return false;
    if (!text) return true;
    return (
      view.appName.toLowerCase().includes(text) ||
      (view.publisher ?? '').toLowerCase().includes(text) ||
      view.scopes.some((scope) => scope.id.toLowerCase().includes(text))
    );
  });
  const compare: Record<SortKey, (a: AuthorizationView, b: AuthorizationView) => number> = {
    risk: (a, b) => tierRank(b.tier) - tierRank(a.tier) || Number(b.fullAccess) - Number(a.fullAccess) || byName(a, b),
    name: byName,
    granted: (a, b) => (b.grantedAt ?? -Infinity) - (a.grantedAt ?? -Infinity) || byName(a, b),
    expires: (a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || byName(a, b),
  };
  return filtered.sort(compare[query.sort]);
}
