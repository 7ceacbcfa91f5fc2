import { scopeTextKey } from '../catalog/scopes';
import { matchDeviceCodeEntry } from './device-code';
import { isNativeAppRedirect, isNativeClientRedirect, lookupFirstPartyClient } from './first-party-clients';
import { detectFlowShape, emailInState, findNestedUrls, isEntraOnlyTenant, isSignInStepHost, type FlowShape, type NestingMode } from './flows';
import { freeHostingRedirectHost } from './free-hosting';
import { assessHost, type HostAssessment, type LookalikeTechnique } from './host-assessment';
import { LEGACY_AAD_GRAPH_NAME, findMicrosoftResource } from './microsoft-resources';
import { addSignalFindings } from './page-signals';
import { isPerhapsDefanged, refang } from './link-text';
import { findMisreadHost, revealEncodedAtSign } from './reader-host';
import { RequestParameters } from './request-parameters';
import { classifyScope, expandScopes, isAzureDevOpsResource, splitScopeValues, uniqueScopes, type RequestedScope } from './scopes';
import { englishText, text, type Text, type TextArg, type TextKey } from './text';
import { unwrapParsed } from './unwrap';
import type { Analysis, AuthorizationRequest, Finding, Flow, NestedRequest, PageSignals, ScopeReport, Severity, Verdict } from './types';

/** Browsers refuse longer URLs (Chromium's limit is 2 MiB), so nothing longer can be a page the user is on. */
export const MAX_URL_LENGTH = 2 * 1024 * 1024;

/**
 * Parameters a server reads once: sending two of them can make us see one value and the server another.
 * `scope` is read in full either way (every value is judged), but two differing lists are no genuine app's.
 */
const SINGLE_VALUE_PARAMETERS = ['client_id', 'redirect_uri', 'response_type', 'resource', 'prompt', 'response_mode', 'scope'] as const;

/**
 * How deep requests nested in sign-in steps are followed (a sign-in step inside a sign-in step inside …),
 * and how many nested URLs one address may make us judge in all: enough for every real chain, bounded
 * for a hostile one. Each nested URL is a substring of its outer one, so the work stays linear in length.
 */
const MAX_NESTING_DEPTH = 3;
const MAX_NESTED_ANALYSES = 6;
/** URLs looked for in one address's parameters before the worst are judged (finding them is linear in its length). */
const MAX_NESTED_CANDIDATES = 256;

/**
 * A nested URL is worth judging only when it could be a request: it names request parameters, is a
 * device-code page, or nests further. An app's plain callback (`redirect_uri=https://app.example/cb`) is not.
 */
const NESTED_URL_MIGHT_BE_REQUEST =
  /[?&;](?:client_id|scope|resource|response_type|otc|user_code|reply_to|redirect|redirect_uri|state|ru|returnurl|wreply|goto)=|\/(?:devicelogin\w*|deviceauth|devicecode|device|link|oauth20_remoteconnect\.srf|oauth20_authorize\.srf|adminconsent)(?:[/?#]|$)/i;

/** A path that ends in a URL (`/out/https://…`, percent-encoded too), or has a base64 segment that is one. */
const PATH_CARRIES_URL = /\/((?:https?:|https?%3a).*)$|\/(aHR0c[A-Za-z0-9_-]{10,}={0,2})(?:\/|$)/i;

/** A forwarder's destination that forwards again (`?u=https://next.example/?to=…`), plainly, encoded or in base64. */
const LINK_CARRIES_LINK = /https?(?::|%3a)|aHR0c/i;

/** OpenID Connect's own scopes: the v1 endpoint reads `openid`, and the others are harmless on it. */
const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access']);

/** Findings and nested requests are listed worst first. */
const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { danger: 0, warn: 1, info: 2 };
const VERDICT_ORDER: Readonly<Record<Verdict, number>> = { danger: 0, warn: 1, ok: 2, none: 3 };

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
  /**
   * The address is a link someone may follow (the CLI, the link check), not the page the browser shows: on a
   * site that is not Microsoft's, an address it carries in any parameter, its fragment or the end of its path (an
   * open redirect, a `?u=` forwarder, base64 in the fragment) is judged as where the link may lead. Off for pages: a search or a
   * scanner's result page quoting a lookalike is not one.
   */
  readonly judgeEmbeddedLinks?: boolean;
}

export function analyzeUrl(input: string, options: AnalyzeOptions = {}): AnalyzeResult {
  return analyzeParsedInput(parseWebUrl(input), options);
}

/** analyzeUrl for what parseWebUrl already gave (a URL, or its error message). */
export function analyzeParsedInput(parsed: URL | string, options: AnalyzeOptions = {}): AnalyzeResult {
  if (typeof parsed === 'string') return { ok: false, error: parsed };
  return { ok: true, analysis: analyzeParsedUrl(parsed, options, { remaining: MAX_NESTED_ANALYSES }, 0) };
}

/**
 * The text each parsed URL was read from (refanged) when it is not the URL's href, so the analysis can compare what a person reads as the
 * host with where the browser goes. Weak: a URL that is no longer used takes its text with it.
 */
const typedTexts = new WeakMap<URL, string>();

/** Accepts defanged URLs from phishing reports (`hxxps://evil[.]example`). Returns an error message otherwise. */
export function parseWebUrl(input: string): URL | string {
  if (input.length > MAX_URL_LENGTH) return `input is ${input.length} characters, longer than any browser accepts (${MAX_URL_LENGTH})`;
  const trimmed = input.trim();
  // Most input is not defanged: the refanging passes over every URL of a log were a good part of parsing it.
  const refanged = isPerhapsDefanged(trimmed) ? refang(trimmed) : trimmed;
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
  // A text the parser gives back unchanged is the href itself; keeping it in the weak map would cost more than
  // reading it back (every URL of a log lands here, and weak maps are costly to grow and to collect).
  if (refanged !== url.href) typedTexts.set(url, refanged);
  return url;
}

function parseOrNull(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

interface NestingBudget {
  remaining: number;
}

function analyzeParsedUrl(url: URL, options: AnalyzeOptions, budget: NestingBudget, depth: number): Analysis {
  const host = assessHost(url.hostname, options.extraTrustedHosts);
  const isTrustedHost = host.kind === 'trusted' || host.kind === 'proxy';
  const isMicrosoftRun = isTrustedHost || host.kind === 'microsoft';
  const isForeignHost = host.kind === 'other' || host.kind === 'ip';
  const findings: Finding[] = [];
  const add = (id: string, severity: Severity, said: Text): void => {
    findings.push({ id, severity, message: englishText(said), text: said });
  };

  // Parameter names as Microsoft's servers read them: in any case.
  const ownParams = new RequestParameters(url.searchParams);
  // The consent screen after a sign-in POST has lost the query; the tab's flow remembers it.
  let params = ownParams;
  let shape = shapeOf(url, host, params);
  if (isTrustedHost && shape === null && options.flowStartUrl) {
    const start = parseWebUrl(options.flowStartUrl);
    if (typeof start !== 'string' && start.hostname === url.hostname) {
      const startParams = new RequestParameters(start.searchParams);
      const startShape = shapeOf(start, host, startParams);
      if (startShape !== null) {
        params = startParams;
        shape = startShape;
      }
    }
  }

  const scopeValues = params.getAll('scope');
  const requestedScopes = uniqueScopes(splitScopeValues(scopeValues).map((raw) => classifyScope(raw, shape?.flow === 'azure-devops-oauth')));
  const adoScopes = requestedScopes.filter((scope) => scope.resource === 'azure-devops');
  const resources = params.getAll('resource');
  const asksForAzureDevOpsResource = resources.some(isAzureDevOpsResource);
  // Only the request itself makes an Azure DevOps request: its scopes, its resource parameter, or (off
  // Microsoft) the legacy flow's own shape. A search whose query merely quotes the resource id is none of these.
  // An app's callback (`?code=…&state=…&scope=…`, as some providers echo the granted scopes) answers a request
  // made elsewhere; it asks for nothing.
  const isCallback = isAuthorizationResponse(params);
  const carriesAzureDevOpsRequest =
    !isCallback && (adoScopes.length > 0 || asksForAzureDevOpsResource || (isForeignHost && shape?.flow === 'azure-devops-oauth'));
  // Off Microsoft, an Entra-shaped path is another provider's (AD FS, Salesforce, ...) unless it asks for Azure
  // DevOps or copies a path only Microsoft serves (`/common/oauth2/...`, `oauth20_authorize.srf`).
  const copiesMicrosoftPath =
    isForeignHost && !carriesAzureDevOpsRequest && shape !== null && (shape.service === 'microsoft-account' || isEntraOnlyTenant(shape.tenant));
  if (isForeignHost && shape !== null && !carriesAzureDevOpsRequest && !copiesMicrosoftPath) shape = null;
  const flow = shape?.flow ?? null;
  const request = shape === null ? null : readRequest(shape, params);
  const isRequest = flow !== null || carriesAzureDevOpsRequest;

  // --- Where the page is, and how it was reached ---
  if (host.kind === 'lookalike') add(`lookalike-${host.technique}`, 'danger', lookalikeText(host.unicode, host.name, host.imitates, host.technique));
  // Every URL judged here came from parseWebUrl, which keeps only the texts that are not the href.
  const typedText = typedTexts.get(url) ?? url.href;
  const misread = findMisreadHost(typedText, url, options.extraTrustedHosts);
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
  // --- What the request asks for ---
  const deviceCode = matchDeviceCodeEntry(host.kind === 'proxy' ? host.proxied : host.name, safeDecode(url.pathname), ownParams);
  if (deviceCode) {
    add('device-code-page', 'warn', text('finding_device_code_page'));
    if (deviceCode.prefilledCode !== null) add('device-code-prefilled', 'warn', text('finding_device_code_prefilled', deviceCode.prefilledCode));
  }
  if (copiesMicrosoftPath) add('entra-request-off-microsoft', 'danger', text('finding_entra_request_off_microsoft', host.unicode));
  if (isRequest) addRequestFindings(add, { flow, shape, request, scopes: requestedScopes, scopeValues, resources, asksForAzureDevOpsResource, params });

  // --- Requests nested in a Microsoft sign-in step's parameters, or where a link elsewhere leads ---
  const isSignInStep = isMicrosoftRun || isSignInStepHost(host.name);
  const followsEmbeddedLinks = !isSignInStep && options.judgeEmbeddedLinks === true;
  const nestedAnalyses =
    (isSignInStep || followsEmbeddedLinks) && depth < MAX_NESTING_DEPTH
      ? analyzeNested(
          url,
          followsEmbeddedLinks ? linkParameters(ownParams, url) : ownParams,
          options,
          budget,
          depth,
          followsEmbeddedLinks ? 'link' : 'sign-in-step',
        )
      : [];
  for (const { parameter, analysis: inner } of nestedAnalyses) {
    if (followsEmbeddedLinks) {
      add('embedded-link', severityOfVerdict(inner.verdict), text('finding_embedded_link', host.unicode, inner.host.unicode, parameter));
    } else if (inner.flow === null && inner.host.imitates !== null) {
      // An open redirect on Microsoft's own host, laundering a link to an imitation of it.
      add('redirect-to-lookalike', 'danger', text('finding_redirect_to_lookalike', inner.host.unicode, parameter, inner.host.imitates));
    } else {
      add('nested-request', severityOfVerdict(inner.verdict), text('finding_nested_request', inner.host.unicode, parameter));
    }
    for (const finding of inner.findings) if (!findings.some((existing) => existing.id === finding.id)) findings.push(finding);
  }

  // --- What the page shows ---
  if (options.signals) addSignalFindings(add, options.signals, host, isTrustedHost || flow !== null);

  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);

  const shownScopes = isRequest ? requestedScopes : [];
  const own = {
    flow,
    request,
    scopes: {
      requested: shownScopes.map(toScopeReport),
      effective: expandScopes(adoScopes.map((scope) => scope.name)),
      unknown: shownScopes.filter(isUnknownScope).map((scope) => scope.name),
    },
  };
  // A sign-in step with no request of its own is described by the request it leads to.
  const adopted = flow === null ? nestedAnalyses.find((nested) => nested.analysis.flow !== null)?.analysis : undefined;
  const described = adopted ? { flow: adopted.flow, request: adopted.request, scopes: adopted.scopes } : own;
  const nested: NestedRequest[] = nestedAnalyses.map(({ parameter, analysis: inner }) => ({
    parameter,
    url: inner.url,
    verdict: inner.verdict,
    flow: inner.flow,
  }));
  return {
    url: url.href,
    verdict: decideVerdict(findings, described.flow !== null && isTrustedHost),
    flow: described.flow,
    host: {
      name: host.name,
      unicode: host.unicode,
      trusted: isTrustedHost,
      imitates: host.kind === 'lookalike' ? host.imitates : null,
      technique: host.kind === 'lookalike' ? host.technique : null,
    },
    request: described.request,
    scopes: described.scopes,
    findings,
    ...(nested.length > 0 ? { nested } : {}),
  };
}

function shapeOf(url: URL, host: HostAssessment, params: RequestParameters): FlowShape | null {
  // Servers collapse repeated slashes (`//common/oauth2/v2.0/authorize` is the same endpoint).
  const path = safeDecode(url.pathname)
    .replace(/\/{2,}/g, '/')
    .replace(/\/+$/, '');
  const standing = {
    // Through Defender's proxy the request is the proxied host's (app.vssps.visualstudio.com.mcas.ms/oauth2/authorize).
    name: host.kind === 'proxy' ? host.proxied : host.name,
    microsoftRun: host.kind === 'trusted' || host.kind === 'proxy' || host.kind === 'microsoft',
    imitates: host.kind === 'lookalike' ? host.imitates : null,
  };
  return detectFlowShape(path, standing, params);
}

function toScopeReport(scope: RequestedScope): ScopeReport {
  return scope.owner
    ? { name: scope.name, resource: scope.resource, entry: scope.entry, owner: scope.owner }
    : { name: scope.name, resource: scope.resource, entry: scope.entry };
}

/**
 * The requests nested in a Microsoft sign-in step's parameters that matter: each is judged like a link of
 * its own (without the page's signals, which belong to the outer page); worst first.
 */
function analyzeNested(
  url: URL,
  params: RequestParameters,
  options: AnalyzeOptions,
  budget: NestingBudget,
  depth: number,
  mode: NestingMode,
): { parameter: string; analysis: Analysis }[] {
  if (budget.remaining <= 0) return [];
  const judged: { parameter: string; analysis: Analysis }[] = [];
  const innerOptions: AnalyzeOptions = {
    ...(options.extraTrustedHosts ? { extraTrustedHosts: options.extraTrustedHosts } : {}),
    ...(options.judgeEmbeddedLinks ? { judgeEmbeddedLinks: true } : {}),
  };
  // Every candidate is looked at before any is judged, lookalikes first, then Microsoft's hosts: decoys put in
  // front (`?a=https://x.example/?client_id=1&b=…&z=<the lookalike>`) must not use up the budget of analyses.
  const worthJudging: { parameter: string; parsed: URL; priority: number }[] = [];
  for (const candidate of findNestedUrls(params, url, MAX_NESTED_CANDIDATES, mode)) {
    // A mail filter's wrapper (Safe Links in a reply_to) hides the URL it carries: that URL is the one judged.
    const { link: wrapped, targetUrl: parsed } = unwrapParsed(candidate.url, parseWebUrl(candidate.url));
    if (typeof parsed === 'string') continue;
    const kind = assessHost(parsed.hostname, options.extraTrustedHosts).kind;
    // Worth judging: what could be a request, or a place that imitates Microsoft (an open redirect to a lookalike).
    const mightMatter =
      kind === 'lookalike' || NESTED_URL_MIGHT_BE_REQUEST.test(wrapped.target) || (mode === 'link' && LINK_CARRIES_LINK.test(wrapped.target.slice(8)));
    if (!mightMatter) continue;
    const priority = kind === 'lookalike' ? 0 : kind === 'other' || kind === 'ip' ? 2 : 1;
    worthJudging.push({ parameter: candidate.parameter, parsed, priority });
  }
  worthJudging.sort((a, b) => a.priority - b.priority);
  for (const { parameter, parsed } of worthJudging) {
    if (budget.remaining <= 0) break;
    budget.remaining--;
    const inner = analyzeParsedUrl(parsed, innerOptions, budget, depth + 1);
    if (inner.flow === null && inner.verdict === 'none') continue;
    judged.push({ parameter, analysis: inner });
  }
  return judged.sort((a, b) => VERDICT_ORDER[a.analysis.verdict] - VERDICT_ORDER[b.analysis.verdict]);
}

/**
 * Where a link can carry its destination: its parameters, its fragment as one more (`#`: phishing forwarders
 * read it there, `#https://…`, `#aHR0cHM6…`, `#u=…`, where no server log sees it), and the end of its path
 * (`/`: `/out/https://…` with the query that follows, or a base64 segment `/r/aHR0cHM6…`).
 */
function linkParameters(params: RequestParameters, url: URL): RequestParameters {
  const carried: string[] = [];
  const fragment = url.hash.slice(1);
  if (fragment !== '') carried.push(/^[A-Za-z0-9_.-]+=/.test(fragment) ? fragment : `%23=${encodeURIComponent(fragment)}`);
  const inPath = PATH_CARRIES_URL.exec(url.pathname);
  if (inPath) carried.push(`%2F=${encodeURIComponent(inPath[1] !== undefined ? inPath[1] + url.search : (inPath[2] ?? ''))}`);
  if (carried.length === 0) return params;
  return params.followedBy(new URLSearchParams(carried.join('&')));
}

function severityOfVerdict(verdict: Verdict): Severity {
  return verdict === 'danger' ? 'danger' : verdict === 'warn' ? 'warn' : 'info';
}

function decideVerdict(findings: readonly Finding[], isAuthorizationRequestOnTrustedHost: boolean): Verdict {
  if (findings.some((finding) => finding.severity === 'danger')) return 'danger';
  if (findings.some((finding) => finding.severity === 'warn')) return 'warn';
  return isAuthorizationRequestOnTrustedHost ? 'ok' : 'none';
}

export type AddFinding = (id: string, severity: Severity, said: Text) => void;

interface RequestContext {
  readonly flow: Flow | null;
  readonly shape: FlowShape | null;
  readonly request: AuthorizationRequest | null;
  readonly scopes: readonly RequestedScope[];
  readonly scopeValues: readonly string[];
  readonly resources: readonly string[];
  readonly asksForAzureDevOpsResource: boolean;
  readonly params: RequestParameters;
}

function addRequestFindings(add: AddFinding, context: RequestContext): void {
  const { flow, shape, request, scopes, params } = context;
  if (flow === 'azure-devops-oauth') {
    add('legacy-flow-deprecated', 'info', text('finding_legacy_flow_deprecated'));
    if (request?.responseType?.toLowerCase() !== 'assertion') {
      add('unexpected-response-type', 'warn', text('finding_unexpected_response_type', request?.responseType ?? text('findingNone')));
    }
    if (scopes.length === 0) add('no-scopes-listed', 'warn', text('finding_no_scopes_listed'));
  }

  const highPrivilege = scopes.filter((scope) => (scope.entry?.highPrivilege || scope.inferredHighPrivilege) && scope.name !== 'user_impersonation');
  if (highPrivilege.length > 0) {
    add(
      'high-privilege-scopes',
      'warn',
      text('finding_high_privilege_scopes', listSome(highPrivilege.map((scope) => (scope.entry ? text(scopeTextKey(scope.entry.id, 'name')) : scope.name)))),
    );
  }
  const adoNames = new Set(scopes.filter((scope) => scope.resource === 'azure-devops').map((scope) => scope.name));
  if (adoNames.has('user_impersonation')) {
    add('full-access-user-impersonation', 'warn', text('finding_full_access_user_impersonation'));
  }
  if (adoNames.has('.default')) {
    add('full-access-default-scope', 'warn', text('finding_full_access_default_scope'));
  }

  // The v1 endpoint ignores `scope`: `resource=` alone decides, and it means whatever the app configured for that resource.
  const resource = context.resources.find((value) => value.trim() !== '');
  if (flow === 'entra-v1') {
    if (context.asksForAzureDevOpsResource) add('full-access-resource', 'warn', text('finding_full_access_resource'));
    else if (resource !== undefined) add('full-access-resource', 'info', text('finding_full_access_other_resource', resourceName(resource)));
    const ignored = scopes.filter((scope) => !OIDC_SCOPES.has(scope.name.toLowerCase()));
    if (ignored.length > 0) {
      add(
        'v1-scope-ignored',
        'info',
        text('finding_v1_scope_ignored', listSome(ignored.map((scope) => scope.name)), resource === undefined ? text('findingNone') : resourceName(resource)),
      );
    }
  }
  // Names nobody we know defines. On v1 they are ignored by the server and said so above.
  const unknown = flow === 'entra-v1' ? [] : scopes.filter(isUnknownScope);
  if (unknown.length > 0) {
    add('unknown-scopes', 'warn', text('finding_unknown_scopes', listSome(unknown.map((scope) => scope.name))));
  }
  const services = new Set<string>();
  const ownApis: string[] = [];
  for (const scope of scopes) {
    if (scope.owner?.kind === 'microsoft') services.add(scope.owner.name);
    else if (scope.owner?.kind === 'own-api') ownApis.push(scope.name);
  }
  if (services.size > 0) add('microsoft-resource-access', 'info', text('finding_microsoft_resource_access', listSome([...services])));
  if (ownApis.length > 0) add('tenant-api-scope', 'info', text('finding_tenant_api_scope', listSome(ownApis)));
  if (services.has(LEGACY_AAD_GRAPH_NAME) || context.resources.some((value) => findMicrosoftResource(value.toLowerCase())?.name === LEGACY_AAD_GRAPH_NAME)) {
    add('legacy-aad-graph', 'info', text('finding_legacy_aad_graph'));
  }
  if (scopes.some((scope) => scope.name.toLowerCase() === 'offline_access')) {
    add('offline-access', 'info', text('finding_offline_access'));
  }

  addParameterFindings(add, params);

  const redirects = params.getAll('redirect_uri');
  for (const redirect of redirects) {
    if (!isAcceptableRedirect(redirect) && !isNativeAppRedirect(redirect)) {
      add('insecure-redirect', 'warn', text('finding_insecure_redirect', redirect));
      break;
    }
  }
  // ConsentFix: Microsoft's own native apps need no consent, and their codes land where a person can copy them.
  const firstParty = params
    .getAll('client_id')
    .map(lookupFirstPartyClient)
    .find((client) => client?.publicClient);
  if (firstParty && flow !== null) {
    if (redirects.some(isLoopbackRedirect)) add('consentfix-pattern', 'warn', text('finding_consentfix_pattern', firstParty.name));
    else if (redirects.every((redirect) => redirect.trim() === '') || redirects.some(isNativeClientRedirect)) {
      add('consentfix-pattern', 'warn', text('finding_consentfix_native_redirect', firstParty.name));
    }
  }

  const prompts = promptValues(params);
  if (shape?.adminConsent) add('admin-consent', 'warn', text('finding_admin_consent_endpoint'));
  else if (prompts.includes('admin_consent')) add('admin-consent', 'warn', text('finding_admin_consent'));
  else if (prompts.includes('consent')) add('consent-prompt', 'info', text('finding_consent_prompt'));

  if (flow !== null) addErrorRedirectFindings(add, context, redirects, prompts);
  if (request && !request.hasState) add('missing-state', 'info', text('finding_missing_state'));
}

/** Duplicates of a parameter the server reads once, in any spelling: the same value twice, or (worse) two values. */
function addParameterFindings(add: AddFinding, params: RequestParameters): void {
  let repeated: string | null = null;
  let conflicting: { name: string; values: string[] } | null = null;
  for (const name of SINGLE_VALUE_PARAMETERS) {
    const values = params.getAll(name);
    if (values.length < 2) continue;
    const distinct = [...new Set(values.map((value) => value.trim()))];
    if (distinct.length > 1) conflicting ??= { name, values: distinct };
    else repeated ??= name;
  }
  if (conflicting) {
    add(
      'conflicting-parameter',
      'warn',
      text(
        'finding_conflicting_parameter',
        conflicting.name,
        listSome(
          conflicting.values.map((value) => `"${clip(value, 80)}"`),
          4,
        ),
      ),
    );
  }
  if (repeated !== null) add('repeated-parameter', 'warn', text('finding_repeated_parameter', repeated));
}

/**
 * Microsoft's March 2026 advisory: a link to the real sign-in host built to fail on purpose (`prompt=none`
 * with an invalid or empty scope), so that Entra forwards the person, error and all, to the attacker's
 * redirect, typically on free hosting, with the victim's e-mail address riding along in `state`. Each sign
 * alone has innocent uses (a genuine app on vercel.app); the silent prompt with another sign is the lure,
 * and with two more it is phishing.
 */
function addErrorRedirectFindings(add: AddFinding, context: RequestContext, redirects: readonly string[], prompts: readonly string[]): void {
  const freeHost = redirects.map(freeHostingRedirectHost).find((found) => found !== null) ?? null;
  const email =
    context.params
      .getAll('state')
      .map(emailInState)
      .find((found) => found !== null) ?? null;
  if (freeHost !== null) add('redirect-to-free-hosting', 'info', text('finding_redirect_to_free_hosting', freeHost));
  if (email !== null) add('state-carries-email', 'info', text('finding_state_carries_email', email));
  if (!prompts.includes('none')) return;
  const signs = [isInvalidScopeRequest(context), freeHost !== null, email !== null].filter(Boolean).length;
  if (signs === 0) {
    add('silent-prompt', 'info', text('finding_silent_prompt'));
    return;
  }
  const destination = redirectHost(redirects) ?? text('findingNone');
  add('error-redirect-lure', signs >= 2 ? 'danger' : 'warn', text('finding_error_redirect_lure', destination));
}

/** Graph permission names have the shape `Area.Action(.All)`; a bare word that nobody defines is made to fail. */
const PERMISSION_SHAPE = /^[a-z][a-z0-9]*(?:\.[a-z0-9]+)+$/i;

function isInvalidScopeRequest(context: RequestContext): boolean {
  if (context.flow === 'entra-v1') return !context.resources.some((value) => value.trim() !== '');
  if (context.flow !== 'entra-v2') return false;
  if (context.scopes.length === 0) return true;
  return context.scopes.some((scope) => isUnknownScope(scope) && scope.resource !== 'azure-devops' && !PERMISSION_SHAPE.test(scope.name));
}

function redirectHost(redirects: readonly string[]): string | null {
  for (const redirect of redirects) {
    try {
      return new URL(redirect).hostname || null;
    } catch {
      continue;
    }
  }
  return null;
}

function resourceName(value: string): string {
  return findMicrosoftResource(value.toLowerCase())?.name ?? clip(value.trim(), 120);
}

function clip(value: string, limit: number): string {
  return value.length > limit ? `${value.slice(0, limit)}…` : value;
}

function readRequest(shape: FlowShape, params: RequestParameters): AuthorizationRequest {
  const prompt = params.get('prompt');
  return {
    flow: shape.flow,
    tenant: shape.tenant,
    clientId: params.get('client_id'),
    responseType: params.get('response_type'),
    redirectUri: params.get('redirect_uri'),
    prompt,
    hasState: (params.get('state') ?? '') !== '',
    hasPkce: (params.get('code_challenge') ?? '') !== '',
    resource: params.get('resource'),
    service: shape.service,
    adminConsent: shape.adminConsent || promptValues(params).includes('admin_consent'),
  };
}

/**
 * The parameters of an authorization response (RFC 6749 §4.1.2, OpenID Connect's `id_token`, an error
 * response) without those of a request: no client_id, no response_type.
 */
function isAuthorizationResponse(params: RequestParameters): boolean {
  if (params.has('client_id') || params.has('response_type')) return false;
  return params.has('code') || params.has('error') || params.has('id_token') || params.has('access_token');
}

/**
 * `prompt` is a space-separated list in OpenID Connect (`select_account admin_consent`): every value counts,
 * and so does one behind a comma (`admin_consent,select_account`), which a lenient server may split on too.
 */
function promptValues(params: RequestParameters): string[] {
  return splitScopeValues(params.getAll('prompt')).flatMap((value) => value.toLowerCase().split(','));
}

/** Not in the catalog, not another service's or an app's own API, and not `.default` (which has a finding of its own). */
function isUnknownScope(scope: RequestedScope): boolean {
  return scope.entry === undefined && scope.owner === undefined && !(scope.resource === 'azure-devops' && scope.name === '.default');
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
