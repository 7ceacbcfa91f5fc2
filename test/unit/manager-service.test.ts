import { describe, expect, it } from 'vitest';
import { createManagerService, KEYS, type ManagerServiceDeps } from '../../src/manager/service';
import { MemoryArea } from './fake-platform';
import { fakeGuid, manyAuthorizations, sampleAuthorizations, SAMPLE_IDS } from '../e2e/harness/fake-ado-api';

const memoryArea = () => new MemoryArea();

const PAT = 'pat4567890abcdefghijklmnopqrstuvwxyz0123456789ABCDEF';
const viaSession = (ids: readonly string[]) => ids.map((id) => ({ id, source: 'session' as const }));

/** A fetch backed by an in-memory DelegatedAuth: counts revokes in flight, optional per-id failures. */
function fakeBackend(options: { failIds?: Map<string, number>; delayMs?: number; list?: unknown } = {}) {
  const ids = new Set<string>(manyAuthorizations(60).map((details) => details.authorization.authorizationId));
  let inFlight = 0;
  let maxInFlight = 0;
  const requests: { method: string; url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    requests.push({ method: init?.method ?? 'GET', url: url.href, headers: (init?.headers ?? {}) as Record<string, string> });
    if (init?.method !== 'POST')
      return new Response(JSON.stringify(options.list ?? { count: 0, value: [] }), { headers: { 'content-type': 'application/json' } });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 2));
    inFlight -= 1;
    const id = url.searchParams.get('authorizationId') ?? '';
    const status = options.failIds?.get(id);
    if (status) return new Response(JSON.stringify({ message: 'AccessDenied' }), { status, headers: { 'content-type': 'application/json' } });
    return ids.delete(id) ? new Response('', { status: 200 }) : new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, requests, ids, maxInFlight: () => maxInFlight };
}

function service(overrides: Partial<ManagerServiceDeps> = {}) {
  const session = memoryArea();
  const local = memoryArea();
  const backend = fakeBackend();
  const deps: ManagerServiceDeps = { fetch: backend.fetch, session, local, browser: 'chromium', sleep: async () => undefined, ...overrides };
  return { service: createManagerService(deps), session, local, backend };
}

describe('revoking many', () => {
  it('revokes 50 with at most 4 requests in flight, and records every result in the session area', async () => {
    const backend = fakeBackend({ delayMs: 5 });
    const { service: manager, session } = service({ fetch: backend.fetch });
    const ids = Array.from({ length: 50 }, (_, index) => fakeGuid(index + 1));
    const response = await manager.revoke(viaSession(ids));
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    expect(backend.maxInFlight()).toBe(4);
    expect(response.job.items.filter((item) => item.state === 'revoked')).toHaveLength(50);
    expect(backend.requests.filter((request) => request.method === 'POST')).toHaveLength(50);
    const stored = session.data.get(KEYS.job) as { finishedAt: number | null; items: { state: string }[] };
    expect(stored.finishedAt).not.toBeNull();
    expect(stored.items.every((item) => item.state === 'revoked')).toBe(true);
  });

  it('shows progress while running, and refuses a second revoke until the first is done', async () => {
    const backend = fakeBackend({ delayMs: 20 });
    const { service: manager } = service({ fetch: backend.fetch });
    const running = manager.revoke(viaSession([fakeGuid(1), fakeGuid(2), fakeGuid(3), fakeGuid(4), fakeGuid(5), fakeGuid(6)]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const status = await manager.status();
    expect(status.job?.finishedAt).toBeNull();
    expect(status.job?.items.some((item) => item.state === 'in-flight')).toBe(true);
    expect(await manager.revoke(viaSession([fakeGuid(7)]))).toEqual({ ok: false, reason: expect.stringContaining('already in progress') });
    await running;
    expect((await manager.status()).job?.items.every((item) => item.state === 'revoked')).toBe(true);
  });

  it('keeps a failure with its reason and revokes the rest; revoking an already revoked one is a success', async () => {
    const backend = fakeBackend({ failIds: new Map([[fakeGuid(2), 400]]) });
    const { service: manager } = service({ fetch: backend.fetch });
    await manager.revoke(viaSession([fakeGuid(1)]));
    const response = await manager.revoke(viaSession([fakeGuid(1), fakeGuid(2), fakeGuid(3)]));
    if (!response.ok) throw new Error('expected a job');
    const [first, second, third] = response.job.items;
    expect(first).toMatchObject({ state: 'revoked', alreadyGone: true });
    expect(second).toMatchObject({ state: 'failed', reason: expect.stringContaining('AccessDenied') });
    expect(third).toMatchObject({ state: 'revoked', alreadyGone: false });
  });

  it('on Firefox with the browser session, a refused revoke explains that a token is needed', async () => {
    const backend = fakeBackend({ failIds: new Map([[fakeGuid(2), 403]]) });
    const { service: manager } = service({ fetch: backend.fetch, browser: 'firefox' });
    const response = await manager.revoke(viaSession([fakeGuid(2)]));
    expect(response.ok && response.job.items[0]?.reason).toContain('personal access token');
  });

  it('marks a job interrupted by a stopped service worker as failed per item, never silently lost', async () => {
    const { service: manager, session } = service();
    await session.set(KEYS.job, {
      jobId: 'x',
      startedAt: 1,
      finishedAt: null,
      items: [
        { id: fakeGuid(1), state: 'revoked' },
        { id: fakeGuid(2), state: 'in-flight' },
        { id: fakeGuid(3), state: 'pending' },
      ],
    });
    const status = await manager.status();
    expect(status.job?.finishedAt).not.toBeNull();
    expect(status.job?.items.map((item) => item.state)).toEqual(['revoked', 'failed', 'failed']);
    expect(status.job?.items[1]?.reason).toContain('Interrupted');
  });
});

describe('authentication and settings', () => {
  it('keeps a token under its organization in the session area only, sends it only to that organization, and never returns it', async () => {
    const backend = fakeBackend({ list: { count: 6, value: sampleAuthorizations() } });
    const { service: manager, session, local } = service({ fetch: backend.fetch });
    expect(await manager.setToken('Fabrikam', PAT, false)).toEqual({ ok: true });
    expect(session.data.get(KEYS.tokens)).toEqual({ fabrikam: PAT });
    expect(local.data.has(KEYS.tokens)).toBe(false);
    backend.requests.length = 0;
    const listed = await manager.list();
    const token = listed.results.find((result) => result.source.auth === 'pat');
    expect(token?.ok && token.authorizations.length).toBe(6);
    expect(token?.source).toMatchObject({ key: 'org:fabrikam', organization: 'fabrikam', baseUrl: 'https://vssps.dev.azure.com/fabrikam' });
    const withToken = backend.requests.filter((request) => request.headers.authorization);
    expect(withToken.map((request) => new URL(request.url).origin + new URL(request.url).pathname)).toEqual([
      'https://vssps.dev.azure.com/fabrikam/_apis/DelegatedAuth/Authorizations',
    ]);
    expect(withToken[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`:${PAT}`).toString('base64')}`);
    // The session request carries no token.
    expect(backend.requests.filter((request) => !request.headers.authorization).map((request) => new URL(request.url).host)).toEqual([
      'app.vssps.visualstudio.com',
    ]);
    const everything = JSON.stringify([listed, await manager.status(), await manager.revoke([{ id: SAMPLE_IDS.backlog, source: 'org:fabrikam' }])]);
    expect(everything).not.toContain(PAT);
    expect(everything).not.toContain(Buffer.from(`:${PAT}`).toString('base64'));
  });

  it('refuses a token its organization answers 401 to, says why, and keeps nothing', async () => {
    const fetch = (async () =>
      new Response('{"message":"TF400813"}', { status: 401, headers: { 'content-type': 'application/json' } })) as typeof globalThis.fetch;
    const { service: manager, session, local } = service({ fetch });
    const response = await manager.setToken('contoso', PAT, true);
    expect(response.ok).toBe(false);
    expect(!response.ok && response.reason).toMatch(
      /Azure DevOps \(contoso\) refused this token \(401\)\. A token works only in the organization it was created in, and global tokens stopped working/,
    );
    expect(session.data.has(KEYS.tokens) || local.data.has(KEYS.tokens)).toBe(false);
  });

  it('keeps tokens of several organizations, remembered or not, and forgets one or all', async () => {
    const { service: manager, session, local } = service();
    await manager.setToken('fabrikam', PAT, true);
    await manager.setToken('contoso', `${PAT}x`, false);
    expect(local.data.get(KEYS.tokens)).toEqual({ fabrikam: PAT });
    expect(session.data.get(KEYS.tokens)).toEqual({ contoso: `${PAT}x` });
    const status = await manager.status();
    expect(status.sources.map((source) => [source.key, source.tokenRemembered])).toEqual([
      ['session', false],
      ['org:contoso', false],
      ['org:fabrikam', true],
    ]);
    // Remembering moves a token from one area to the other; it is never in both.
    await manager.setToken('contoso', `${PAT}x`, true);
    expect(session.data.get(KEYS.tokens)).toEqual({});
    expect(local.data.get(KEYS.tokens)).toEqual({ fabrikam: PAT, contoso: `${PAT}x` });
    await manager.clearToken('fabrikam');
    expect((await manager.status()).sources.map((source) => source.key)).toEqual(['session', 'org:contoso']);
    await manager.clearToken('');
    expect((await manager.status()).sources.map((source) => source.key)).toEqual(['session']);
  });

  it('asks every sign-in; one refusing does not hide the others, and each answer says who gave it', async () => {
    const fetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      if (url.pathname.startsWith('/contoso/')) return new Response('{}', { status: 401, headers: { 'content-type': 'application/json' } });
      return new Response(JSON.stringify({ count: 6, value: sampleAuthorizations() }), { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const { service: manager, session } = service({ fetch });
    await session.set(KEYS.tokens, { contoso: PAT, fabrikam: PAT });
    const listed = await manager.list();
    expect(listed.results.map((result) => [result.source.key, result.ok])).toEqual([
      ['session', true],
      ['org:contoso', false],
      ['org:fabrikam', true],
    ]);
  });

  it('a revoke goes through the sign-in that listed it; a forgotten one sends nothing', async () => {
    const backend = fakeBackend();
    const { service: manager, session } = service({ fetch: backend.fetch });
    await session.set(KEYS.tokens, { fabrikam: PAT });
    const response = await manager.revoke([
      { id: fakeGuid(1), source: 'org:fabrikam' },
      { id: fakeGuid(2), source: 'org:contoso' },
    ]);
    if (!response.ok) throw new Error('expected a job');
    expect(response.job.items.map((item) => item.state)).toEqual(['revoked', 'failed']);
    expect(response.job.items[1]?.reason).toContain('Not sent');
    const posts = backend.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => new URL(request.url).pathname)).toEqual(['/fabrikam/_apis/DelegatedAuth/Authorizations']);
  });

  it('a global token saved before 2026-12-01 is not used; with an organization set it moves there', async () => {
    const backend = fakeBackend();
    const { service: manager, local } = service({ fetch: backend.fetch });
    await local.set(KEYS.token, PAT);
    const status = await manager.status();
    expect(status.legacyToken).toBe(true);
    expect(status.sources.map((source) => source.key)).toEqual(['session']);
    await manager.list();
    expect(backend.requests.some((request) => request.headers.authorization)).toBe(false);
    await manager.saveSettings({ organization: 'fabrikam', apiVersion: '' });
    const migrated = await manager.status();
    expect(migrated.legacyToken).toBe(false);
    expect(migrated.sources.map((source) => [source.key, source.tokenRemembered])).toEqual([
      ['session', false],
      ['org:fabrikam', true],
    ]);
    expect(local.data.has(KEYS.token)).toBe(false);
  });

  it('while a revoke waits out Retry-After the item says until when', async () => {
    let clock = 1_000_000;
    let first = true;
    const seen: unknown[] = [];
    const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST' && first) {
        first = false;
        return new Response('{}', { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '30' } });
      }
      return new Response('', { status: 200 });
    }) as typeof globalThis.fetch;
    const holder: { manager?: ReturnType<typeof createManagerService> } = {};
    const { service: manager } = service({
      fetch,
      now: () => clock,
      sleep: async (ms) => {
        seen.push((await holder.manager!.status()).job?.items[0]);
        clock += ms;
      },
    });
    holder.manager = manager;
    const response = await manager.revoke(viaSession([fakeGuid(1)]));
    expect(seen).toContainEqual(expect.objectContaining({ state: 'waiting', waitUntil: 1_000_000 + 30_000 }));
    expect(response.ok && response.job.items[0]?.state).toBe('revoked');
  });

  it('uses the organization host form and api-version from the settings', async () => {
    const backend = fakeBackend();
    const { service: manager } = service({ fetch: backend.fetch });
    await manager.saveSettings({ organization: 'fabrikam', apiVersion: '7.2-preview.1' });
    await manager.list();
    expect(backend.requests[0]?.url).toBe('https://vssps.dev.azure.com/fabrikam/_apis/DelegatedAuth/Authorizations?api-version=7.2-preview.1');
  });
});
