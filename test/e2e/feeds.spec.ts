/**
 * Threat feeds in Debian Chromium with the built extension: a RogueApps-shaped feed served on loopback (the
 * fixture server answers for feeds.example.test) turns the genuine Azure DevOps consent page of a listed app
 * into `danger`, naming the feed and its reason; a hostile update does not weaken it; and after a browser
 * restart with the feed server down the stored copy still decides, without waiting on the network.
 * The policy is the documented developer policy (docs/policy.md); nothing leaves loopback.
 */
import { test as base, expect, type Page, type Worker } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { restartableBrowser } from './harness/restartable';
import { defaultRoutes } from './harness/routes';
import { adoAuthorizeUrl, readBanner } from './guard-helpers';

const CLIENT_ID = '7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11';
const FEED_URL = 'https://feeds.example.test/rogueapps.json';
const FEED_ALARM = 'consent-guard-threat-feeds';
const CONSENT_PAGE = adoAuthorizeUrl('vso.code_write');
const REASON = 'Harvests Azure DevOps code through a consent phishing campaign';

const ROGUE_APPS = JSON.stringify([
  {
    appId: CLIENT_ID.toUpperCase(),
    appDisplayName: 'DeployBot Pro',
    description: REASON,
    references: ['https://intel.example.test/deploybot'],
    tags: ['phishing'],
    permissions: [{ resource: 'Azure DevOps', permission: 'vso.code_write', permissionType: 'Delegated' }],
  },
  { appId: 'not-a-guid', appDisplayName: 'A broken entry the feed store skips' },
]);

type FeedMode = 'good' | 'hostile' | 'down';

const test = base.extend<{ server: FixtureServer }>({
  server: async ({}, use) => {
    const server = await startFixtureServer(defaultRoutes);
    await use(server);
    await server.close();
  },
});
test.describe.configure({ timeout: 180_000 });

async function setDevPolicy(worker: Worker, policy: Record<string, unknown>): Promise<void> {
  await worker.evaluate(async (value) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await (globalThis as unknown as { chrome: any }).chrome.storage.local.set({ devPolicy: value });
  }, policy);
}

interface StoredFeed {
  entries: { apps: { value: string; reason: string }[] };
  lastError: { code: string } | null;
  lastFetched: number | null;
  etag: string | null;
}

async function storedFeed(worker: Worker): Promise<StoredFeed | null> {
  return worker.evaluate(async (url) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    const state = ((await chrome.storage.local.get('threatFeedState')).threatFeedState ?? {}) as Record<string, StoredFeed>;
    return state[url] ?? null;
  }, FEED_URL);
}

/** What twelve hours do: the refresh alarm fires (an unpacked build may set it to fire at once). */
async function fireRefreshAlarm(worker: Worker): Promise<void> {
  await worker.evaluate(async (name) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await (globalThis as unknown as { chrome: any }).chrome.alarms.create(name, { when: Date.now() + 50 });
  }, FEED_ALARM);
}

async function bannerOf(page: Page, url: string) {
  await page.goto(url);
  await expect.poll(async () => (await readBanner(page))?.verdict ?? null, { timeout: 20_000 }).not.toBeNull();
  return (await readBanner(page))!;
}

test('a loopback feed makes a listed app danger on the genuine consent page; a hostile update and a restart with the feed server down keep it so', async ({
  server,
}) => {
  const browser = restartableBrowser(server);
  let mode: FeedMode = 'good';
  const feedRequests: { ifNoneMatch: string | undefined }[] = [];
  server.use((request) => {
    if (request.host !== 'feeds.example.test') return undefined;
    feedRequests.push({ ifNoneMatch: request.headers['if-none-match'] as string | undefined });
    if (mode === 'down') return 'drop';
    if (mode === 'hostile') return { headers: { 'content-type': 'application/json', etag: '"v2"' }, body: '{"error": "rate limited", "apps": "<script>"}' };
    return { headers: { 'content-type': 'application/json', etag: '"v1"' }, body: ROGUE_APPS };
  });
  try {
    let { context, worker, extensionId } = await browser.start();
    const page = await context.newPage();

    // Without the feed the same request is only a warning (the test can fail).
    expect((await bannerOf(page, CONSENT_PAGE)).verdict).toBe('warn');

    await setDevPolicy(worker, { threatFeeds: [FEED_URL] });
    await expect.poll(async () => (await storedFeed(worker))?.entries.apps.map((app) => app.value) ?? [], { timeout: 30_000 }).toEqual([CLIENT_ID]);
    let banner = await bannerOf(page, CONSENT_PAGE);
    expect(banner.verdict).toBe('danger');
    expect(banner.findings[0]).toBe('known-malicious-app');
    expect(banner.text).toContain('feeds.example.test');
    expect(banner.text).toContain(REASON);
    expect(banner.text).toContain('DeployBot Pro');

    // A hostile update (valid JSON, wrong shape): refused, the last good copy stays, and the ETag was sent.
    mode = 'hostile';
    const before = feedRequests.length;
    await fireRefreshAlarm(worker);
    await expect.poll(async () => (await storedFeed(worker))?.lastError?.code ?? null, { timeout: 30_000 }).toBe('wrong-shape');
    expect(feedRequests[before]?.ifNoneMatch).toBe('"v1"');
    expect((await storedFeed(worker))?.entries.apps.map((app) => app.value)).toEqual([CLIENT_ID]);
    expect((await bannerOf(page, CONSENT_PAGE)).verdict).toBe('danger');

    // The browser closes; the feed server goes down; the browser starts again.
    mode = 'down';
    await browser.stop();
    ({ context, worker, extensionId } = await browser.start());
    const again = await context.newPage();
    banner = await bannerOf(again, CONSENT_PAGE);
    expect(banner.verdict).toBe('danger');
    expect(banner.text).toContain(REASON);

    // The next scheduled refresh meets the server that is down: recorded, and the verdict does not move.
    const attempts = feedRequests.length;
    await fireRefreshAlarm(worker);
    await expect.poll(async () => (await storedFeed(worker))?.lastError?.code ?? null, { timeout: 30_000 }).toBe('network');
    expect(feedRequests.length).toBeGreaterThan(attempts);
    expect((await bannerOf(again, CONSENT_PAGE)).verdict).toBe('danger');

    // The options page says what the admin needs to know: the feed, its entries and the last error.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    const row = options.locator(`[data-feed="${FEED_URL}"]`);
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row.locator('[data-feed-entries]')).toHaveAttribute('data-feed-entries', '1');
    await expect(row.locator('[data-feed-error]')).toHaveAttribute('data-feed-error', 'network');
    await expect(row).toContainText('feeds.example.test');
    // The activity log names the feed and its reason for the listed app.
    const listed = options.locator('[data-activity="danger"] [data-listed-by="feed"]').first();
    await expect(listed).toContainText(`“feeds.example.test”: ${REASON}`, { timeout: 20_000 });
  } finally {
    await browser.dispose();
  }
});
