/** Audit exports of the authorization list: JSON and CSV (safe against CSV/formula injection). */
import type { AuthorizationView } from './model';

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
  }));
}

export function toJson(views: readonly AuthorizationView[], exportedAt: Date, source: string): string {
  return `${JSON.stringify({ exportedAt: exportedAt.toISOString(), source, count: views.length, authorizations: toExportRecords(views) }, null, 2)}\n`;
}

const CSV_COLUMNS: readonly (keyof ExportRecord)[] = [
  'authorizationId', 'clientId', 'app', 'publisher', 'publisherSite', 'website', 'riskTier', 'highPrivilege', 'fullAccess',
  'scopes', 'effectiveScopes', 'grantedAt', 'expiresAt', 'everUsed', 'valid', 'stale',
];

/** Spreadsheets run cells starting with = + - @ (and tab/CR) as formulas: prefix them with a quote. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(views: readonly AuthorizationView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const record of toExportRecords(views)) lines.push(CSV_COLUMNS.map((column) => csvCell(record[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
