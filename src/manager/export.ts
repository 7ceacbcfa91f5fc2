/**
 * Audit exports: the API's authorization list and the consents approved in this browser, as JSON and as
 * CSV (safe against CSV/formula injection). The export is a file the user saves; nothing is sent.
 */
import type { ConsentRecord } from '../messaging/manager-messages';
import { csvCell } from '../ui/csv';
import { tierRank, type AuthorizationView, type TierOrUnknown } from './model';

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

export interface ExportRecord {
  authorizationId: string;
  clientId: string | null;
  app: string;
  publisher: string | null;
  publisherSite: string | null;
  website: string | null;
  riskTier: string;
  highPrivilege: boolean;
  fullAccess: boolean;
  scopes: string[];
  effectiveScopes: string[];
  grantedAt: string | null;
  expiresAt: string | null;
  everUsed: boolean;
  valid: boolean;
  stale: boolean;
  /** Who listed it: `session` or the organization names. */
  answeredBy: string[];
}

export function toExportRecords(views: readonly AuthorizationView[]): ExportRecord[] {
  return views.map((view) => ({
    authorizationId: view.id,
    clientId: view.clientId,
    app: view.appName,
    publisher: view.publisher,
    publisherSite: view.publisherSite,
    website: view.website,
    riskTier: view.tier,
    highPrivilege: view.highPrivilege,
    fullAccess: view.fullAccess,
    scopes: view.scopes.map((scope) => scope.id),
    effectiveScopes: [...view.effectiveScopes],
    grantedAt: iso(view.grantedAt),
    expiresAt: iso(view.expiresAt),
    everUsed: view.used,
    valid: view.valid,
    stale: view.stale,
    answeredBy: view.answeredBy.map((by) => by.organization ?? 'session'),
  }));
}

export interface ConsentExportRecord {
  outcome: ConsentRecord['outcome'];
  /** `entra` or `azure-devops-oauth`. */
  consentKind: ConsentRecord['kind'];
  flow: ConsentRecord['flow'];
  /** As the consent page showed them (page-controlled). */
  app: string | null;
  publisherClaimed: string | null;
  clientId: string | null;
  riskTier: TierOrUnknown;
  scopes: { id: string; tier: string; highPrivilege: boolean }[];
  verdictAtConsent: ConsentRecord['verdict'];
  host: string;
  tenant: string | null;
  redirectHost: string | null;
  endedAt: string;
  /** Where it is revoked: the Azure DevOps API, My Apps or the Microsoft account page. */
  revokeAt: string;
}

function consentTier(record: ConsentRecord): TierOrUnknown {
  let tier: TierOrUnknown = 'low';
  for (const scope of record.scopes) if (tierRank(scope.tier) > tierRank(tier)) tier = scope.tier;
  return record.scopes.length === 0 ? 'unknown' : tier;
}

function revokeAt(record: ConsentRecord): string {
  if (record.kind === 'azure-devops-oauth') return 'azure-devops-api';
  const tenant = (record.tenant ?? '').toLowerCase();
  if (record.host === 'login.live.com' || tenant === 'consumers' || tenant === '9188040d-6c67-4c5b-b112-36a304b66dad')
    return 'https://account.live.com/consent/Manage';
  return 'https://myapps.microsoft.com/';
}

export function toConsentExportRecords(records: readonly ConsentRecord[]): ConsentExportRecord[] {
  return records.map((record) => ({
    outcome: record.outcome,
    consentKind: record.kind,
    flow: record.flow,
    app: record.appName,
    publisherClaimed: record.publisher,
    clientId: record.clientId,
    riskTier: consentTier(record),
    scopes: record.scopes.map((scope) => ({ id: scope.id, tier: scope.tier, highPrivilege: scope.highPrivilege })),
    verdictAtConsent: record.verdict,
    host: record.host,
    tenant: record.tenant,
    redirectHost: record.redirectHost,
    endedAt: new Date(record.endedAt).toISOString(),
    revokeAt: revokeAt(record),
  }));
}

export function toJson(views: readonly AuthorizationView[], exportedAt: Date, source: string, consents: readonly ConsentRecord[] = []): string {
  const approved = consents.filter((record) => record.outcome === 'approved');
  return `${JSON.stringify(
    {
      exportedAt: exportedAt.toISOString(),
      source,
      count: views.length,
      authorizations: toExportRecords(views),
      approvedInThisBrowser: toConsentExportRecords(approved),
      endedWithoutApproval: toConsentExportRecords(consents.filter((record) => record.outcome !== 'approved')),
    },
    null,
    2,
  )}\n`;
}

const CSV_COLUMNS = [
  'authorizationId',
  'clientId',
  'app',
  'publisher',
  'publisherSite',
  'website',
  'riskTier',
  'highPrivilege',
  'fullAccess',
  'scopes',
  'effectiveScopes',
  'grantedAt',
  'expiresAt',
  'everUsed',
  'valid',
  'stale',
  // Added with the consent inventory: which list a row comes from, and what only the inventory knows.
  'list',
  'answeredBy',
  'consentKind',
  'verdictAtConsent',
  'revokeAt',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** API rows (`list` = `azure-devops-api`), then the consents approved in this browser (`list` = `approved-in-this-browser`). */
export function toCsv(views: readonly AuthorizationView[], consents: readonly ConsentRecord[] = []): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const record of toExportRecords(views)) {
    const row: Partial<Record<CsvColumn, unknown>> = { ...record, list: 'azure-devops-api' };
    lines.push(CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
  }
  for (const consent of toConsentExportRecords(consents.filter((record) => record.outcome === 'approved'))) {
    const row: Partial<Record<CsvColumn, unknown>> = {
      clientId: consent.clientId,
      app: consent.app,
      publisher: consent.publisherClaimed,
      riskTier: consent.riskTier,
      highPrivilege: consent.scopes.some((scope) => scope.highPrivilege),
      fullAccess: consent.scopes.some((scope) => scope.id === '.default' || scope.id === 'user_impersonation'),
      scopes: consent.scopes.map((scope) => scope.id),
      grantedAt: consent.endedAt,
      list: 'approved-in-this-browser',
      consentKind: consent.consentKind,
      verdictAtConsent: consent.verdictAtConsent,
      revokeAt: consent.revokeAt,
    };
    lines.push(CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
