/**
 * Enterprise policy, the block page, the user's allow-list and the activity log, in Debian Chromium with the
 * built extension. Chromium cannot be given a real managed policy here without root and a fixed extension id,
 * so the tests use the documented developer policy (storage.local `devPolicy`), which the extension honours
 * only as an unpacked/development install and never over a managed policy (docs/policy.md).
 */
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './harness/extension';
import { adoAuthorizeUrl, badgeFor, clickBannerButton, hostState, readBanner } from './guard-helpers';

const CLIENT_ID = '7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11';
const AMBER = [245, 158, 11, 255];
const LOOKALIKE = adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com');

async function setDevPolicy(worker: Worker, policy: Record<string, unknown> | null): Promise<void> {
  await worker.evaluate(async (value) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    if (value === null) await chrome.storage.local.remove('devPolicy');
    else await chrome.storage.local.set({ devPolicy: value });
  }, policy);
}

async function activityLog(worker: Worker): Promise<{ host: string; verdict: string; action: string; choice: string; clientId: string | null }[]> {
  return worker.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    return ((await chrome.storage.local.get('activity')).activity ?? []) as never;
  });
}

/** Navigations the extension replaces with its block page end in an aborted goto; wait for the block page instead. */
async function gotoBlocked(page: Page, url: string, extensionId: string): Promise<void> {
  await page.goto(url).catch(() => undefined);
  // (When the page commits before the redirect wins, the block page is loaded twice: the first load is aborted.)
  await expect.poll(() => page.url()).toMatch(new RegExp(`^chrome-extension://${extensionId}/src/blocked/index\\.html\\?id=[0-9a-f]+$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Tests of other files share this worker's browser: start clean, and leave no policy behind for them. */
async function resetLocalState(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    await chrome.storage.local.remove(['devPolicy', 'userSettings', 'activity']);
  });
}
test.beforeEach(({ serviceWorker }) => resetLocalState(serviceWorker));
test.afterEach(({ serviceWorker }) => resetLocalState(serviceWorker));

test('blockDanger: a lookalike becomes the block page with the exact findings, report link, no override; Go back returns', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await setDevPolicy(serviceWorker, {
    blockDanger: true,
    companyName: 'Contoso',
    reportUrl: 'mailto:security@contoso.com',
    helpUrl: 'https://intranet.contoso.example/help',
  });
  const page = await context.newPage();
  await page.goto('https://example.test/');
  await gotoBlocked(page, LOOKALIKE, extensionId);

  // The URL carries a short id only: nothing from the blocked page.
  const blockUrl = new URL(page.url());
  expect([...blockUrl.searchParams.keys()]).toEqual(['id']);
  expect(blockUrl.searchParams.get('id')).toMatch(/^[0-9a-f]{16}$/);
  expect(page.url()).not.toContain('vssps');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso blocked this page');
  await expect(page.locator('main')).toContainText('app-vssps-visualstudio.com');
  await expect(page.locator('main')).toContainText('Set by your organization');
  await expect(page.locator('[data-finding="lookalike-glue"]')).toBeVisible();
  await expect(page.locator('[data-scope="vso.code_write"]')).toBeVisible();
  const report = page.getByRole('link', { name: 'Report to my admin' });
  const href = (await report.getAttribute('href'))!;
  expect(href.startsWith('mailto:security@contoso.com?subject=')).toBe(true);
  const body = new URLSearchParams(href.slice(href.indexOf('?') + 1)).get('body')!;
  expect(body).toContain('Host: app-vssps-visualstudio.com');
  expect(body).toContain(`Client id: ${CLIENT_ID}`);
  expect(body).toContain('lookalike-glue');
  expect(body).not.toContain('state=');
  await expect(page.getByRole('link', { name: 'Help from Contoso' })).toHaveAttribute('href', 'https://intranet.contoso.example/help');
  await expect(page.getByRole('button', { name: 'Continue anyway' })).toHaveCount(0);
  await expect.poll(() => badgeFor(serviceWorker, LOOKALIKE)).toMatchObject({ text: '✕' });

  await page.getByRole('button', { name: 'Go back' }).click();
  await page.waitForURL('https://example.test/');
  await expect
    .poll(async () => (await activityLog(serviceWorker)).map((entry) => [entry.host, entry.verdict, entry.action, entry.choice]))
    .toEqual([['app-vssps-visualstudio.com', 'danger', 'block', 'left']]);
});

test('allowOverride: "Continue anyway" lets that page through once, still with the danger banner', async ({ context, serviceWorker, extensionId }) => {
  await setDevPolicy(serviceWorker, { blockDanger: true, allowOverride: true });
  const page = await context.newPage();
  await gotoBlocked(page, LOOKALIKE, extensionId);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your organization blocked this page');
  await page.getByRole('button', { name: 'Continue anyway' }).click();
  await page.waitForURL(LOOKALIKE);
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('danger');
  expect(page.url()).toBe(LOOKALIKE);
  expect((await activityLog(serviceWorker)).map((entry) => entry.choice)).toEqual(['continued']);
  // Once: visiting it again is blocked again.
  await gotoBlocked(page, LOOKALIKE, extensionId);
});

test('a forbidden scope turns a genuine Microsoft consent page into a block', async ({ context, serviceWorker, extensionId }) => {
  await setDevPolicy(serviceWorker, { forbiddenScopes: ['vso.code_write'], companyName: 'Contoso' });
  const page = await context.newPage();
  // vso.code_full includes vso.code_write: forbidden whether requested or included.
  await gotoBlocked(page, adoAuthorizeUrl('vso.code_full vso.work'), extensionId);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contoso blocked this page');
  await expect(page.locator('[data-forbidden]')).toContainText('vso.code_write');
  await expect(page.locator('[data-note]')).toContainText('Contoso does not allow apps to get: vso.code_write.');
  await expect(page.getByRole('button', { name: 'Continue anyway' })).toHaveCount(0);

  // Without the forbidden scope, the same page is only a warning.
  await setDevPolicy(serviceWorker, { forbiddenScopes: ['vso.tokens'] });
  const other = await context.newPage();
  await other.goto(adoAuthorizeUrl('vso.code_full vso.work'));
  await expect.poll(async () => (await readBanner(other))?.verdict).toBe('warn');
});

test('an approved client id: no banner, the badge still says warn, and its title says the organization approved it', async ({ context, serviceWorker }) => {
  await setDevPolicy(serviceWorker, { approvedClientIds: [CLIENT_ID], approvedRedirectHosts: ['deploybot.contoso.example'], companyName: 'Contoso' });
  const page = await context.newPage();
  const url = adoAuthorizeUrl('vso.code_write');
  await page.goto(url);
  await expect.poll(() => badgeFor(serviceWorker, url)).toMatchObject({ text: '!', color: AMBER });
  expect((await badgeFor(serviceWorker, url))!.title).toContain('Contoso has approved this app.');
  await page.waitForTimeout(600);
  expect(await hostState(page)).toBeNull();
  await expect
    .poll(async () => (await activityLog(serviceWorker)).map((entry) => [entry.verdict, entry.action, entry.clientId]))
    .toEqual([['warn', 'none', CLIENT_ID]]);

  // Removing the approval brings the banner back for the same request.
  await setDevPolicy(serviceWorker, null);
  await page.reload();
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('warn');
});

test('"Trust this app" hides that app’s warnings, never a lookalike’s danger; the options page lists and removes it', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const page = await context.newPage();
  const url = adoAuthorizeUrl('vso.code_write');
  await page.goto(url);
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('warn');
  await clickBannerButton(page, 'Trust this app');
  await expect.poll(() => hostState(page)).toBeNull();
  await page.goto(adoAuthorizeUrl('vso.code_manage'));
  await expect.poll(() => badgeFor(serviceWorker, page.url())).toMatchObject({ text: '!' });
  await page.waitForTimeout(600);
  expect(await hostState(page)).toBeNull();

  // The same client id on a lookalike host: still danger, with no way to trust or dismiss it.
  const phishing = await context.newPage();
  await phishing.goto(LOOKALIKE);
  await expect.poll(async () => (await readBanner(phishing))?.verdict).toBe('danger');
  const labels = (await readBanner(phishing))!.buttons.map((button) => button.label);
  expect(labels).not.toContain('Trust this app');
  expect(labels).not.toContain('Dismiss for this request');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  const trusted = options.locator(`[data-trusted="${CLIENT_ID}"]`);
  await expect(trusted).toHaveAttribute('data-by', 'user');
  await expect(options.locator('[data-activity]')).toHaveCount(3);
  await options.getByRole('button', { name: `Stop trusting app ${CLIENT_ID}` }).click();
  await expect(trusted).toHaveCount(0);
  await page.reload();
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('warn');
});

test('options page: policy problems, "Set by your organization", dismissals, activity export as CSV and JSON, clear', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await setDevPolicy(serviceWorker, {
    companyName: 'Contoso',
    approvedClientIds: ['8a2b3c4d-0000-4000-8000-000000000001'],
    blockDanger: 'yes',
    colour: 'blue',
  });
  const page = await context.newPage();
  await page.goto(adoAuthorizeUrl('vso.code_write'));
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('warn');
  await clickBannerButton(page, 'Dismiss for this request');
  await expect.poll(() => hostState(page)).toBeNull();

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await expect(options.locator('[data-policy-source="development"]')).toBeVisible();
  await expect(options.locator('[data-problem="blockDanger"]')).toContainText('This policy setting was ignored: blockDanger');
  await expect(options.locator('[data-problem="colour"]')).toContainText('This policy setting was ignored');
  await expect(options.locator('[data-policy-key="companyName"]')).toContainText('Contoso');
  await expect(options.locator('[data-trusted="8a2b3c4d-0000-4000-8000-000000000001"]')).toContainText('Set by your organization');
  await expect(options.locator('[data-trusted="8a2b3c4d-0000-4000-8000-000000000001"] button')).toHaveCount(0);
  await expect(options.locator('[data-dismissal]')).toContainText('app.vssps.visualstudio.com');
  await expect(options.locator('[data-activity="warn"]')).toHaveCount(1);

  const [csv] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export CSV' }).click()]);
  const csvText = await (await import('node:fs/promises')).readFile(await csv.path(), 'utf8');
  expect(csvText.split('\r\n')[0]).toBe('time,host,clientId,scopes,verdict,action,choice,findings,forbiddenScopes,listedBy');
  expect(csvText).toContain(`app.vssps.visualstudio.com,${CLIENT_ID},vso.code_write,warn,banner,dismissed`);
  const [json] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export JSON' }).click()]);
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile(await json.path(), 'utf8'));
  expect(exported.entries).toHaveLength(1);
  expect(JSON.stringify(exported)).not.toContain('state=');

  // Taking back the dismissal shows the warning again on the next check.
  await options.getByRole('button', { name: 'Show the warning for app.vssps.visualstudio.com again' }).click();
  await expect(options.locator('[data-dismissal]')).toHaveCount(0);
  await page.reload();
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('warn');

  options.once('dialog', (dialog) => void dialog.accept());
  await options.getByRole('button', { name: 'Clear log' }).click();
  await expect(options.locator('[data-activity]')).toHaveCount(0);
  // Keyboard: the first control is reachable with Tab and has a visible name.
  await options.keyboard.press('Tab');
  await expect(options.locator(':focus')).toHaveAccessibleName(/\S/);
});
