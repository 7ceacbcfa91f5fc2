/**
 * "Report to my admin": a mailto: or https link prefilled with what the admin needs to act (host, client id,
 * redirect host, scopes, finding ids and messages). Never the page's content or the URL's query. Pure.
 */

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
  return `Consent Guard: blocked ${details.verdict === 'danger' ? 'likely phishing' : 'authorization request'} on ${details.host}`;
}

export function reportBody(details: ReportDetails): string {
  const lines = [
    'Consent Guard blocked this authorization request.',
    '',
    `Time: ${new Date(details.time).toISOString()}`,
    `Host: ${details.host}`,
    `Client id: ${details.clientId ?? '(none)'}`,
    `Redirect host: ${details.redirectHost ?? '(none)'}`,
    `Verdict: ${details.verdict}`,
    `Scopes: ${details.scopes.length > 0 ? details.scopes.join(', ') : '(none)'}`,
  ];
  if (details.forbiddenScopes.length > 0) lines.push(`Forbidden by policy: ${details.forbiddenScopes.join(', ')}`);
  lines.push('', 'Findings:');
  for (const finding of details.findings) lines.push(`- ${finding.id}: ${finding.message}`);
  const body = lines.join('\n');
  return body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n…` : body;
}

/** The link for the report button, or null when the policy has no usable reportUrl. */
export function reportLink(reportUrl: string | undefined, details: ReportDetails): string | null {
  if (!reportUrl) return null;
  const subject = reportSubject(details);
  const body = reportBody(details);
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
