import { describe, expect, it } from 'vitest';
import {
  activityToCsv,
  activityToJson,
  appendEntry,
  MAX_ACTIVITY_ENTRIES,
  parseActivityLog,
  sendWebhook,
  toWebhookEvent,
  type ActivityEntry,
} from '../../src/policy/activity';
import type { ListedBy } from '../../src/policy/decide';
import { createActivityLog } from '../../src/policy/activity-log';
import { reportBody, reportLink, type ReportDetails } from '../../src/policy/report';
import { memoryArea } from './fake-platform';

const TIME = Date.parse('2026-03-01T10:00:00Z');
const entry = (index: number, overrides: Partial<ActivityEntry> = {}): ActivityEntry => ({
  id: `e${index}`,
  time: TIME + index,
  host: 'app.vssps.visualstudio.com',
  clientId: '8a2b3c4d-0000-4000-8000-000000000001',
  scopes: ['vso.code_write'],
  verdict: 'warn',
  action: 'banner',
  choice: 'none',
  findings: ['high-privilege-scopes'],
  forbiddenScopes: [],
  ...overrides,
});

describe('the activity log bound', () => {
  it('keeps only the last 1,000 entries, dropping the oldest', () => {
    let log: ActivityEntry[] = [];
    for (let index = 0; index < MAX_ACTIVITY_ENTRIES + 25; index++) log = appendEntry(log, entry(index));
    expect(log).toHaveLength(MAX_ACTIVITY_ENTRIES);
    expect(log[0]?.id).toBe('e25');
    expect(log.at(-1)?.id).toBe(`e${MAX_ACTIVITY_ENTRIES + 24}`);
  });

  it('reads stored garbage leniently', () => {
    expect(parseActivityLog('nope')).toEqual([]);
    expect(parseActivityLog([entry(1), { id: 3 }, null, entry(2, { verdict: 'ok' as never })])).toEqual([entry(1)]);
  });

  it('the log service bounds what it stores and serializes concurrent writes', async () => {
    const storage = memoryArea();
    let now = TIME;
    const log = createActivityLog({
      local: storage,
      now: () => now++,
      webhookUrl: async () => undefined,
      fetch: async () => {
        throw new Error('must not be called without a webhook');
      },
      extensionVersion: '0.1.0',
      maxEntries: 5,
    });
    const { id: _id, time: _time, choice: _choice, ...fields } = entry(0);
    const ids = await Promise.all(Array.from({ length: 8 }, () => log.record(fields)));
    expect(new Set(ids).size).toBe(8);
    const stored = await log.entries();
    expect(stored.map((item) => item.id)).toEqual(ids.slice(3));
    await log.choose(ids[7]!, 'dismissed');
    expect((await log.entries()).at(-1)?.choice).toBe('dismissed');
    await log.clear();
    expect(await log.entries()).toEqual([]);
  });
});

describe('exports', () => {
  it('CSV has a header, ISO times, space-joined lists, and neutralises formula injection', () => {
    const csv = activityToCsv([
      entry(1),
      entry(2, { host: '=HYPERLINK("http://evil.example","x")', scopes: ['+cmd', '@sum'], clientId: null, choice: 'trusted' }),
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('time,host,clientId,scopes,verdict,action,choice,findings,forbiddenScopes,listedBy');
    expect(lines[1]).toBe(
      '2026-03-01T10:00:00.001Z,app.vssps.visualstudio.com,8a2b3c4d-0000-4000-8000-000000000001,vso.code_write,warn,banner,none,high-privilege-scopes,,',
    );
    expect(lines[2]).toBe(`2026-03-01T10:00:00.002Z,"'=HYPERLINK(""http://evil.example"",""x"")",,'+cmd @sum,warn,banner,trusted,high-privilege-scopes,,`);
    expect(csv.endsWith('\r\n')).toBe(true);
    for (const line of lines.slice(1)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('JSON lists the entries without internal ids', () => {
    const json = JSON.parse(activityToJson([entry(1)], new Date(TIME)));
    expect(json).toMatchObject({ exportedAt: '2026-03-01T10:00:00.000Z', count: 1 });
    expect(json.entries[0]).toEqual({
      time: '2026-03-01T10:00:00.001Z',
      host: 'app.vssps.visualstudio.com',
      clientId: '8a2b3c4d-0000-4000-8000-000000000001',
      scopes: ['vso.code_write'],
      verdict: 'warn',
      action: 'banner',
      choice: 'none',
      findings: ['high-privilege-scopes'],
      forbiddenScopes: [],
      listedBy: [],
    });
  });
});

describe('which list named it (listedBy)', () => {
  const FEED = 'https://intel.contoso.example/feed.json';
  const onFeed: ListedBy = {
    source: 'feed',
    feed: 'Contoso SOC',
    url: FEED,
    kind: 'app',
    value: '8a2b3c4d-0000-4000-8000-000000000001',
    reason: 'Consent phishing',
  };
  const byPolicy: ListedBy = { source: 'policy', feed: null, url: null, kind: 'app', value: '8a2b3c4d-0000-4000-8000-000000000001', reason: null };

  it('an entry stored before listedBy existed still reads, unchanged', () => {
    const old = entry(1);
    expect('listedBy' in old).toBe(false);
    expect(parseActivityLog([old])).toEqual([old]);
    expect(parseActivityLog([entry(2, { listedBy: [onFeed] })])[0]?.listedBy).toEqual([onFeed]);
  });

  it('a malformed listedBy costs only its bad items, never the entry; stored text is cut to its bound', () => {
    const hostile = [
      onFeed,
      { ...onFeed, source: 'admin' },
      { ...onFeed, kind: 'everything' },
      { ...onFeed, reason: 42 },
      null,
      'feed',
      { ...onFeed, feed: 'F'.repeat(5000), reason: 'R'.repeat(100_000), url: `https://x.example/${'u'.repeat(10_000)}` },
    ];
    const [read] = parseActivityLog([
      { ...entry(1), listedBy: hostile },
      { ...entry(2), listedBy: 'not a list' },
    ]);
    expect(read?.id).toBe('e1');
    expect(read?.listedBy).toHaveLength(2);
    const long = read!.listedBy![1]!;
    expect(long.feed!.length).toBeLessThanOrEqual(300);
    expect(long.reason!.length).toBeLessThanOrEqual(300);
    expect(long.url!.length).toBeLessThanOrEqual(2000);
    expect(parseActivityLog([{ ...entry(2), listedBy: 'not a list' }])).toEqual([{ ...entry(2), listedBy: [] }]);
    expect(parseActivityLog([{ ...entry(3), listedBy: Array.from({ length: 1000 }, () => onFeed) }])[0]?.listedBy).toHaveLength(5);
  });

  it('CSV names the list and its reason in one formula-safe cell; JSON lists them as they are', () => {
    const hostile: ListedBy = { ...onFeed, feed: '=HYPERLINK("http://evil.example")', reason: '+SUM(A1)' };
    const csv = activityToCsv([entry(1, { verdict: 'danger', listedBy: [hostile, byPolicy] })]);
    const [header, row] = csv.split('\r\n');
    expect(header!.split(',').at(-1)).toBe('listedBy');
    expect(
      row!.endsWith(
        `"feed ""=HYPERLINK(""http://evil.example"")"" ${FEED} app 8a2b3c4d-0000-4000-8000-000000000001: +SUM(A1) | policy blockedClientIds app 8a2b3c4d-0000-4000-8000-000000000001:"`,
      ),
    ).toBe(true);
    const json = JSON.parse(activityToJson([entry(1, { listedBy: [onFeed] }), entry(2)], new Date(TIME)));
    expect(json.entries.map((item: { listedBy: unknown }) => item.listedBy)).toEqual([[onFeed], []]);
  });

  it('the webhook event carries it, bounded; an event without a match says so with an empty list', () => {
    expect(toWebhookEvent(entry(1, { listedBy: [onFeed, byPolicy] }), 'decision', '0.1.0').listedBy).toEqual([onFeed, byPolicy]);
    expect(toWebhookEvent(entry(1, { listedBy: [{ ...onFeed, reason: 'R'.repeat(5000) }] }), 'choice', '0.1.0').listedBy?.[0]?.reason?.length).toBe(300);
    expect(toWebhookEvent(entry(2), 'decision', '0.1.0').listedBy).toEqual([]);
  });
});

describe('the webhook', () => {
  const event = toWebhookEvent(entry(1), 'decision', '0.1.0');

  function fakeFetch(outcomes: (number | Error)[]) {
    const calls: { url: string; init: RequestInit }[] = [];
    const sleeps: number[] = [];
    return {
      calls,
      sleeps,
      fetch: async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        const outcome = outcomes.shift() ?? 200;
        if (outcome instanceof Error) throw outcome;
        return { status: outcome };
      },
      sleep: async (ms: number) => void sleeps.push(ms),
    };
  }

  it('posts a compact JSON event with no credentials, retrying 5xx, 429 and network errors with exponential backoff', async () => {
    const fake = fakeFetch([503, new TypeError('Failed to fetch'), 429, 204]);
    const result = await sendWebhook('https://siem.contoso.example/hook', event, { fetch: fake.fetch, sleep: fake.sleep });
    expect(result).toEqual({ delivered: true, attempts: 4 });
    expect(fake.sleeps).toEqual([1000, 2000, 4000]);
    const init = fake.calls[0]!.init;
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect(JSON.parse(String(init.body))).toEqual({
      v: 1,
      type: 'decision',
      time: '2026-03-01T10:00:00.001Z',
      host: 'app.vssps.visualstudio.com',
      clientId: '8a2b3c4d-0000-4000-8000-000000000001',
      scopes: ['vso.code_write'],
      verdict: 'warn',
      action: 'banner',
      choice: 'none',
      findings: ['high-privilege-scopes'],
      forbiddenScopes: [],
      listedBy: [],
      extensionVersion: '0.1.0',
    });
  });

  it('gives up after the bounded number of attempts, and does not retry a 4xx', async () => {
    const down = fakeFetch([500, 500, 500, 500, 500, 500]);
    expect(await sendWebhook('https://siem.contoso.example/hook', event, { fetch: down.fetch, sleep: down.sleep })).toEqual({
      delivered: false,
      attempts: 4,
      reason: 'HTTP 500',
    });
    expect(down.calls).toHaveLength(4);
    const refused = fakeFetch([400]);
    expect(await sendWebhook('https://siem.contoso.example/hook', event, { fetch: refused.fetch, sleep: refused.sleep })).toMatchObject({
      delivered: false,
      attempts: 1,
    });
    expect(refused.sleeps).toEqual([]);
  });

  it('a failing webhook never delays or fails the decision it reports', async () => {
    const storage = memoryArea();
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const log = createActivityLog({
      local: storage,
      now: () => TIME,
      webhookUrl: async () => 'https://siem.contoso.example/hook',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      sleep: () => stuck,
      extensionVersion: '0.1.0',
      log: () => undefined,
    });
    const { id: _id, time: _time, choice: _choice, ...fields } = entry(0);
    // Resolves although every delivery attempt fails and the backoff never ends.
    const id = await log.record(fields);
    expect((await log.entries()).map((item) => item.id)).toEqual([id]);
    release();
    await log.drained();
  });
});

describe('"Report to my admin"', () => {
  const details: ReportDetails = {
    host: 'app-vssps-visualstudio.com',
    clientId: '8a2b3c4d-0000-4000-8000-000000000001',
    redirectHost: 'evil.example',
    scopes: ['vso.code_full'],
    verdict: 'danger',
    findings: [{ id: 'lookalike-glue', message: 'This site imitates app.vssps.visualstudio.com.' }],
    forbiddenScopes: [],
    time: TIME,
  };

  it('prefills a mailto: link with host, client id, scopes and findings', () => {
    const link = reportLink('mailto:security@contoso.com', details)!;
    expect(link.startsWith('mailto:security@contoso.com?subject=')).toBe(true);
    const params = new URLSearchParams(link.slice(link.indexOf('?') + 1));
    expect(params.get('subject')).toBe('Consent Guard: blocked likely phishing on app-vssps-visualstudio.com');
    const body = params.get('body')!;
    for (const fact of ['app-vssps-visualstudio.com', details.clientId!, 'vso.code_full', 'lookalike-glue', 'Redirect host: evil.example'])
      expect(body).toContain(fact);
  });

  it('adds subject and body to an https report page, and refuses anything else', () => {
    const link = new URL(reportLink('https://intranet.contoso.com/report?team=sec', details)!);
    expect(link.searchParams.get('team')).toBe('sec');
    expect(link.searchParams.get('body')).toBe(reportBody(details));
    expect(reportLink('javascript:alert(1)', details)).toBeNull();
    expect(reportLink(undefined, details)).toBeNull();
  });
});
