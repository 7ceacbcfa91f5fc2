/**
 * The webhook outbox against a receiver that is down, slow, answers 500 and 429, comes back, and a service
 * worker that restarts in the middle: every event arrives, in order, exactly once as far as the receiver can
 * tell (by id). In-memory storage, a scripted receiver and a hand-driven clock: no test waits on real time
 * except the per-attempt timeout, which is tiny here and only decides that a slow answer counts as failed.
 */
import { describe, expect, it } from 'vitest';
import { createActivityLog } from '../../src/policy/activity-log';
import type { WebhookEvent } from '../../src/policy/activity';
import { CONSENT_KEYS, createConsentInventory } from '../../src/manager/consent-inventory';
import { consentSink, reportingRecordedConsents, type ConsentFlowOutcome } from '../../src/policy/consent-events';
import { createOutbox, OUTBOX_KEY, parseOutbox, retryDelay, type OutboxConfig } from '../../src/policy/outbox';
import { memoryArea } from './fake-platform';

type Mode = 'down' | 'slow' | '500' | '429' | '401' | '400' | 'up';

/** A receiver that records every body it got (also when its answer never makes it back) and de-duplicates by id. */
function receiver() {
  const state = { mode: 'up' as Mode, bodies: [] as Record<string, unknown>[], requests: 0 };
  const fetch = async (_url: string, init: RequestInit) => {
    state.requests++;
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    switch (state.mode) {
      case 'down':
        throw new TypeError('Failed to fetch');
      case 'slow':
        // It got the event, but the answer comes too late: the sender must try again, the receiver sees the id twice.
        state.bodies.push(body);
        return new Promise<never>(() => undefined);
      case '500':
        return { status: 500 };
      case '429':
        return { status: 429, headers: new Headers({ 'retry-after': '30' }) };
      case '401':
        return { status: 401 };
      case '400':
        return { status: 400 };
      default:
        state.bodies.push(body);
        return { status: 204 };
    }
  };
  const unique = () => {
    const seen = new Set<string>();
    return state.bodies.filter((body) => {
      const id = String(body.id);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  };
  return { state, fetch, unique };
}

const event = (index: number): WebhookEvent => ({
  v: 1,
  type: 'decision',
  time: new Date(Date.UTC(2026, 11, 1, 8, 0, index)).toISOString(),
  host: `clone-${index}.example`,
  clientId: null,
  scopes: ['vso.code_write'],
  verdict: 'danger',
  action: 'banner',
  choice: 'none',
  findings: ['lookalike-glue'],
  forbiddenScopes: [],
  extensionVersion: '0.1.0',
});

function harness(options: { maxItems?: number; config?: OutboxConfig | null } = {}) {
  const storage = memoryArea();
  const clock = { now: Date.parse('2026-12-01T08:00:00Z') };
  const wakeups: number[] = [];
  const remote = receiver();
  let counter = 0;
  const config: OutboxConfig | null =
    options.config === undefined ? { url: 'https://siem.contoso.example/hook', format: 'json', maxItems: options.maxItems ?? 1000 } : options.config;
  /** A service worker's outbox; calling it again is a restart (same storage, nothing in memory). */
  const start = () =>
    createOutbox({
      local: storage,
      now: () => clock.now,
      config: async () => config,
      fetch: remote.fetch,
      schedule: (at) => void wakeups.push(at),
      randomId: () => `evt-${++counter}`,
      timeoutMs: 20,
    });
  return { storage, clock, wakeups, remote, start };
}

describe('the webhook outbox', () => {
  it('a receiver that is down, slow, failing and rate-limiting, and a restart, still gets every event once, in order', async () => {
    const { clock, wakeups, remote, start } = harness();
    let outbox = start();
    const sent: string[] = [];
    const enqueue = async (index: number) => {
      const id = await outbox.enqueue(event(index));
      if (id) sent.push(id);
      await outbox.flushed();
    };
    /** The alarm fires: the clock moves to the wake-up time and the outbox flushes. */
    const alarm = async () => {
      const at = wakeups.at(-1);
      if (at !== undefined && at > clock.now) clock.now = at;
      await outbox.flush();
      await outbox.flushed();
    };

    remote.state.mode = 'down';
    for (let index = 0; index < 3; index++) await enqueue(index);
    expect(remote.unique()).toHaveLength(0);
    expect((await outbox.status()).queued).toBe(3);
    expect((await outbox.status()).lastError).toBe('Failed to fetch');

    remote.state.mode = '500';
    await alarm();
    remote.state.mode = '429';
    await alarm();
    // Retry-After: 30 is honoured (the backoff alone would be shorter).
    expect(wakeups.at(-1)! - clock.now).toBeGreaterThanOrEqual(30_000);

    // The service worker is stopped and started again: only storage is left.
    outbox = start();
    remote.state.mode = 'slow';
    await enqueue(3);
    await alarm();
    remote.state.mode = 'slow';
    await alarm();
    expect(remote.state.bodies.length).toBeGreaterThanOrEqual(2);

    remote.state.mode = 'up';
    await enqueue(4);
    await alarm();
    await enqueue(5);

    const received = remote.unique();
    expect(received.map((body) => body.id)).toEqual(sent);
    expect(received.map((body) => body.host)).toEqual([0, 1, 2, 3, 4, 5].map((index) => `clone-${index}.example`));
    // The slow receiver saw the first event more than once: the same id, so it counts it once.
    expect(remote.state.bodies.length).toBeGreaterThan(received.length);
    expect(new Set(remote.state.bodies.map((body) => body.id)).size).toBe(sent.length);
    expect(await outbox.status()).toMatchObject({ queued: 0, lastError: null, droppedTotal: 0, nextAttemptAt: null });
  });

  it('waits for the backoff: events queued meanwhile do not hammer the receiver or overtake the head', async () => {
    const { clock, wakeups, remote, start } = harness();
    const outbox = start();
    remote.state.mode = '500';
    await outbox.enqueue(event(0));
    await outbox.flushed();
    const requests = remote.state.requests;
    await outbox.enqueue(event(1));
    await outbox.flushed();
    expect(remote.state.requests).toBe(requests);
    remote.state.mode = 'up';
    clock.now = wakeups.at(-1)!;
    await outbox.flush();
    expect(remote.unique().map((body) => body.host)).toEqual(['clone-0.example', 'clone-1.example']);
  });

  it('backs off exponentially up to 15 minutes', () => {
    expect([1, 2, 3, 4].map((failures) => retryDelay(failures, null))).toEqual([2000, 4000, 8000, 16000]);
    expect(retryDelay(30, null)).toBe(15 * 60_000);
    expect(retryDelay(1, 10 * 60 * 60_000)).toBe(60 * 60_000);
  });

  it('bounded: past the size the oldest are dropped, and the next delivery and the status say how many', async () => {
    const { clock, wakeups, remote, start } = harness({ maxItems: 5 });
    const outbox = start();
    remote.state.mode = 'down';
    for (let index = 0; index < 8; index++) {
      await outbox.enqueue(event(index));
      await outbox.flushed();
    }
    expect(await outbox.status()).toMatchObject({ queued: 5, droppedTotal: 3 });
    remote.state.mode = 'up';
    clock.now = wakeups.at(-1)!;
    await outbox.flush();
    const received = remote.unique();
    expect(received.map((body) => body.host)).toEqual([3, 4, 5, 6, 7].map((index) => `clone-${index}.example`));
    expect(received[0]?.dropped).toBe(3);
    expect(received.slice(1).every((body) => body.dropped === undefined)).toBe(true);
    expect((await outbox.status()).droppedTotal).toBe(3);
  });

  it('401 is retried (a receiver being set up); an event the receiver refuses (400) is set aside so the rest go', async () => {
    const { clock, wakeups, remote, start } = harness();
    const outbox = start();
    remote.state.mode = '401';
    await outbox.enqueue(event(0));
    await outbox.flushed();
    expect((await outbox.status()).queued).toBe(1);
    remote.state.mode = '400';
    clock.now = wakeups.at(-1)!;
    await outbox.flush();
    expect(await outbox.status()).toMatchObject({ queued: 0, rejected: 1, lastError: 'HTTP 400' });
    remote.state.mode = 'up';
    await outbox.enqueue(event(1));
    await outbox.flushed();
    expect(remote.unique().map((body) => body.host)).toEqual(['clone-1.example']);
  });

  it('without a webhook nothing is queued or sent', async () => {
    const { storage, remote, start } = harness({ config: null });
    const outbox = start();
    expect(await outbox.enqueue(event(0))).toBeNull();
    await outbox.flush();
    expect(storage.data.has(OUTBOX_KEY)).toBe(false);
    expect(remote.state.requests).toBe(0);
  });

  it('reads a corrupted store leniently and counts what it could not keep as dropped', () => {
    expect(parseOutbox('garbage')).toMatchObject({ items: [], dropped: 0 });
    const state = parseOutbox({ items: [{ id: 'a', queuedAt: 1, event: event(0) }, { id: 7 }, null], dropped: -4, droppedTotal: 'x', nextAttemptAt: 5 });
    expect(state).toMatchObject({ items: [{ id: 'a' }], dropped: 2, droppedTotal: 2, nextAttemptAt: 5 });
  });

  it('the activity log queues its events in the outbox', async () => {
    const { remote, start, storage } = harness();
    const outbox = start();
    const log = createActivityLog({
      local: storage,
      now: () => 1_767_225_600_000,
      webhookUrl: async () => 'https://unused.example',
      fetch: remote.fetch,
      extensionVersion: '0.1.0',
      outbox,
    });
    const id = await log.record({
      host: 'app-vssps-visualstudio.com',
      clientId: null,
      scopes: [],
      verdict: 'danger',
      action: 'banner',
      findings: ['lookalike-glue'],
      forbiddenScopes: [],
    });
    await log.choose(id, 'left');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await outbox.flushed();
    expect(remote.unique().map((body) => [body.type, body.choice])).toEqual([
      ['decision', 'none'],
      ['choice', 'left'],
    ]);
  });
});

describe('consent events (reportAllConsents)', () => {
  const outcome: ConsentFlowOutcome = {
    outcome: 'approved',
    host: 'app.vssps.visualstudio.com',
    clientId: '7F3C9A52-5C1E-4F0B-9A4E-2D6F1B8C0E11',
    redirectHost: 'deploybot.contoso.example',
    scopes: ['vso.code_write'],
    verdict: 'warn',
    findings: ['high-privilege-scopes'],
    startedAt: Date.parse('2026-12-01T08:00:00Z'),
    endedAt: Date.parse('2026-12-01T08:00:20Z'),
  };

  it('each finished flow becomes one consent event, only when the policy asks for it', async () => {
    const { remote, start } = harness();
    const outbox = start();
    let report = false;
    const reportConsent = consentSink({ reportAllConsents: async () => report, enqueue: (item) => outbox.enqueue(item), extensionVersion: '0.1.0' });
    await reportConsent(outcome);
    await outbox.flushed();
    expect(remote.state.requests).toBe(0);
    report = true;
    await reportConsent(outcome);
    await reportConsent({ ...outcome, outcome: 'declined' });
    await reportConsent({ ...outcome, outcome: 'abandoned', host: 'evil host<script>' });
    await outbox.flushed();
    const received = remote.unique();
    expect(received.map((body) => body.outcome)).toEqual(['approved', 'declined']);
    expect(received[0]).toMatchObject({
      v: 1,
      type: 'consent',
      time: '2026-12-01T08:00:20.000Z',
      startedAt: '2026-12-01T08:00:00.000Z',
      clientId: '7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11',
      redirectHost: 'deploybot.contoso.example',
      scopes: ['vso.code_write'],
      verdict: 'warn',
    });
    expect(typeof received[0]?.id).toBe('string');
  });

  it('the consent inventory: approved, declined and abandoned flows reach the webhook once each, in the order they ended', async () => {
    const { remote, start, clock } = harness();
    const outbox = start();
    let report = true;
    const reportConsent = consentSink({ reportAllConsents: async () => report, enqueue: (item) => outbox.enqueue(item), extensionVersion: '0.1.0' });
    // The inventory exactly as the background builds it: its local area reports each record it stores.
    const inventory = createConsentInventory({
      session: memoryArea(),
      local: reportingRecordedConsents(memoryArea(), CONSENT_KEYS.records, reportConsent),
      now: () => clock.now,
    });
    const authorize = (clientId: string) =>
      `https://app.vssps.visualstudio.com/oauth2/authorize?${new URLSearchParams({
        client_id: clientId,
        response_type: 'Assertion',
        state: `st-${clientId.slice(0, 4)}`,
        scope: 'vso.code_write',
        redirect_uri: 'https://deploybot.contoso.example/oauth/callback',
      })}`;
    const approvedApp = '7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11';
    const declinedApp = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const abandonedApp = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';

    await inventory.navigation(1, authorize(approvedApp), false);
    clock.now += 20_000;
    await inventory.navigation(1, 'https://deploybot.contoso.example/oauth/callback?code=secret-code&state=st-7f3c', false);
    await inventory.navigation(2, authorize(declinedApp), false);
    clock.now += 5_000;
    await inventory.navigation(2, 'https://deploybot.contoso.example/oauth/callback?error=access_denied&state=st-1a2b', false);
    await inventory.navigation(3, authorize(abandonedApp), false);
    clock.now += 1_000;
    await inventory.tabClosed(3);
    // Ordinary browsing afterwards records nothing and sends nothing.
    await inventory.navigation(1, 'https://example.test/', true);
    await outbox.flushed();

    const received = remote.unique();
    expect(received.map((body) => [body.outcome, body.clientId])).toEqual([
      ['approved', approvedApp],
      ['declined', declinedApp],
      ['abandoned', abandonedApp],
    ]);
    expect(remote.state.bodies).toHaveLength(3);
    expect(received[0]).toMatchObject({
      type: 'consent',
      host: 'app.vssps.visualstudio.com',
      redirectHost: 'deploybot.contoso.example',
      scopes: ['vso.code_write'],
      time: '2026-12-01T08:00:20.000Z',
      startedAt: '2026-12-01T08:00:00.000Z',
    });
    // Never the code the redirect carried, nor the redirect's path or query.
    expect(JSON.stringify(remote.state.bodies)).not.toMatch(/secret-code|oauth\/callback|state=/);
    // The inventory still keeps its own records (newest first), whatever the webhook does.
    expect((await inventory.records()).map((record) => record.outcome)).toEqual(['abandoned', 'declined', 'approved']);

    // Without reportAllConsents the inventory records, the webhook hears nothing.
    report = false;
    await inventory.navigation(4, authorize(approvedApp), false);
    await inventory.tabClosed(4);
    await outbox.flushed();
    expect(remote.state.bodies).toHaveLength(3);
    expect(await inventory.records()).toHaveLength(4);
  });
});
