/**
 * "Report to my admin": a mailto: or https link prefilled with what the admin needs to act (host, client id,
 * redirect host, scopes, finding ids and messages), in the user's language. Never the page's content or the
 * URL's query. Pure but for i18n lookups.
 */
import { t } from '../platform/i18n';

export interface ReportDetails {
  readonly host: string;
  readonly clientId: string | null;
  readonly redirectHost: string | null;
  readonly scopes: readonly string[];
  readonly verdict: string;
  readonly findings: readonly { readonly id: string; readonly message: string }[];
  readonly forbiddenScopes: readonly string[];
  readonly time: number;
}

const MAX_BODY = 1800;

export function reportSubject(details: ReportDetails): string {
  return t(details.verdict === 'danger' ? 'reportSubjectPhishing' : 'reportSubjectRequest', details.host);
}

export function reportBody(details: ReportDetails): string {
  // Values stay as the tools show them (ISO time, raw ids and verdict) so the admin can search for them.
  const none = t('findingNone');
  const lines = [
    t('reportIntro'),
    '',
    `${t('reportTime')}: ${new Date(details.time).toISOString()}`,
    `${t('reportHost')}: ${details.host}`,
    `${t('reportClientId')}: ${details.clientId ?? none}`,
    `${t('reportRedirectHost')}: ${details.redirectHost ?? none}`,
    `${t('reportVerdict')}: ${details.verdict}`,
    `${t('reportScopes')}: ${details.scopes.length > 0 ? details.scopes.join(', ') : none}`,
  ];
  if (details.forbiddenScopes.length > 0) lines.push(`${t('reportForbidden')}: ${details.forbiddenScopes.join(', ')}`);
  lines.push('', `${t('reportFindings')}:`);
  for (const finding of details.findings) lines.push(`- ${finding.id}: ${finding.message}`);
  const body = lines.join('\n');
  return body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n…` : body;
}

/** The link for the report button, or null when the policy has no usable reportUrl. */
export function reportLink(reportUrl: string | undefined, details: ReportDetails): string | null {
  return reportLinkWith(reportUrl, reportSubject(details), reportBody(details));
}

/** The report link for any subject and body (the link check writes its own: it blocked nothing). */
export function reportLinkWith(reportUrl: string | undefined, subject: string, fullBody: string): string | null {
  if (!reportUrl) return null;
  const body = fullBody.length > MAX_BODY ? `${fullBody.slice(0, MAX_BODY)}\n…` : fullBody;
  if (/^mailto:/i.test(reportUrl)) {
    const separator = reportUrl.includes('?') ? '&' : '?';
    return `${reportUrl}${separator}subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  }
  try {
    const url = new URL(reportUrl);
    if (url.protocol !== 'https:') return null;
    url.searchParams.set('subject', subject);
    url.searchParams.set('body', body);
    return url.toString();
  } catch {
    return null;
  }
}

export function redirectHostOf(redirectUri: string | null | undefined): string | null {
  if (!redirectUri) return null;
  try {
    return new URL(redirectUri).hostname || null;
  } catch {
    return null;
  }
}
