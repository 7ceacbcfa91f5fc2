/**
 * No false alarms (issue #19), in real Chromium with the built extension: every legitimate page of the corpus
 * (test/e2e/false-alarm-pages.ts: Microsoft's hand-offs, other identity providers, partner apps, pages about
 * Microsoft, searches, callbacks), each on its real host name, gets no banner and no red badge, no warning where
 * nothing Azure DevOps is involved, and no danger in the activity log. A clone from the same corpus, loaded in
 * the same browser afterwards, must still get its banner: the quiet is the guard's judgement, not its absence.
 */
import type { Page, Worker } from '@playwright/test';
import { CLONE_PAGES, FALSE_ALARM_PAGES, corpusRoutes } from './false-alarm-pages';
import { readBanner } from './guard-helpers';
import { expect, test } from './harness/extension';

/** Time the guard gets after the page loaded before its silence counts (it acts at navigation commit). */
const SETTLE_MS = 1_500;

async function badgeOf(worker: Worker, url: string): Promise<string> {
  return worker.evaluate(async (target) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    const tabs = (await chrome.tabs.query({})) as { id: number; url?: string }[];
    const tab = tabs.find((candidate) => candidate.url === target);
    return tab ? ((await chrome.action.getBadgeText({ tabId: tab.id })) as string) : '';
  }, url);
}

async function dangerInActivityLog(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    const entries = ((await chrome.storage.local.get('activity')).activity ?? []) as { host: string; verdict: string }[];
    return entries.filter((entry) => entry.verdict === 'danger').map((entry) => entry.host);
  });
}

async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(SETTLE_MS);
}

test('legitimate pages get no banner, no red badge, and no warning where Azure DevOps is not involved', async ({ context, server, serviceWorker }) => {
  test.setTimeout(FALSE_ALARM_PAGES.length * 8_000 + 60_000);
  server.use(corpusRoutes([...FALSE_ALARM_PAGES, ...CLONE_PAGES]));
  const page = await context.newPage();
  const alarms: string[] = [];
  for (const fixture of FALSE_ALARM_PAGES) {
    await visit(page, fixture.url);
    const banner = await readBanner(page);
    const badge = await badgeOf(serviceWorker, page.url());
    const label = `${fixture.class}: ${fixture.name} (${fixture.url})`;
    if (banner?.verdict === 'danger' || badge === '✕') alarms.push(`${label}: danger (banner ${banner?.verdict ?? 'none'}, badge "${badge}")`);
    else if (!fixture.azureDevOps && (banner?.verdict === 'warn' || badge === '!')) alarms.push(`${label}: warn`);
  }
  expect(alarms).toEqual([]);
  expect(await dangerInActivityLog(serviceWorker)).toEqual([]);

  // The same browser still catches a clone.
  const clone = CLONE_PAGES.find((candidate) => !candidate.html.includes('attachShadow'));
  if (!clone) throw new Error('the corpus has no clone page');
  await page.goto(clone.url, { waitUntil: 'load' });
  await expect.poll(async () => (await readBanner(page))?.verdict, { timeout: 15_000 }).toBe('danger');
});
