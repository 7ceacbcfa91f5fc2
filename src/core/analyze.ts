import { scopeTextKey } from '../catalog/scopes';
import { assessHost, type HostAssessment, type LookalikeTechnique } from './host-assessment';
import { AZURE_DEVOPS_OAUTH_HOST, DEVICE_CODE_PAGES } from './hosts';
import { AZURE_DEVOPS_RESOURCE_ID, classifyScope, expandScopes, splitScopeValues, uniqueScopes, type RequestedScope } from './scopes';
import { addSignalFindings } from './page-signals';
import { findMisreadHost, revealEncodedAtSign } from './reader-host';
import { englishText, text, type Text, type TextArg, type TextKey } from './text';
import type { Analysis, AuthorizationRequest, Finding, Flow, PageSignals, ScopeReport, Severity, Verdict } from './types';

/** Browsers refuse longer URLs (Chromium's limit is 2 MiB), so nothing longer can be a page the user is on. */
export const MAX_URL_LENGTH = 2 * 1024 * 1024;

/**
 * First-party Microsoft clients that Azure DevOps pre-authorizes (no consent screen). A web page that
 * sends someone to sign in as one of them, with a localhost redirect, and asks for the resulting
 * `localhost?code=` address back is the "ConsentFix" trick.
 */
const PREAUTHORIZED_FIRST_PARTY_CLIENTS: ReadonlyMap<string, string> = new Map([
  ['872cd9fa-d31f-45e0-9eab-6e460a02d1f1', 'Visual Studio'],
  ['04b07795-8ddb-461a-bbee-02f9e1bf7b46', 'Azure CLI'],
  ['1950a258-227b-4e31-a9cf-717495945fc2', 'Azure PowerShell'],
]);

/** Parameters a server reads once: sending two of them can make us see one value and the server another. */
const SINGLE_VALUE_PARAMETERS = ['client_id', 'redirect_uri', 'response_type', 'resource', 'prompt'] as const;

export type AnalyzeResult = { readonly ok: true; readonly analysis: Analysis } | { readonly ok: false; readonly error: string };

export interface AnalyzeOptions {
  /** What the content script saw on the page (only ever adds warnings). */
  readonly signals?: PageSignals;
  /**
   * The authorize URL that started this tab's flow, when the current page (a consent screen after a
   * sign-in POST) no longer carries the request. Used only when it is on the same trusted host.
   */
  readonly flowStartUrl?: string;
  /** Hosts an organization's policy trusts in addition to Microsoft's (lowercase). */
  readonly extraTrustedHosts?: readonly string[];
}

export function analyzeUrl(input: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const parsed = parseWebUrl(input);
  if (typeof parsed === 'string') return { ok: false, error: parsed };
  return { ok: true, analysis: analyzeParsedUrl(parsed, options) };
}

/**
 * The text each parsed URL was read from (refanged), so the analysis can compare what a person reads as the
 * host with where the browser goes. Weak: a URL that is no longer used takes its text with it.
 */
const typedTexts = new WeakMap<URL, string>();

/** Accepts defanged URLs from phishing reports (`hxxps://evil[.]example`). Returns an error message otherwise. */
export function parseWebUrl(input: string): URL | string {
  if (input.length > MAX_URL_LENGTH) return `input is ${input.length} characters, longer than any browser accepts (${MAX_URL_LENGTH})`;
  const refanged = input
    .trim()
    .replace(/^hxxp(s?):/i, 'http$1:')
    .replace(/\[\.\]/g, '.')
    .replace(/\[:\]/g, ':');
  if (refanged === '') return 'empty input: expected a URL';
  let url: URL;
  try {
    url = new URL(refanged);
  } catch {
    // No URL to the browser, but one to a tool that decodes `%40` first: judged as that tool would go.
    const revealed = revealEncodedAtSign(refanged);
    const decoded = revealed === null ? null : parseOrNull(revealed);
    if (decoded === null) return 'not a URL (expected an address such as https://app.vssps.visualstudio.com/oauth2/authorize?...)';
    url = decoded;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `not a web address (scheme "${url.protocol}"); expected http or https`;
  if (url.hostname === '') return 'the URL has no host';
  typedTexts.set(url, refanged);
  return url;
}

function parseOrNull(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function analyzeParsedUrl(url: URL, options: AnalyzeOptions): Analysis {
  const host = assessHost(url.hostname, options.extraTrustedHosts);
  const isTrustedHost = host.kind === 'trusted' || host.kind === 'proxy';
  const findings: Finding[] = [];
  const add = (id: string, severity: Severity, said: Text): void => {
    findings.push({ id, severity, message: englishText(said), text: said });
  };

  // The consent screen after a sign-in POST has lost the query; the tab's flow remembers it.
  let requestUrl = url;
  let flow = detectFlow(url, host);
  if (isTrustedHost && flow === null && options.flowStartUrl) {
    const start = parseWebUrl(options.flowStartUrl);
    const startFlow = typeof start === 'string' || start.hostname !== url.hostname ? null : detectFlow(start, host);
    if (startFlow !== null && typeof start !== 'string') {
      requestUrl = start;
      flow = startFlow;
    }
  }
  const params = requestUrl.searchParams;
  const request = flow === null ? null : readRequest(flow, requestUrl);

  const scopeValues = params.getAll('scope');
  const requestedScopes = uniqueScopes(splitScopeValues(scopeValues).map((raw) => classifyScope(raw, flow === 'azure-devops-oauth')));
  const adoScopes = requestedScopes.filter((scope) => scope.resource === 'azure-devops');
  const asksForAzureDevOpsResource = params.getAll('resource').some(isAzureDevOpsResource);
  const carriesAzureDevOpsRequest = adoScopes.length > 0 || asksForAzureDevOpsResource || queryMentionsAzureDevOps(params);

  // --- Where the page is, and how it was reached ---
  if (host.kind === 'lookalike') add(`lookalike-${host.technique}`, 'danger', lookalikeText(host.unicode, host.name, host.imitates, host.technique));
  const typedText = typedTexts.get(url);
  const misread = typedText === undefined ? null : findMisreadHost(typedText, url, options.extraTrustedHosts);
  if (misread !== null) add('displayed-host-mismatch', 'danger', text('finding_displayed_host_mismatch', misread, host.unicode));
  if (host.customerDomain !== undefined && (flow !== null || carriesAzureDevOpsRequest || host.kind === 'lookalike')) {
    add('customer-named-host', 'info', text('finding_customer_named_host', host.unicode, host.customerDomain.suffix));
  }
  if (host.kind === 'ip' && (flow !== null || carriesAzureDevOpsRequest)) {
    add('ip-address-host', 'danger', text('finding_ip_address_host', host.name));
  }
  if (host.kind === 'other' && carriesAzureDevOpsRequest) {
    add('authorization-request-off-microsoft', 'danger', text('finding_authorization_request_off_microsoft', host.unicode));
  }
  if (host.kind === 'microsoft' && flow !== null && carriesAzureDevOpsRequest) {
    add('unusual-microsoft-host', 'warn', text('finding_unusual_microsoft_host', host.name));
  }
  if (isTrustedHost && url.protocol !== 'https:') {
    add('insecure-connection', 'danger', text('finding_insecure_connection', host.name));
  }
  if (host.kind === 'proxy') {
    add('microsoft-proxy', 'info', text('finding_microsoft_proxy', host.name, host.proxied));
  }
  if (url.username !== '' || url.password !== '') {
    const userinfo = safeDecode(url.username);
    if (isTrustedHost) {
      add('userinfo-present', 'warn', text('finding_userinfo_present', userinfo));
    } else {
      add('userinfo-trick', 'danger', text('finding_userinfo_trick', userinfo, host.unicode));
    }
  }
  if (isTrustedHost && url.port !== '') {
    add('unusual-port', 'warn', text('finding_unusual_port', url.port));
  }
  if (DEVICE_CODE_PAGES.some((page) => page.host === host.name && page.path.test(url.pathname))) {
    add('device-code-page', 'warn', text('finding_device_code_page'));
  }

  // --- What the request asks for ---
  if (flow !== null || carriesAzureDevOpsRequest) addRequestFindings(add, flow, request, requestedScopes, asksForAzureDevOpsResource, params);

  // --- What the page shows ---
  if (options.signals) addSignalFindings(add, options.signals, host, isTrustedHost || flow !== null);

  const order: Record<Severity, number> = { danger: 0, warn: 1, info: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity]);

  const unknown = requestedScopes.filter((scope) => scope.entry === undefined && !isUnknowableButNamed(scope)).map((scope) => scope.name);
  return {
    url: url.href,
    verdict: decideVerdict(findings, flow !== null && isTrustedHost),
    flow,
    host: {
      name: host.name,
      unicode: host.unicode,
      trusted: isTrustedHost,
      imitates: host.kind === 'lookalike' ? host.imitates : null,
      technique: host.kind === 'lookalike' ? host.technique : null,
    },
    request,
    scopes: {
      requested: requestedScopes.map((scope): ScopeReport => ({ name: scope.name, resource: scope.resource, entry: scope.entry })),
      effective: expandScopes(adoScopes.map((scope) => scope.name)),
      unknown,
    },
    findings,
  };
}

function decideVerdict(findings: readonly Finding[], isAuthorizationRequestOnTrustedHost: boolean): Verdict {
  if (findings.some((finding) => finding.severity === 'danger')) return 'danger';
  if (findings.some((finding) => finding.severity === 'warn')) return 'warn';
  return isAuthorizationRequestOnTrustedHost ? 'ok' : 'none';
}

export type AddFinding = (id: string, severity: Severity, said: Text) => void;

function addRequestFindings(
  add: AddFinding,
  flow: Flow | null,
  request: AuthorizationRequest | null,
  scopes: readonly RequestedScope[],
  asksForAzureDevOpsResource: boolean,
  params: URLSearchParams,
): void {
  if (flow === 'azure-devops-oauth') {
    add('legacy-flow-deprecated', 'info', text('finding_legacy_flow_deprecated'));
    if (request?.responseType?.toLowerCase() !== 'assertion') {
      add('unexpected-response-type', 'warn', text('finding_unexpected_response_type', request?.responseType ?? text('findingNone')));
    }
    if (scopes.length === 0) add('no-scopes-listed', 'warn', text('finding_no_scopes_listed'));
  }

  const highPrivilege = scopes.filter((scope) => scope.entry?.highPrivilege && scope.name !== 'user_impersonation');
  if (highPrivilege.length > 0) {
    add('high-privilege-scopes', 'warn', text('finding_high_privilege_scopes', listSome(highPrivilege.map((scope) => (scope.entry ? text(scopeTextKey(scope.entry.id, 'name')) : scope.name)))));
  }
  const adoNames = new Set(scopes.filter((scope) => scope.resource === 'azure-devops').map((scope) => scope.name));
  if (adoNames.has('user_impersonation')) {
    add('full-access-user-impersonation', 'warn', text('finding_full_access_user_impersonation'));
  }
  if (adoNames.has('.default')) {
    add('full-access-default-scope', 'warn', text('finding_full_access_default_scope'));
  }
  if (flow === 'entra-v1' && asksForAzureDevOpsResource && adoNames.size === 0) {
    add('full-access-resource', 'warn', text('finding_full_access_resource'));
  }
  const unknown = scopes.filter((scope) => scope.entry === undefined && !isUnknowableButNamed(scope));
  if (unknown.length > 0) {
    add('unknown-scopes', 'warn', text('finding_unknown_scopes', listSome(unknown.map((scope) => scope.name))));
  }
  if (scopes.some((scope) => scope.name.toLowerCase() === 'offline_access')) {
    add('offline-access', 'info', text('finding_offline_access'));
  }

  for (const name of SINGLE_VALUE_PARAMETERS) {
    if (params.getAll(name).length > 1) {
      add('repeated-parameter', 'warn', text('finding_repeated_parameter', name));
      break;
    }
  }
  for (const redirect of params.getAll('redirect_uri')) {
    if (!isAcceptableRedirect(redirect)) {
      add('insecure-redirect', 'warn', text('finding_insecure_redirect', redirect));
      break;
    }
  }
  const firstParty = request?.clientId ? PREAUTHORIZED_FIRST_PARTY_CLIENTS.get(request.clientId.toLowerCase()) : undefined;
  if (firstParty && params.getAll('redirect_uri').some(isLoopbackRedirect)) {
    add('consentfix-pattern', 'warn', text('finding_consentfix_pattern', firstParty));
  }
  const prompt = request?.prompt?.toLowerCase();
  if (prompt === 'admin_consent') add('admin-consent', 'warn', text('finding_admin_consent'));
  else if (prompt === 'consent') add('consent-prompt', 'info', text('finding_consent_prompt'));
  if (request && !request.hasState) add('missing-state', 'info', text('finding_missing_state'));
}

function detectFlow(url: URL, host: HostAssessment): Flow | null {
  const path = safeDecode(url.pathname).replace(/\/+$/, '');
  if (/^\/oauth2\/authorize$/i.test(path)) {
    if (host.name === AZURE_DEVOPS_OAUTH_HOST || (host.kind === 'lookalike' && host.imitates === AZURE_DEVOPS_OAUTH_HOST)) return 'azure-devops-oauth';
    // Elsewhere, many OAuth servers use this path; only a request shaped like Azure DevOps's is a clone of it.
    const looksLikeAzureDevOps =
      url.searchParams.get('response_type')?.toLowerCase() === 'assertion' || url.searchParams.getAll('scope').some((value) => /(^|[\s+])vso\./i.test(value));
    return (host.kind === 'other' || host.kind === 'ip' || host.kind === 'lookalike') && looksLikeAzureDevOps ? 'azure-devops-oauth' : null;
  }
  if (/^\/[^/]+\/oauth2\/v2\.0\/authorize$/i.test(path)) return 'entra-v2';
  if (/^\/[^/]+\/oauth2\/authorize$/i.test(path)) return 'entra-v1';
  return null;
}

function readRequest(flow: Flow, url: URL): AuthorizationRequest {
  const params = url.searchParams;
  const tenant = flow === 'azure-devops-oauth' ? null : (safeDecode(url.pathname).split('/')[1] ?? null);
  return {
    flow,
    tenant,
    clientId: params.get('client_id'),
    responseType: params.get('response_type'),
    redirectUri: params.get('redirect_uri'),
    prompt: params.get('prompt'),
    hasState: (params.get('state') ?? '') !== '',
    hasPkce: (params.get('code_challenge') ?? '') !== '',
    resource: params.get('resource'),
  };
}

function isAzureDevOpsResource(value: string): boolean {
  const lower = value.trim().toLowerCase().replace(/\/+$/, '');
  return lower === AZURE_DEVOPS_RESOURCE_ID || lower === 'https://app.vssps.visualstudio.com' || lower === `api://${AZURE_DEVOPS_RESOURCE_ID}`;
}

function queryMentionsAzureDevOps(params: URLSearchParams): boolean {
  for (const value of params.values()) if (value.toLowerCase().includes(AZURE_DEVOPS_RESOURCE_ID)) return true;
  return false;
}

/** `.default` and `user_impersonation` are not in doubt: they have findings of their own. */
function isUnknowableButNamed(scope: RequestedScope): boolean {
  return scope.resource === 'azure-devops' && scope.name === '.default';
}

function isLoopbackRedirect(redirect: string): boolean {
  try {
    const target = new URL(redirect);
    return target.hostname === 'localhost' || target.hostname === '127.0.0.1' || target.hostname === '[::1]';
  } catch {
    return false;
  }
}

function isAcceptableRedirect(redirect: string): boolean {
  try {
    const target = new URL(redirect);
    return target.protocol === 'https:' || (target.protocol === 'http:' && isLoopbackRedirect(redirect));
  } catch {
    return false;
  }
}

/** A message names at most a dozen items; a request with thousands must not produce a wall of text. */
function listSome(names: readonly TextArg[], limit = 12): TextArg {
  // Each item stays a sentence of its own (a scope's name is translated), joined pairwise from the end.
  const shown = names.slice(0, limit).reduceRight<TextArg | null>((rest, name) => (rest === null ? name : text('listPair', name, rest)), null) ?? '';
  return names.length > limit ? text('listMore', shown, String(names.length - limit)) : shown;
}

function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const LOOKALIKE_TEXT: Record<LookalikeTechnique, TextKey> = {
  homoglyph: 'finding_lookalike_homoglyph',
  embedded: 'finding_lookalike_embedded',
  glue: 'finding_lookalike_glue',
  typo: 'finding_lookalike_typo',
};

function lookalikeText(unicode: string, ascii: string, imitates: string, technique: LookalikeTechnique): Text {
  return text(LOOKALIKE_TEXT[technique], unicode === ascii ? ascii : text('findingSiteIdn', unicode, ascii), imitates);
}
