/**
 * Threat feeds and blockedClientIds: parsing both list shapes (valid, partial, hostile), fetching (a 50 MB
 * body, a stall, a redirect to another host, ETag), keeping the last good copy, and what a hit does to the
 * verdict the user sees.
 */
import { describe, expect, it } from 'vitest';
import { analyzePage, type PolicyContext } from '../../src/background/view';
import { createFeedStore, FEEDS_KEY, fetchFeed, type FeedFetch } from '../../src/policy/feed-store';
import { parseManagedPolicy, parseUserSettings } from '../../src/policy/policy';
import { buildIntel, listableHost, parseFeed } from '../../src/policy/threat-intel';
import { memoryArea } from './fake-platform';

const ROGUE = 'e9a7fea1-1cc0-4cd9-a31b-9137ca5deedd';
const OTHER = 'ff8d92dc-3d82-41d6-bcbd-b9174d163620';
const FEED_URL = 'https://intel.contoso.example/consent-guard.json';
const ROGUE_URL = 'https://huntresslabs.github.io/rogueapps/rogueapps.json';

/** Shaped like Huntress's published list: extra fields, a malformed reference, contributors. */
const rogueAppsBody = JSON.stringify([
  {
    appId: ROGUE,
    appDisplayName: 'eM Client',
    appOwnerOrganizationId: '146ecd75-4414-4ecf-ba6d-ea611895da8c',
    appPublisherName: 'eM Client s.r.o.',
    description: 'Mail client used to sync and export whole mailboxes after an account takeover.',
    permissions: [{ resource: 'Microsoft Graph', permission: 'EWS.AccessAsUser.All', type: 'Delegated' }],
    tags: ['BEC'],
    references: ['https://example.org/report', 'https: //broken.example/ref'],
    mitreTTP: [],
    contributors: ['Research Team'],
    dateAdded: '2024-08-05',
  },
  { appId: OTHER, appDisplayName: 'PerfectData Software', description: 'Mailbox export abused for exfiltration.' },
]);

const ownFeed = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    consentGuardFeed: 1,
    name: 'Contoso SOC',
    apps: [{ clientId: ROGUE.toUpperCase(), name: 'Fake Deploy Bot', reason: 'Consent phishing campaign, case 4711' }],
    redirectHosts: [{ host: 'collector.evil.example', reason: 'Receives stolen tokens' }],
    lookalikeHosts: [{ host: 'app-vssps-visual-studio.com', reason: 'Phishing kit seen on 2026-11-30' }],
    ...extra,
  });

const adoUrl = (clientId: string, host = 'app.vssps.visualstudio.com', redirect = 'https://deploybot.contoso.example/cb', scope = 'vso.profile') =>
  `https://${host}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, response_type: 'Assertion', state: 's', scope, redirect_uri: redirect })}`;

const view = (url: string, context: PolicyContext) => analyzePage({ url, frameId: 0, flowStartUrl: null, signals: null, dismissedKeys: [], policy: context });
const noUser = parseUserSettings(undefined);

function response(body: BodyInit | null, init: ResponseInit & { url?: string } = {}): Response {
  const result = new Response(body, init);
  if (init.url) Object.defineProperty(result, 'url', { value: init.url });
  return result;
}

/** A body that yields 1 MB chunks on demand, up to `megabytes`, counting what was pulled. */
function hugeBody(megabytes: number) {
  const counter = { pulled: 0 };
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= megabytes) controller.close();
      else {
        counter.pulled++;
        controller.enqueue(chunk);
      }
    },
  });
  return { stream, counter };
}

describe('parsing a feed', () => {
  it("reads Huntress's RogueApps shape: app id, name and description as the reason; other fields are ignored", () => {
    const result = parseFeed(rogueAppsBody);
    expect(result).toMatchObject({ ok: true, format: 'rogueapps', name: null, skipped: 0 });
    if (!result.ok) throw new Error('not parsed');
    expect(result.entries.apps).toEqual([
      { value: ROGUE, name: 'eM Client', reason: 'Mail client used to sync and export whole mailboxes after an account takeover.' },
      { value: OTHER, name: 'PerfectData Software', reason: 'Mailbox export abused for exfiltration.' },
    ]);
  });

  it('reads our own shape: apps, redirect hosts and lookalike hosts, each with its reason; ids lowercased', () => {
    const result = parseFeed(ownFeed());
    if (!result.ok) throw new Error('not parsed');
    expect(result.name).toBe('Contoso SOC');
    expect(result.entries.apps).toEqual([{ value: ROGUE, name: 'Fake Deploy Bot', reason: 'Consent phishing campaign, case 4711' }]);
    expect(result.entries.redirectHosts).toEqual([{ value: 'collector.evil.example', reason: 'Receives stolen tokens' }]);
    expect(result.entries.lookalikeHosts).toEqual([{ value: 'app-vssps-visual-studio.com', reason: 'Phishing kit seen on 2026-11-30' }]);
  });

  it('keeps the valid entries of a partly broken list and counts the others', () => {
    const rogue = parseFeed(
      JSON.stringify([{ appId: ROGUE, description: 'ok' }, { appId: 'not-a-guid' }, { appId: 42 }, 'text', null, { appId: OTHER, description: 7 }]),
    );
    expect(rogue).toMatchObject({ ok: true, skipped: 5 });
    if (rogue.ok) expect(rogue.entries.apps.map((app) => app.value)).toEqual([ROGUE]);
    const own = parseFeed(
      ownFeed({
        apps: [{ clientId: ROGUE, reason: 'r' }, { clientId: ROGUE }, { reason: 'no id' }],
        redirectHosts: [
          { host: 'com', reason: 'a public suffix' },
          { host: 'login.microsoftonline.com', reason: 'Microsoft itself' },
          { host: 'ok.evil.example', reason: 'r' },
        ],
        lookalikeHosts: 'not a list',
      }),
    );
    // A field of the wrong type makes the whole document the wrong shape: it is not what the admin subscribed to.
    expect(own).toEqual({ ok: false, error: 'wrong-shape' });
    const partial = parseFeed(
      ownFeed({
        apps: [{ clientId: ROGUE, reason: 'r' }, { clientId: ROGUE }, { reason: 'no id' }],
        redirectHosts: [
          { host: 'com', reason: 'x' },
          { host: 'ok.evil.example', reason: 'r' },
        ],
      }),
    );
    expect(partial).toMatchObject({ ok: true, skipped: 3 });
    if (partial.ok) expect(partial.entries.redirectHosts.map((entry) => entry.value)).toEqual(['ok.evil.example']);
  });

  it('refuses documents of the wrong type or shape', () => {
    for (const body of [
      '<html>Service unavailable</html>',
      '',
      '"a string"',
      '42',
      'null',
      '{"apps": []}',
      '{"consentGuardFeed": 2, "apps": []}',
      '[1, 2, 3]',
      '[{"id": "x"}]',
    ]) {
      expect(parseFeed(body).ok, body).toBe(false);
    }
    expect(parseFeed('[]')).toMatchObject({ ok: true, skipped: 0 });
  });

  it('makes hostile text one short line and refuses hosts that would flag whole domains or Microsoft itself', () => {
    const result = parseFeed(
      JSON.stringify([{ appId: ROGUE, appDisplayName: 'Ev\u202eil\nApp', description: `line one\n\u0000line two ${'x'.repeat(5000)}` }]),
    );
    if (!result.ok) throw new Error('not parsed');
    const [app] = result.entries.apps;
    expect(app?.name).toBe('Ev il App');
    expect(app?.reason.startsWith('line one line two x')).toBe(true);
    expect(app?.reason.length).toBeLessThanOrEqual(300);
    expect(app?.reason).not.toMatch(/[\n\u0000\u202e]/);
    for (const host of [
      'com',
      'co.uk',
      'github.io',
      'login.microsoftonline.com',
      'app.vssps.visualstudio.com',
      'evil.example/path',
      'user@evil.example',
      '',
      'a b.example',
    ]) {
      expect(listableHost(host), host).toBeNull();
    }
    expect(listableHost('Login.Evil.Example.')).toBe('login.evil.example');
    expect(listableHost('micrоsoft-login.example')).toMatch(/^xn--micrsoft-login-[a-z0-9]+\.example$/);
  });
});

describe('fetching a feed', () => {
  it('aborts a 50 MB body at the size cap instead of reading it all', async () => {
    const { stream, counter } = hugeBody(50);
    const outcome = await fetchFeed(FEED_URL, null, { fetch: async () => response(stream, { status: 200 }), maxBytes: 2 * 1024 * 1024 });
    expect(outcome).toEqual({ kind: 'failed', error: { code: 'too-large' } });
    expect(counter.pulled).toBeLessThan(10);
  });

  it('refuses a declared 50 MB body without reading it', async () => {
    const { stream, counter } = hugeBody(50);
    const outcome = await fetchFeed(FEED_URL, null, {
      fetch: async () => response(stream, { status: 200, headers: { 'content-length': String(50 * 1024 * 1024) } }),
    });
    expect(outcome).toEqual({ kind: 'failed', error: { code: 'too-large' } });
    expect(counter.pulled).toBeLessThanOrEqual(1);
  });

  it('gives up on a server that stalls before the headers or in the middle of the body', async () => {
    const never: FeedFetch = () => new Promise<Response>(() => undefined);
    expect(await fetchFeed(FEED_URL, null, { fetch: never, timeoutMs: 50 })).toEqual({ kind: 'failed', error: { code: 'timeout' } });
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('[{"appId": "'));
      },
    });
    expect(await fetchFeed(FEED_URL, null, { fetch: async () => response(stalled, { status: 200 }), timeoutMs: 50 })).toEqual({
      kind: 'failed',
      error: { code: 'timeout' },
    });
  });

  it('refuses a redirect to another host (or to http), accepts one on the same host', async () => {
    const redirected = await fetchFeed(FEED_URL, null, {
      fetch: async () => response(rogueAppsBody, { status: 200, url: 'https://attacker.example/list.json' }),
    });
    expect(redirected).toEqual({ kind: 'failed', error: { code: 'redirected', detail: 'attacker.example' } });
    const downgraded = await fetchFeed(FEED_URL, null, {
      fetch: async () => response(rogueAppsBody, { status: 200, url: 'http://intel.contoso.example/consent-guard.json' }),
    });
    expect(downgraded).toMatchObject({ kind: 'failed', error: { code: 'redirected' } });
    const moved = await fetchFeed(FEED_URL, null, {
      fetch: async () => response(rogueAppsBody, { status: 200, url: 'https://intel.contoso.example/v2/list.json' }),
    });
    expect(moved).toMatchObject({ kind: 'fresh' });
  });

  it('sends no credentials and refuses bodies that are not UTF-8', async () => {
    let init: RequestInit | undefined;
    const outcome = await fetchFeed(FEED_URL, null, {
      fetch: async (_url, given) => {
        init = given;
        return response(new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]), { status: 200 });
      },
    });
    expect(init).toMatchObject({ method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(outcome).toEqual({ kind: 'failed', error: { code: 'not-json' } });
  });
});

describe('the feed store', () => {
  const base = Date.parse('2026-12-01T08:00:00Z');

  it('uses ETag / If-None-Match, keeps the copy on 304, and keeps the last good copy through 500s, garbage, huge and hostile answers', async () => {
    const storage = memoryArea();
    let now = base;
    const answers: (() => Response)[] = [
      () => response(ownFeed(), { status: 200, headers: { etag: '"v1"' } }),
      () => response(null, { status: 304 }),
      () => response('oops', { status: 500 }),
      () => response('<html>login</html>', { status: 200 }),
      () => response(hugeBody(50).stream, { status: 200 }),
      () => response(ownFeed({ apps: 'everything' }), { status: 200 }),
      () => response(ownFeed(), { status: 200, url: 'https://attacker.example/' }),
    ];
    const sent: Headers[] = [];
    const store = createFeedStore({
      local: storage,
      now: () => now,
      fetch: async (_url, init) => {
        sent.push(new Headers(init.headers));
        const next = answers.shift();
        if (!next) throw new Error('no more answers');
        return next();
      },
    });
    await store.refresh([FEED_URL], { force: true });
    expect(sent[0]?.get('if-none-match')).toBeNull();
    expect((await store.statuses([FEED_URL]))[0]).toMatchObject({
      name: 'Contoso SOC',
      lastFetched: base,
      lastError: null,
      counts: { apps: 1, redirectHosts: 1, lookalikeHosts: 1 },
    });

    now += 60_000;
    await store.refresh([FEED_URL], { force: true });
    expect(sent[1]?.get('if-none-match')).toBe('"v1"');
    expect((await store.statuses([FEED_URL]))[0]).toMatchObject({ lastFetched: base + 60_000, lastError: null, counts: { apps: 1 } });

    const expected = ['http', 'not-json', 'too-large', 'wrong-shape', 'redirected'];
    for (const code of expected) {
      now += 60_000;
      await store.refresh([FEED_URL], { force: true });
      const [status] = await store.statuses([FEED_URL]);
      expect(status?.lastError?.code).toBe(code);
      expect(status?.lastFetched).toBe(base + 60_000);
      expect(status?.counts.apps).toBe(1);
      expect((await store.intel([FEED_URL])).apps.get(ROGUE)?.reason).toBe('Consent phishing campaign, case 4711');
    }
  });

  it('after a restart with the feed server down, the stored copy still answers, without waiting on the network', async () => {
    const storage = memoryArea();
    const first = createFeedStore({ local: storage, now: () => base, fetch: async () => response(rogueAppsBody, { status: 200 }) });
    await first.refresh([ROGUE_URL]);
    let fetches = 0;
    const restarted = createFeedStore({
      local: storage,
      now: () => base + 1000,
      fetch: async () => {
        fetches++;
        throw new TypeError('Failed to fetch');
      },
    });
    expect((await restarted.intel([ROGUE_URL])).apps.get(ROGUE)).toMatchObject({ feed: 'huntresslabs.github.io', url: ROGUE_URL, name: 'eM Client' });
    expect(fetches).toBe(0);
    // Not due yet (12 h by default): no request. Forced (the alarm): the failure is recorded, the copy kept.
    await restarted.refresh([ROGUE_URL]);
    expect(fetches).toBe(0);
    await restarted.refresh([ROGUE_URL], { force: true });
    expect(fetches).toBe(1);
    expect((await restarted.statuses([ROGUE_URL]))[0]).toMatchObject({ lastError: { code: 'network' }, counts: { apps: 2 } });
    expect((await restarted.intel([ROGUE_URL])).apps.has(ROGUE)).toBe(true);
  });

  it('a feed removed from the policy no longer counts; a corrupted store is fetched again', async () => {
    const storage = memoryArea({ [FEEDS_KEY]: { [FEED_URL]: { url: FEED_URL, entries: 'garbage' } } });
    const store = createFeedStore({ local: storage, now: () => base, fetch: async () => response(rogueAppsBody, { status: 200 }) });
    expect((await store.intel([FEED_URL])).apps.size).toBe(0);
    await store.refresh([FEED_URL]);
    expect((await store.intel([FEED_URL])).apps.size).toBe(2);
    expect((await store.intel([ROGUE_URL])).apps.size).toBe(0);
  });

  it('a storage read that hangs does not hold up the verdict', async () => {
    const local = memoryArea();
    local.get = () => new Promise(() => undefined);
    const store = createFeedStore({
      local,
      now: () => base,
      fetch: async () => response('[]'),
      intelReadBudgetMs: 20,
    });
    const intel = await store.intel([FEED_URL]);
    expect(intel.apps.size).toBe(0);
  });
});

describe('what a hit does to the verdict', () => {
  const intel = () => {
    const parsed = parseFeed(ownFeed());
    if (!parsed.ok) throw new Error('not parsed');
    return buildIntel([{ feed: 'Contoso SOC', entries: parsed.entries }]);
  };

  it('a listed app is danger on the genuine consent page, naming the feed and its reason, worst finding first', () => {
    const plain = view(adoUrl(ROGUE), { policy: {}, user: noUser });
    expect(plain?.verdict).toBe('ok');
    const listed = view(adoUrl(ROGUE), { policy: {}, user: noUser, intel: intel() });
    expect(listed?.verdict).toBe('danger');
    expect(listed?.decision?.action).toBe('banner');
    expect(listed?.findings[0]).toMatchObject({ id: 'known-malicious-app', severity: 'danger' });
    expect(listed?.findings[0]?.message).toBe(
      `This app, Fake Deploy Bot (${ROGUE}), is on the threat list “Contoso SOC”: Consent phishing campaign, case 4711`,
    );
  });

  it('the view says which list named the request and why, for the log: the feed (name and URL) or the admin', () => {
    const parsed = parseFeed(ownFeed());
    if (!parsed.ok) throw new Error('not parsed');
    const fromFeed = buildIntel([{ feed: 'Contoso SOC', url: FEED_URL, entries: parsed.entries }]);
    const listed = view(adoUrl(ROGUE, 'app.vssps.visualstudio.com', 'https://a.collector.evil.example/cb'), { policy: {}, user: noUser, intel: fromFeed });
    expect(listed?.decision?.listedBy).toEqual([
      { source: 'feed', feed: 'Contoso SOC', url: FEED_URL, kind: 'app', value: ROGUE, reason: 'Consent phishing campaign, case 4711' },
      { source: 'feed', feed: 'Contoso SOC', url: FEED_URL, kind: 'redirect', value: 'a.collector.evil.example', reason: 'Receives stolen tokens' },
    ]);
    const { policy } = parseManagedPolicy({ blockedClientIds: [{ clientId: OTHER, reason: 'Exfiltration tool (INC-2231)' }, { clientId: ROGUE }] });
    expect(view(adoUrl(OTHER), { policy, user: noUser })?.decision?.listedBy).toEqual([
      { source: 'policy', feed: null, url: null, kind: 'app', value: OTHER, reason: 'Exfiltration tool (INC-2231)' },
    ]);
    expect(view(adoUrl(ROGUE), { policy, user: noUser })?.decision?.listedBy).toEqual([
      { source: 'policy', feed: null, url: null, kind: 'app', value: ROGUE, reason: null },
    ]);
    expect(view(adoUrl(OTHER), { policy: {}, user: noUser })?.decision?.listedBy).toBeUndefined();
  });

  it("blockedClientIds: danger wherever the app is requested, with the admin's reason; it beats an approval; blockDanger blocks it", () => {
    const { policy, problems } = parseManagedPolicy({
      blockedClientIds: [{ clientId: OTHER.toUpperCase(), reason: 'Exfiltration tool (INC-2231)' }, { clientId: ROGUE }],
      approvedClientIds: [OTHER],
      companyName: 'Contoso',
    });
    expect(problems).toEqual([]);
    const blocked = view(adoUrl(OTHER, 'app.vssps.visualstudio.com', 'https://x.example/cb', 'vso.code_full'), { policy, user: { trustedClientIds: [OTHER] } });
    expect(blocked?.verdict).toBe('danger');
    expect(blocked?.decision?.action).toBe('banner');
    expect(blocked?.findings[0]?.message).toBe(`Contoso has blocked this app (${OTHER}): Exfiltration tool (INC-2231)`);
    expect(view(adoUrl(ROGUE), { policy, user: noUser })?.findings[0]?.message).toBe(`Contoso has blocked this app (${ROGUE}): no reason given`);
    const entra = `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=${OTHER}&response_type=code&scope=User.Read&redirect_uri=https://x.example/cb`;
    expect(view(entra, { policy, user: noUser })?.verdict).toBe('danger');
    const withBlock = view(adoUrl(OTHER), { policy: { ...policy, blockDanger: true }, user: noUser });
    expect(withBlock?.decision).toMatchObject({ action: 'block', canOverride: false });
    expect(withBlock?.decision?.notes).toEqual(['Contoso blocks apps and sites that its threat lists name.']);
  });

  it('redirect and lookalike hosts: a listed host or any name below it; a feed never flags a trusted host', () => {
    const redirected = view(adoUrl(OTHER, 'app.vssps.visualstudio.com', 'https://a.collector.evil.example/cb'), { policy: {}, user: noUser, intel: intel() });
    expect(redirected?.verdict).toBe('danger');
    expect(redirected?.findings.map((finding) => finding.id)).toContain('known-malicious-redirect');
    const clone = view('https://app-vssps-visual-studio.com/login', { policy: {}, user: noUser, intel: intel() });
    expect(clone?.findings[0]?.id).toBe('known-malicious-host');
    expect(clone?.verdict).toBe('danger');
    const hostile = buildIntel([{ feed: 'hostile', entries: { apps: [], redirectHosts: [], lookalikeHosts: [{ value: 'login.contoso.com', reason: 'x' }] } }]);
    const own = view(adoUrl(OTHER, 'login.contoso.com'), { policy: { extraTrustedHosts: ['login.contoso.com'] }, user: noUser, intel: hostile });
    expect(own?.findings.map((finding) => finding.id)).not.toContain('known-malicious-host');
  });

  it('a feed can only add: an empty or missing feed leaves every verdict as it was', () => {
    for (const url of [
      adoUrl(ROGUE),
      adoUrl(ROGUE, 'app-vssps-visualstudio.com'),
      adoUrl(ROGUE, 'app.vssps.visualstudio.com', 'https://x.example/cb', 'vso.code_full'),
    ]) {
      const before = view(url, { policy: {}, user: noUser });
      const after = view(url, { policy: {}, user: noUser, intel: buildIntel([]) });
      expect(after?.verdict).toBe(before?.verdict);
      expect(after?.findings).toEqual(before?.findings);
    }
  });
});
