import { describe, expect, it } from 'vitest';
import { createManagerService, KEYS, type KeyValueArea, type ManagerServiceDeps } from '../../src/manager/service';
import { fakeGuid, manyAuthorizations, sampleAuthorizations, SAMPLE_IDS } from '../e2e/harness/fake-ado-api';

function memoryArea(): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    remove: async (key) => void data.delete(key),
  };
}

const PAT = 'pat4567890abcdefghijklmnopqrstuvwxyz0123456789ABCDEF';

/** A fetch backed by an in-memory DelegatedAuth: counts revokes in flight, optional per-id failures. */
function fakeBackend(options: { failIds?: Map<string, number>; delayMs?: number; list?: unknown } = {}) {
  const ids = new Set<string>(manyAuthorizations(60).map((details) => details.authorization.authorizationId));
  let inFlight = 0;
  let maxInFlight = 0;
  const requests: { method: string; url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    requests.push({ method: init?.method ?? 'GET', url: url.href, headers: (init?.headers ?? {}) as Record<string, string> });
    if (init?.method !== 'POST') return new Response(JSON.stringify(options.list ?? { count: 0, value: [] }), { headers: { 'content-type': 'application/json' } });
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
    const response = await manager.revoke(ids);
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
    const running = manager.revoke([fakeGuid(1), fakeGuid(2), fakeGuid(3), fakeGuid(4), fakeGuid(5), fakeGuid(6)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const status = await manager.status();
    expect(status.job?.finishedAt).toBeNull();
    expect(status.job?.items.some((item) => item.state === 'in-flight')).toBe(true);
    expect(await manager.revoke([fakeGuid(7)])).toEqual({ ok: false, reason: expect.stringContaining('already in progress') });
    await running;
    expect((await manager.status()).job?.items.every((item) => item.state === 'revoked')).toBe(true);
  });

  it('keeps a failure with its reason and revokes the rest; revoking an already revoked one is a success', async () => {
    const backend = fakeBackend({ failIds: new Map([[fakeGuid(2), 400]]) });
    const { service: manager } = service({ fetch: backend.fetch });
    await manager.revoke([fakeGuid(1)]);
    const response = await manager.revoke([fakeGuid(1), fakeGuid(2), fakeGuid(3)]);
    if (!response.ok) throw new Error('expected a job');
    const [first, second, third] = response.job.items;
    expect(first).toMatchObject({ state: 'revoked', alreadyGone: true });
    expect(second).toMatchObject({ state: 'failed', reason: expect.stringContaining('AccessDenied') });
    expect(third).toMatchObject({ state: 'revoked', alreadyGone: false });
  });

  it('on Firefox with the browser session, a refused revoke explains that a token is needed', async () => {
    const backend = fakeBackend({ failIds: new Map([[fakeGuid(2), 403]]) });
    const { service: manager } = service({ fetch: backend.fetch, browser: 'firefox' });
    const response = await manager.revoke([fakeGuid(2)]);
    expect(response.ok && response.job.items[0]?.reason).toContain('personal access token');
  });

  it('marks a job interrupted by a stopped service worker as failed per item, never silently lost', async () => {
    const { service: manager, session } = service();
    await session.set(KEYS.job, { jobId: 'x', startedAt: 1, finishedAt: null, items: [{ id: fakeGuid(1), state: 'revoked' }, { id: fakeGuid(2), state: 'in-flight' }, { id: fakeGuid(3), state: 'pending' }] });
    const status = await manager.status();
    expect(status.job?.finishedAt).not.toBeNull();
    expect(status.job?.items.map((item) => item.state)).toEqual(['revoked', 'failed', 'failed']);
    expect(status.job?.items[1]?.reason).toContain('Interrupted');
  });
});

describe('authentication and settings', () => {
  it('keeps a pasted token in the session area only, sends it as Basic, and never returns it', async () => {
    const backend = fakeBackend({ list: { count: 6, value: sampleAuthorizations() } });
    const { service: manager, session, local } = service({ fetch: backend.fetch });
    await manager.setToken(PAT, false);
    expect(session.data.get(KEYS.token)).toBe(PAT);
    expect(local.data.has(KEYS.token)).toBe(false);
    const listed = await manager.list();
    expect(listed.ok && listed.authorizations.length).toBe(6);
    expect(listed.source.auth).toBe('pat');
    expect(backend.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`:${PAT}`).toString('base64')}`);
    const everything = JSON.stringify([listed, await manager.status(), await manager.revoke([SAMPLE_IDS.backlog])]);
    expect(everything).not.toContain(PAT);
    expect(everything).not.toContain(Buffer.from(`:${PAT}`).toString('base64'));
  });

  it('remembers the token on the device only when asked, and forgets it everywhere', async () => {
    const { service: manager, session, local } = service();
    await manager.setToken(PAT, true);
    expect(local.data.get(KEYS.token)).toBe(PAT);
    expect(session.data.has(KEYS.token)).toBe(false);
    expect((await manager.status()).source).toMatchObject({ auth: 'pat', tokenRemembered: true });
    await manager.clearToken();
    expect(local.data.has(KEYS.token) || session.data.has(KEYS.token)).toBe(false);
    expect((await manager.status()).source.auth).toBe('session');
  });

  it('uses the organization host form and api-version from the settings', async () => {
    const backend = fakeBackend();
    const { service: manager } = service({ fetch: backend.fetch });
    await manager.saveSettings({ organization: 'fabrikam', apiVersion: '7.2-preview.1' });
    await manager.list();
    expect(backend.requests[0]?.url).toBe('https://vssps.dev.azure.com/fabrikam/_apis/DelegatedAuth/Authorizations?api-version=7.2-preview.1');
  });
});
