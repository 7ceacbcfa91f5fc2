/**
 * A DelegatedAuth client (shared/reference/ado-api.md §1-2): fetch, the clock and sleep are injected (Date.now
 * and a timer by default); the only browser API it reaches is i18n (src/platform/i18n.ts), for the one error
 * detail it words itself.
 * Every answer is validated; every failure is a typed result. Retries 429 (after Retry-After, shared by
 * all requests of the client), 5xx and network failures (exponential backoff), a bounded number of times.
 */
import { t } from '../../platform/i18n';
import { authorizationListSchema, errorBodySchema, type AuthorizationDetails } from './schemas';
import type { ApiError, Result } from './errors';

export type Auth = { readonly kind: 'session' } | { readonly kind: 'pat'; readonly token: string };

export interface ClientOptions {
  readonly fetch: typeof fetch;
  /** `https://app.vssps.visualstudio.com` or `https://vssps.dev.azure.com/{org}`, no trailing slash. */
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly auth: Auth;
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
  readonly maxRetryAfterSeconds?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface RevokeOutcome {
  readonly id: string;
  /** 404: it was already gone (revoked earlier, or twice). Counts as success. */
  readonly alreadyGone: boolean;
}

/** Told when a request waits out a Retry-After (epoch ms when it will be sent), so the caller can say so. */
export interface RequestHooks {
  readonly onWait?: (until: number) => void;
}

export interface DelegatedAuthClient {
  list(): Promise<Result<AuthorizationDetails[]>>;
  revoke(authorizationId: string, hooks?: RequestHooks): Promise<Result<RevokeOutcome>>;
}

/** The only hosts a token is ever sent to. */
export const AZURE_DEVOPS_API_HOSTS: ReadonlySet<string> = new Set(['app.vssps.visualstudio.com', 'vssps.dev.azure.com']);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE = '_apis/DelegatedAuth/Authorizations';

export function isAzureDevOpsApiUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' && parsed.port === '' && AZURE_DEVOPS_API_HOSTS.has(parsed.hostname) && parsed.username === '' && parsed.password === ''
    );
  } catch {
    return false;
  }
}

export function basicAuthorization(token: string): string {
  const bytes = new TextEncoder().encode(`:${token}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After is seconds or an HTTP date; missing or unreadable: X-RateLimit-Delay, else 10 s. */
export function parseRetryAfter(headers: Headers, now: number): number {
  const value = headers.get('retry-after')?.trim();
  if (value) {
    if (/^\d+$/.test(value)) return Number(value);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const delay = Number(headers.get('x-ratelimit-delay'));
  return Number.isFinite(delay) && delay > 0 ? Math.ceil(delay) : 10;
}

function isJson(headers: Headers): boolean {
  const type = (headers.get('content-type') ?? '').toLowerCase();
  return /^application\/([a-z0-9.+-]*\+)?json\b/.test(type);
}

/** The server's own message, as plain text, bounded. */
function serverMessage(body: string): string | undefined {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body));
    if (!parsed.success || !parsed.data.message) return undefined;
    return parsed.data.message.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 300);
  } catch {
    return undefined;
  }
}

type Raw = { readonly ok: true; readonly response: Response; readonly body: string } | { readonly ok: false; readonly error: ApiError };

export function createDelegatedAuthClient(options: ClientOptions): DelegatedAuthClient {
  const { fetch: fetchImpl, auth } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  if (!isAzureDevOpsApiUrl(`${baseUrl}/`)) throw new Error('The API base URL is not an Azure DevOps host.');
  /** After a 429 no request of this client starts before this time. */
  let notBefore = 0;

  function headers(): Record<string, string> {
    const result: Record<string, string> = { accept: 'application/json', 'x-tfs-fedauthredirect': 'Suppress' };
    if (auth.kind === 'pat') result.authorization = basicAuthorization(auth.token);
    return result;
  }

  async function once(method: 'GET' | 'POST', url: string): Promise<Raw> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchImpl(url, {
        method,
        headers: headers(),
        credentials: auth.kind === 'session' ? 'include' : 'omit',
        redirect: 'manual',
        cache: 'no-store',
        signal: controller.signal,
      });
      const body = await response.text();
      return { ok: true, response, body };
    } catch {
      return { ok: false, error: controller.signal.aborted ? { kind: 'timeout', afterMs: timeoutMs } : { kind: 'network' } };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Maps a status to an error; undefined for a 2xx JSON-or-empty answer the caller reads. */
  function classify(response: Response, body: string, allowEmpty: boolean): ApiError | undefined {
    const { status } = response;
    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400) || status === 401) return { kind: 'signed-out', status };
    if (status >= 200 && status < 300) {
      if (status === 203) return { kind: 'signed-out', status };
      if (allowEmpty && body.trim() === '') return undefined;
      return isJson(response.headers) ? undefined : { kind: 'signed-out', status };
    }
    if (status === 403) return { kind: 'forbidden', status, ...optionalMessage(body) };
    if (status === 404) return { kind: 'not-found', status };
    if (status === 429) return { kind: 'throttled', retryAfterSeconds: parseRetryAfter(response.headers, now()) };
    if (status >= 500) return { kind: 'server-error', status };
    return { kind: 'rejected', status, ...optionalMessage(body) };
  }

  async function request(
    method: 'GET' | 'POST',
    url: string,
    allowEmpty: boolean,
    hooks?: RequestHooks,
  ): Promise<{ ok: true; response: Response; body: string } | { ok: false; error: ApiError }> {
    let last: ApiError = { kind: 'network' };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const wait = notBefore - now();
      if (wait > 0) {
        hooks?.onWait?.(notBefore);
        await sleep(wait);
      }
      const raw = await once(method, url);
      const error = raw.ok ? classify(raw.response, raw.body, allowEmpty) : raw.error;
      if (!error) return raw;
      // A 404 on revoke is an answer, not a failure: let the caller see it.
      if (error.kind === 'not-found' && raw.ok) return { ok: false, error };
      last = error;
      if (attempt === maxAttempts) break;
      if (error.kind === 'throttled') {
        if (error.retryAfterSeconds > maxRetryAfter) break;
        notBefore = Math.max(notBefore, now() + error.retryAfterSeconds * 1000);
        continue;
      }
      if (error.kind === 'server-error' || error.kind === 'network') {
        await sleep(backoffBaseMs * 2 ** (attempt - 1));
        continue;
      }
      break;
    }
    return { ok: false, error: last };
  }

  function url(query: Record<string, string>): string {
    const params = new URLSearchParams(query);
    return `${baseUrl}/${RESOURCE}?${params.toString()}`;
  }

  return {
    async list() {
      const result = await request('GET', url({ 'api-version': options.apiVersion }), false);
      if (!result.ok) return result;
      let json: unknown;
      try {
        json = JSON.parse(result.body);
      } catch {
        return { ok: false, error: { kind: 'unexpected-shape', detail: t('errorDetailNotJson') } };
      }
      const parsed = authorizationListSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join('.') || t('errorDetailTopLevel');
        return { ok: false, error: { kind: 'unexpected-shape', detail: t('errorDetailUnexpectedValue', where) } };
      }
      return { ok: true, value: parsed.data.value };
    },

    async revoke(authorizationId, hooks) {
      if (!GUID.test(authorizationId)) return { ok: false, error: { kind: 'unexpected-shape', detail: t('errorDetailNotAnId') } };
      // POST, not DELETE; no body and no Content-Type (accepted by the service).
      const result = await request('POST', url({ authorizationId, 'api-version': options.apiVersion }), true, hooks);
      if (result.ok) return { ok: true, value: { id: authorizationId, alreadyGone: false } };
      if (result.error.kind === 'not-found') return { ok: true, value: { id: authorizationId, alreadyGone: true } };
      return result;
    },
  };
}

function optionalMessage(body: string): { message?: string } {
  const message = serverMessage(body);
  return message ? { message } : {};
}
