/**
 * Which sign-in flow a URL is, as Microsoft's servers would read it, and the requests nested inside the
 * parameters of Microsoft's own sign-in steps. Pure; every input is hostile.
 */
import { AZURE_DEVOPS_OAUTH_HOST } from './hosts';
import { RequestParameters } from './request-parameters';
import type { Flow, RequestService } from './types';

export interface FlowShape {
  readonly flow: Flow;
  readonly service: RequestService;
  /** The tenant-wide administrator consent endpoint (`/adminconsent`). */
  readonly adminConsent: boolean;
  /** The tenant path segment (`common`, a GUID, `contoso.onmicrosoft.com`), when the path has one. */
  readonly tenant: string | null;
}

/** Where a host stands, as far as flow detection needs: the hosts module decides it. */
export interface HostStanding {
  readonly name: string;
  /** Microsoft runs it (a trusted sign-in host, a Defender proxy of one, or another Microsoft-run host). */
  readonly microsoftRun: boolean;
  /** The trusted host a lookalike imitates, if it is one. */
  readonly imitates: string | null;
}

const LEGACY_PATH = /^\/oauth2\/authorize$/i;
const ENTRA_V2_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/i;
const ENTRA_V1_PATH = /^\/([^/]+)\/oauth2\/authorize$/i;
const ADMIN_CONSENT_V2_PATH = /^\/([^/]+)\/v2\.0\/adminconsent$/i;
const ADMIN_CONSENT_V1_PATH = /^\/([^/]+)\/adminconsent$/i;
const MICROSOFT_ACCOUNT_PATH = /^\/oauth20_authorize\.srf$/i;

/**
 * The flow a path and its parameters have the shape of, on any host. Whether a non-Microsoft host with that
 * shape is making an Azure DevOps request is decided by the caller, from what the request asks for.
 * `path` is decoded, without trailing slashes.
 */
export function detectFlowShape(path: string, host: HostStanding, params: RequestParameters): FlowShape | null {
  if (LEGACY_PATH.test(path)) {
    if (host.name === AZURE_DEVOPS_OAUTH_HOST || host.imitates === AZURE_DEVOPS_OAUTH_HOST)
      return { flow: 'azure-devops-oauth', service: 'azure-devops', adminConsent: false, tenant: null };
    // Many OAuth servers use this path; only a request shaped like Azure DevOps's is a clone of it.
    if (!host.microsoftRun && looksLikeAzureDevOpsLegacy(params))
      return { flow: 'azure-devops-oauth', service: 'azure-devops', adminConsent: false, tenant: null };
    return null;
  }
  let match = ENTRA_V2_PATH.exec(path);
  if (match) return { flow: 'entra-v2', service: 'entra', adminConsent: false, tenant: match[1] ?? null };
  match = ENTRA_V1_PATH.exec(path);
  if (match) return { flow: 'entra-v1', service: 'entra', adminConsent: false, tenant: match[1] ?? null };
  match = ADMIN_CONSENT_V2_PATH.exec(path);
  if (match) return { flow: 'entra-v2', service: 'entra', adminConsent: true, tenant: match[1] ?? null };
  match = ADMIN_CONSENT_V1_PATH.exec(path);
  if (match) return { flow: 'entra-v1', service: 'entra', adminConsent: true, tenant: match[1] ?? null };
  // Microsoft account's authorize endpoint speaks the same protocol as Entra's v2 endpoint (which hands personal accounts to it).
  if (MICROSOFT_ACCOUNT_PATH.test(path)) return { flow: 'entra-v2', service: 'microsoft-account', adminConsent: false, tenant: null };
  return null;
}

function looksLikeAzureDevOpsLegacy(params: RequestParameters): boolean {
  return (
    params.getAll('response_type').some((value) => value.trim().toLowerCase() === 'assertion') ||
    params.getAll('scope').some((value) => /(^|[\s+])vso\./i.test(value))
  );
}

/**
 * Tenant segments only Entra's own hosts serve. A non-Microsoft host serving `/common/oauth2/v2.0/authorize`
 * copies Microsoft's sign-in (an adversary-in-the-middle proxy); other providers' `/x/oauth2/authorize` paths
 * (AD FS's `/adfs/`, Salesforce's `/services/`, X's `/i/`) do not use these, and Entra External ID and B2C
 * tenants (`contoso.ciamlogin.com/contoso.onmicrosoft.com/...`, custom domains with the tenant id) name their tenant.
 */
export function isEntraOnlyTenant(tenant: string | null): boolean {
  if (tenant === null) return false;
  const lower = tenant.toLowerCase();
  return lower === 'common' || lower === 'organizations' || lower === 'consumers';
}

/**
 * Microsoft's sign-in steps that pass people on (`_signin?reply_to=`, `_signedin`): their parameters are
 * unwrapped whatever the hosts module makes of the name (Azure DevOps organization names cannot contain dots,
 * so `*.vssps.visualstudio.com` is Microsoft's own).
 */
const SIGN_IN_STEP_HOSTS: ReadonlySet<string> = new Set([
  'aex.dev.azure.com',
  'app.vssps.visualstudio.com',
  'vssps.dev.azure.com',
  'login.live.com',
  'account.live.com',
  'account.microsoft.com',
]);

export function isSignInStepHost(host: string): boolean {
  return SIGN_IN_STEP_HOSTS.has(host) || host.endsWith('.vssps.visualstudio.com');
}

/**
 * Parameters of Microsoft's sign-in steps (and of the apps they return to) that carry where the person goes
 * next: a request can sit inside them, often percent-encoded more than once.
 */
const NESTING_PARAMETERS: ReadonlySet<string> = new Set([
  'reply_to',
  'redirect',
  'redirect_uri',
  'post_logout_redirect_uri',
  'redirect_url',
  'redirecturl',
  'state',
  'ru',
  'returnurl',
  'return_url',
  'returnto',
  'return_to',
  'wreply',
  'wctx',
  'goto',
  'continue',
  'next',
  'target',
  'url',
  'destination',
  'callback',
]);

/** Percent-decoding rounds per value: attackers encode two or three times so a reader sees no URL. */
const MAX_DECODE_ROUNDS = 3;
/** A value that is itself a query string (`realm=…&reply_to=…`) is read this many levels down. */
const MAX_QUERY_DEPTH = 2;

export interface NestedCandidate {
  /** The outer parameter it was found in (lowercase). */
  readonly parameter: string;
  readonly url: string;
  /** Its host as the browser has it. */
  readonly host: string;
}

/**
 * Where nested URLs are looked for. A Microsoft sign-in step carries the next step in its nesting parameters,
 * and a relative value resolves against it. A link someone may follow (`link`: the CLI, the link check) can
 * carry where it leads in any parameter of any site (an open redirect, `?u=`, `?to=`), in a parameter-less
 * query (`?https://…`), or base64-encoded; only absolute URLs count there, since a relative one stays on the site.
 */
export type NestingMode = 'sign-in-step' | 'link';

/** Base64 of any text that starts with "http" starts with this: a cheap test before decoding. */
const BASE64_HTTP_PREFIX = /^aHR0c[A-Za-z0-9+/_-]{10,}={0,2}$/;

/**
 * URLs inside the parameters (see NestingMode), at most `limit` of them. Relative values
 * (`/oauth2/authorize?…`) resolve against `base`, as the server would. Linear in the length of the parameters.
 */
export function findNestedUrls(params: RequestParameters, base: URL, limit: number, mode: NestingMode = 'sign-in-step'): NestedCandidate[] {
  const found: NestedCandidate[] = [];
  const anyParameter = mode === 'link';
  const visit = (current: RequestParameters, depth: number, outerName: string | null): void => {
    for (const [name, values] of current.entries()) {
      if (!anyParameter && !NESTING_PARAMETERS.has(name)) continue;
      for (const value of values) {
        if (found.length >= limit) return;
        // `?https://site/…` has the URL as its parameter's name and nothing as its value.
        if (anyParameter && value === '' && depth === 0) inspect('?', name, depth);
        else inspect(outerName ?? name, value, depth);
      }
    }
  };
  const inspect = (parameter: string, value: string, depth: number): void => {
    let current = value.trim();
    for (let round = 0; round <= MAX_DECODE_ROUNDS && current !== ''; round++) {
      const url = asUrl(current, base, anyParameter);
      if (url !== null) {
        found.push({ parameter, url: url.href, host: url.hostname });
        return;
      }
      if (depth < MAX_QUERY_DEPTH && /^\??[A-Za-z0-9_.-]+=/.test(current)) {
        visit(new RequestParameters(new URLSearchParams(current)), depth + 1, parameter);
        return;
      }
      if (anyParameter && BASE64_HTTP_PREFIX.test(current)) {
        const decoded = decodeBase64(current);
        if (decoded !== null && decoded !== current) {
          current = decoded.trim();
          continue;
        }
      }
      if (!current.includes('%')) return;
      const decoded = safeDecode(current).trim();
      if (decoded === current) return;
      current = decoded;
    }
  };
  visit(params, 0, null);
  return found;
}

function asUrl(value: string, base: URL, absoluteOnly: boolean): URL | null {
  const absolute = /^https?:\/\//i.test(value);
  if (!absolute && (absoluteOnly || !value.startsWith('/'))) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

export function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}/;
/** Only the start of a state value is read: an e-mail address the lure wants to pre-fill sits near the front. */
const MAX_STATE_READ = 4096;

/**
 * The e-mail address a `state` value carries, as text, percent-encoded or base64(url)-encoded. The
 * error-redirect lure puts the victim's address there so the phishing page it lands on can greet them.
 */
export function emailInState(state: string): string | null {
  const head = state.slice(0, MAX_STATE_READ);
  const forms = [head, safeDecode(head)];
  forms.push(safeDecode(forms[1] ?? ''));
  for (const form of forms) {
    const found = EMAIL.exec(form)?.[0];
    if (found) return found;
  }
  for (const form of forms) {
    for (const chunk of form.split(/[^A-Za-z0-9+/_=-]+/)) {
      if (chunk.length < 12) continue;
      const decoded = decodeBase64(chunk);
      const found = decoded === null ? undefined : EMAIL.exec(decoded)?.[0];
      if (found) return found;
    }
  }
  return null;
}

function decodeBase64(chunk: string): string | null {
  const standard = chunk.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return null;
  try {
    return atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  } catch {
    return null;
  }
}
