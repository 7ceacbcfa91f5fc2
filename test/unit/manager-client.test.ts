import { describe, expect, it } from 'vitest';
import { basicAuthorization, createDelegatedAuthClient, type Auth, type ClientOptions } from '../../src/manager/api/client';
import { describeError } from '../../src/manager/api/errors';
import { authorizationDetails, manyAuthorizations } from '../e2e/harness/fake-ado-api';

const ID = '11111111-1111-4111-8111-111111111111';
const BASE = 'https://app.vssps.visualstudio.com';

interface Seen {
  url: string;
  init: RequestInit;
  at: number;
}

/** A fake clock: sleep advances time instantly, so backoff and Retry-After are observable without waiting. */
function harness(responses: Array<() => Response | Promise<Response>>, options: Partial<ClientOptions> & { auth?: Auth } = {}) {
  let time = 1_000_000;
  const sleeps: number[] = [];
  const seen: Seen[] = [];
  const queue = [...responses];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), init: init ?? {}, at: time });
    const next = queue.length > 1 ? queue.shift() : queue[0];
    if (!next) throw new Error('no response scripted');
    return next();
  }) as typeof globalThis.fetch;
  const client = createDelegatedAuthClient({
    fetch,
    baseUrl: BASE,
    apiVersion: '5.0',
    auth: options.auth ?? { kind: 'session' },
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    now: () => time,
    ...options,
  });
  return { client, sleeps, seen, time: () => time };
}

const jsonResponse =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
const list = (...items: unknown[]) => jsonResponse(200, { count: items.length, value: items });

describe('listing authorizations', () => {
  it('sends a credentialed GET with the fed-auth suppression header and returns the validated list', async () => {
    const { client, seen } = harness([list(authorizationDetails({ id: ID, name: 'Pipeline Insights', scopes: 'vso.code' }))]);
    const result = await client.list();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(1);
    expect(result.value[0]?.authorization.authorizationId).toBe(ID);
    expect(result.value[0]?.clientRegistration?.registrationName).toBe('Pipeline Insights');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(`${BASE}/_apis/DelegatedAuth/Authorizations?api-version=5.0`);
    expect(seen[0]?.init.method).toBe('GET');
    expect(seen[0]?.init.credentials).toBe('include');
    expect((seen[0]?.init.headers as Record<string, string>)['x-tfs-fedauthredirect']).toBe('Suppress');
    expect((seen[0]?.init.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it('accepts omitted members (false/null/empty are left out) and extra fields', async () => {
    const { client } = harness([list({ authorization: { authorizationId: ID, somethingNew: 1 } })]);
    const result = await client.list();
    expect(result.ok && result.value[0]?.authorization.isAccessUsed).toBeFalsy();
    expect(result.ok).toBe(true);
  });

  it('returns an empty list as empty', async () => {
    const { client } = harness([list()]);
    expect(await client.list()).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['401 with TFS-Federated', () => new Response('{}', { status: 401, headers: { 'www-authenticate': 'TFS-Federated', 'content-type': 'application/json' } })],
    ['203 with an HTML sign-in page', () => new Response('<html>Sign in</html>', { status: 203, headers: { 'content-type': 'text/html' } })],
    ['200 that is HTML', () => new Response('<html>Sign in</html>', { status: 200, headers: { 'content-type': 'text/html' } })],
    ['a redirect', () => new Response(null, { status: 302, headers: { location: 'https://login.microsoftonline.com/' } })],
  ])('reports "signed out" for %s, without retrying', async (_name, response) => {
    const { client, seen } = harness([response]);
    const result = await client.list();
    expect(result.ok ? null : result.error.kind).toBe('signed-out');
    expect(seen).toHaveLength(1);
  });

  it('reports 403 as forbidden with the server message as plain text', async () => {
    const { client } = harness([jsonResponse(403, { message: 'TF400409: no\npermission', typeKey: 'AccessCheckException' })]);
    const result = await client.list();
    expect(result).toEqual({ ok: false, error: { kind: 'forbidden', status: 403, message: 'TF400409: no permission' } });
  });

  it.each([
    ['malformed JSON', () => new Response('{"count": 1, "value": [', { status: 200, headers: { 'content-type': 'application/json' } })],
    ['a non-GUID id', list({ authorization: { authorizationId: 42 } })],
    ['no value array', jsonResponse(200, { count: 0, items: [] })],
    ['scopes as an array', list({ authorization: { authorizationId: ID, scopes: ['vso.code'] } })],
    ['an unparseable date', list({ authorization: { authorizationId: ID, validTo: 'someday' } })],
  ])('reports %s as an unexpected shape', async (_name, response) => {
    const { client } = harness([response]);
    const result = await client.list();
    expect(result.ok ? null : result.error.kind).toBe('unexpected-shape');
    if (!result.ok) expect(describeError(result.error)).toBe('Azure DevOps answered in a form this version does not understand.');
  });

  it('waits out Retry-After on 429, then succeeds', async () => {
    const { client, sleeps, seen } = harness([jsonResponse(429, {}, { 'retry-after': '3' }), list()]);
    const result = await client.list();
    expect(result.ok).toBe(true);
    expect(sleeps).toEqual([3000]);
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBe(3000);
  });

  it('does not wait out a very long Retry-After: it reports when to try again', async () => {
    const { client, sleeps, seen } = harness([jsonResponse(429, {}, { 'retry-after': '3600' })]);
    expect(await client.list()).toEqual({ ok: false, error: { kind: 'throttled', retryAfterSeconds: 3600 } });
    expect(sleeps).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('retries 5xx with exponential backoff a few times, then reports the server error', async () => {
    const { client, sleeps, seen } = harness([jsonResponse(500, {})]);
    expect(await client.list()).toEqual({ ok: false, error: { kind: 'server-error', status: 500 } });
    expect(seen).toHaveLength(4);
    expect(sleeps).toEqual([500, 1000, 2000]);
  });

  it('recovers when a 503 is followed by a 200', async () => {
    const { client, seen } = harness([jsonResponse(503, {}), list()]);
    expect((await client.list()).ok).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it('reports a network failure after retrying', async () => {
    const { client, seen } = harness([
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]);
    expect(await client.list()).toEqual({ ok: false, error: { kind: 'network' } });
    expect(seen).toHaveLength(4);
  });

  it('aborts a request that takes longer than the timeout', async () => {
    const slow = createDelegatedAuthClient({
      baseUrl: BASE,
      apiVersion: '5.0',
      auth: { kind: 'session' },
      timeoutMs: 30,
      fetch: ((_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        )) as unknown as typeof fetch,
    });
    expect(await slow.list()).toEqual({ ok: false, error: { kind: 'timeout', afterMs: 30 } });
  });

  it('validates 500 authorizations', async () => {
    const { client } = harness([list(...manyAuthorizations(500))]);
    const result = await client.list();
    expect(result.ok && result.value.length).toBe(500);
  });
});

describe('personal access tokens', () => {
  it('sends the token only as Basic base64(":" + PAT), without cookies', async () => {
    const { client, seen } = harness([list()], { auth: { kind: 'pat', token: 'abc123pat' } });
    await client.list();
    expect((seen[0]?.init.headers as Record<string, string>).authorization).toBe(`Basic ${Buffer.from(':abc123pat').toString('base64')}`);
    expect(seen[0]?.init.credentials).toBe('omit');
    expect(basicAuthorization('abc123pat')).toBe('Basic OmFiYzEyM3BhdA==');
  });

  it.each([
    'https://evil.example',
    'http://app.vssps.visualstudio.com',
    'https://app.vssps.visualstudio.com.evil.example',
    'https://user@vssps.dev.azure.com/org',
  ])('refuses to work against %s', (baseUrl) => {
    expect(() => createDelegatedAuthClient({ fetch, baseUrl, apiVersion: '5.0', auth: { kind: 'pat', token: 'x' } })).toThrow();
  });

  it('uses the organization host form when configured', async () => {
    const { client, seen } = harness([list()], { baseUrl: 'https://vssps.dev.azure.com/fabrikam', apiVersion: '7.2-preview.1' });
    await client.list();
    expect(seen[0]?.url).toBe('https://vssps.dev.azure.com/fabrikam/_apis/DelegatedAuth/Authorizations?api-version=7.2-preview.1');
  });
});

describe('revoking', () => {
  it('sends POST ?authorizationId=…&api-version=… with no body and no content type', async () => {
    const { client, seen } = harness([() => new Response('', { status: 200 })]);
    expect(await client.revoke(ID)).toEqual({ ok: true, value: { id: ID, alreadyGone: false } });
    expect(seen[0]?.url).toBe(`${BASE}/_apis/DelegatedAuth/Authorizations?authorizationId=${ID}&api-version=5.0`);
    expect(seen[0]?.init.method).toBe('POST');
    expect(seen[0]?.init.body).toBeUndefined();
    expect(Object.keys(seen[0]?.init.headers as object).map((key) => key.toLowerCase())).not.toContain('content-type');
  });

  it('treats 404 as already gone, so revoking twice is harmless', async () => {
    const { client, seen } = harness([() => new Response('', { status: 200 }), jsonResponse(404, { message: 'not found' })]);
    expect((await client.revoke(ID)).ok).toBe(true);
    expect(await client.revoke(ID)).toEqual({ ok: true, value: { id: ID, alreadyGone: true } });
    expect(seen).toHaveLength(2);
  });

  it('reports 400 AccessDenied as rejected with the reason', async () => {
    const { client } = harness([jsonResponse(400, { message: 'AccessDenied', typeKey: 'AccessDeniedException' })]);
    expect(await client.revoke(ID)).toEqual({ ok: false, error: { kind: 'rejected', status: 400, message: 'AccessDenied' } });
  });

  it('treats a sign-in page answer to a revoke as signed out, not as success', async () => {
    const { client } = harness([() => new Response('<html></html>', { status: 203, headers: { 'content-type': 'text/html' } })]);
    expect(await client.revoke(ID)).toEqual({ ok: false, error: { kind: 'signed-out', status: 203 } });
  });

  it('never sends a request for an id that is not a GUID', async () => {
    const { client, seen } = harness([() => new Response('')]);
    const result = await client.revoke('../Token/SessionTokens');
    expect(result.ok).toBe(false);
    expect(seen).toHaveLength(0);
  });

  it('after a 429, no request of the client starts before Retry-After has passed', async () => {
    let calls = 0;
    const { client, seen } = harness([
      () => {
        calls += 1;
        return calls === 1
          ? new Response('{}', { status: 429, headers: { 'retry-after': '5', 'content-type': 'application/json' } })
          : new Response('', { status: 200 });
      },
    ]);
    const first = seen.length;
    await client.revoke(ID);
    const throttledAt = seen[first]?.at ?? 0;
    await client.revoke('22222222-2222-4222-8222-222222222222');
    expect(seen.slice(1).every((request) => request.at >= throttledAt + 5000)).toBe(true);
  });
});
