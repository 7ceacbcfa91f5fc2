/**
 * The webhook outbox in Debian Chromium with the built extension, against a receiver on loopback
 * (siem.example.test on the fixture server) that is down for the first minute: warnings and a consent are
 * kept in storage.local, they outlive a browser restart, and when the receiver comes back each event
 * arrives exactly once, in the order it happened, with its id. Nothing leaves loopback.
 */
import { test as base, expect, type Page, type Worker } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from './harness/fixture-server';
import { restartableBrowser } from './harness/restartable';
import { defaultRoutes } from './harness/routes';
import { adoAuthorizeUrl, readBanner } from './guard-helpers';

const WEBHOOK = 'https://siem.example.test/ingest';
const GENUINE = adoAuthorizeUrl('vso.code_write');
const LOOKALIKE = adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com');
// The app's redirect_uri with a code: the user approved (the fixture server answers it with a 404 page, as an app that is not running would).
const APPROVED = 'https://deploybot.contoso.example/oauth/callback?code=one-time-code&state=st-123';

const test = base.extend<{ server: FixtureServer }>({
  server: async ({}, use) => {
    const server = await startFixtureServer(defaultRoutes);
    await use(server);
    await server.close();
  },
});
test.describe.configure({ timeout: 300_000 });

interface QueuedEvent {
  id: string;
  event: { type: string; host: string; verdict: string; outcome?: string };
}

async function outboxItems(worker: Worker): Promise<QueuedEvent[]> {
  return worker.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    return (((await chrome.storage.local.get('webhookOutbox')).webhookOutbox?.items ?? []) as QueuedEvent[]).map(({ id, event }) => ({ id, event }));
  });
}

async function waitForBanner(page: Page, url: string, verdict: string): Promise<void> {
  await page.goto(url);
  await expect.poll(async () => (await readBanner(page))?.verdict ?? null, { timeout: 20_000 }).toBe(verdict);
}

test('a receiver that is down for the first minute keeps every event in the outbox, across a browser restart; then each arrives once, in order', async ({
  server,
}) => {
  const browser = restartableBrowser(server);
  // Down for the first minute after the first delivery attempt, and until the test has looked at the queue
  // after the restart (so what it sees there cannot depend on how fast the machine is).
  let downUntil: number | null = null;
  let restartChecked = false;
  let attemptsWhileDown = 0;
  const received: Record<string, unknown>[] = [];
  server.use((request) => {
    if (request.host !== 'siem.example.test') return undefined;
    downUntil ??= Date.now() + 60_000;
    if (!restartChecked || Date.now() < downUntil) {
      attemptsWhileDown++;
      return 'drop';
    }
    received.push(JSON.parse(request.body) as Record<string, unknown>);
    return { status: 204 };
  });
  try {
    let { context, worker, extensionId } = await browser.start();
    await worker.evaluate(async (url) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await (globalThis as unknown as { chrome: any }).chrome.storage.local.set({ devPolicy: { webhookUrl: url, reportAllConsents: true } });
    }, WEBHOOK);

    // A warning on the genuine consent page, the user approving it (the redirect carries a code), a lookalike.
    const page = await context.newPage();
    await waitForBanner(page, GENUINE, 'warn');
    await page.goto(APPROVED);
    await waitForBanner(page, LOOKALIKE, 'danger');
    const expected = [
      ['decision', 'app.vssps.visualstudio.com'],
      ['consent', 'app.vssps.visualstudio.com'],
      ['decision', 'app-vssps-visualstudio.com'],
    ];
    await expect.poll(async () => (await outboxItems(worker)).map((item) => [item.event.type, item.event.host]), { timeout: 30_000 }).toEqual(expected);
    await expect.poll(() => attemptsWhileDown, { timeout: 30_000 }).toBeGreaterThan(0);
    const queued = await outboxItems(worker);
    expect(queued.find((item) => item.event.type === 'consent')?.event.outcome).toBe('approved');
    expect(received).toEqual([]);

    // The browser closes with the receiver still down, and starts again: the events are still there.
    await browser.stop();
    ({ context, worker, extensionId } = await browser.start());
    expect((await outboxItems(worker)).map((item) => item.id)).toEqual(queued.map((item) => item.id));
    restartChecked = true;

    // Once the minute is over, the next scheduled attempt (the backoff has reached about a minute) delivers everything.
    await expect.poll(() => received.length, { timeout: 180_000, intervals: [1000] }).toBe(queued.length);
    expect(attemptsWhileDown).toBeGreaterThan(2);
    await expect.poll(async () => (await outboxItems(worker)).length, { timeout: 20_000 }).toBe(0);

    // Exactly once and in order: the receiver got each id one time, oldest first, with the event as queued.
    expect(received.map((body) => body.id)).toEqual(queued.map((item) => item.id));
    expect(received.map((body) => [body.type, body.host])).toEqual(expected);
    expect(received[1]).toMatchObject({
      type: 'consent',
      outcome: 'approved',
      redirectHost: 'deploybot.contoso.example',
      clientId: '7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11',
    });
    // The code the redirect carried never leaves the browser.
    expect(JSON.stringify(received)).not.toContain('one-time-code');

    // The options page: nothing queued, delivered.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    await expect(options.locator('[data-outbox-queued]')).toHaveAttribute('data-outbox-queued', '0', { timeout: 20_000 });
    await expect(options.locator('[data-outbox-error]')).toHaveCount(0);
  } finally {
    await browser.dispose();
  }
});
