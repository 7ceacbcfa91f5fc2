import { expect, test } from './harness/extension';
import { ADO_RESOURCE, adoAuthorizeUrl, badgeFor, clickBannerButton, entraAuthorizeUrl, hostState, readBanner } from './guard-helpers';

const RED = [198, 40, 40, 255];
const AMBER = [245, 158, 11, 255];
const GREEN = [46, 125, 50, 255];

test('genuine Azure DevOps page asking for low-risk scopes: badge OK on green, no banner', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const url = adoAuthorizeUrl('vso.profile vso.work');
  await page.goto(url);
  await expect.poll(() => badgeFor(serviceWorker, url)).toMatchObject({ text: 'OK', color: GREEN });
  // Give a (wrong) banner every chance to appear before asserting there is none.
  await page.waitForTimeout(500);
  expect(await hostState(page)).toBeNull();
  expect(await readBanner(page)).toBeNull();
});

test('genuine page asking for high-privilege scopes: warn banner lists each scope with its tier and explanation', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const url = adoAuthorizeUrl('vso.code_write vso.build_execute vso.work');
  await page.goto(url);
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('warn');
  // The app name comes from the page once it has parsed; the banner can be up (from the URL) before that.
  await expect.poll(async () => (await readBanner(page))?.text ?? '').toContain('Contoso Deploy Bot');
  const banner = (await readBanner(page))!;
  expect(banner.shadowRootType).toBe('closed');
  expect(banner.scopes).toEqual(expect.arrayContaining(['vso.code_write|high', 'vso.build_execute|high', 'vso.work|medium']));
  expect(banner.findings).toContain('high-privilege-scopes');
  expect(banner.text).toContain('Code (read and write)');
  expect(banner.text).toContain('Check this request before you approve it');
  // What the scopes include beyond themselves (vso.code_write includes vso.code).
  expect(banner.text).toMatch(/also include:.*vso\.code\b/);
  // The publisher as the page shows it, with the name.
  expect(banner.text).toContain('Contoso Ltd');
  expect(banner.buttons.map((button) => button.label)).toEqual(expect.arrayContaining(['Leave this page', 'Dismiss for this request']));
  await expect.poll(() => badgeFor(serviceWorker, url)).toMatchObject({ text: '!', color: AMBER });
  expect((await badgeFor(serviceWorker, url))!.title).toContain('powerful access');
  // Visible at the top of the viewport, and the page's scripts cannot see inside.
  const state = (await hostState(page))!;
  expect(state).toMatchObject({ verdict: 'warn', topmost: true, top: 0, inTopLayer: true, shadowVisibleToPage: false });
  expect(state.height).toBeGreaterThan(40);
});

test('the warn banner is keyboard reachable and "Dismiss for this request" keeps it away for that request', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const url = adoAuthorizeUrl('vso.code_write');
  await page.goto(url);
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('warn');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-consent-guard'))).toBe('warn');

  await clickBannerButton(page, 'Dismiss for this request');
  await expect.poll(() => hostState(page)).toBeNull();
  await page.reload();
  await expect.poll(() => badgeFor(serviceWorker, url)).toMatchObject({ text: '!' });
  await page.waitForTimeout(500);
  expect(await hostState(page)).toBeNull();

  // Another request in the same tab is not dismissed.
  await page.goto(adoAuthorizeUrl('vso.code_manage'));
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('warn');
});

test('Entra consent page reached through an authorize URL and a sign-in POST shows the scopes from the tracked flow', async ({
  context,
  serviceWorker,
  server,
}) => {
  const page = await context.newPage();
  await page.goto(entraAuthorizeUrl([`${ADO_RESOURCE}/vso.code_write`, 'offline_access']));
  // The warn banner sits over the top of the sign-in page; the user submits with Enter in the password field.
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('warn');
  await page.locator('input[type="password"]').press('Enter');
  await page.waitForURL('https://login.microsoftonline.com/common/login');
  expect(server.requests.some((request) => request.method === 'POST' && request.url === 'https://login.microsoftonline.com/common/login')).toBe(true);
  expect(page.url()).not.toContain('scope=');

  await expect.poll(async () => (await readBanner(page))?.text ?? '').toContain('From the authorization link that started this sign-in');
  // The app's name comes from the page once it has parsed: the banner can be up (from the URL) before that.
  await expect.poll(async () => (await readBanner(page))?.text ?? '').toContain('Fabrikam Release Helper');
  const banner = (await readBanner(page))!;
  expect(banner.verdict).toBe('warn');
  expect(banner.scopes).toEqual(expect.arrayContaining(['vso.code_write|high', 'offline_access|medium']));
  await expect.poll(() => badgeFor(serviceWorker, page.url())).toMatchObject({ text: '!', color: AMBER });
});

test('a clone of the approval page on a lookalike host is danger: red badge, banner without dismiss, Leave works', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const url = adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com');
  await page.goto(url);
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('danger');
  // The URL's danger is up at commit; the page's branding joins it once the page has parsed and been read.
  await expect.poll(async () => (await readBanner(page))?.findings ?? []).toContain('microsoft-branding-off-host');
  const banner = (await readBanner(page))!;
  expect(banner.findings).toContain('lookalike-glue');
  expect(banner.text).toContain('This is probably a phishing page');
  expect(banner.buttons.map((button) => button.label)).not.toContain('Dismiss for this request');
  await expect.poll(() => badgeFor(serviceWorker, url)).toMatchObject({ text: '✕', color: RED });

  await clickBannerButton(page, 'Leave this page');
  await page.waitForURL('about:blank');
});

test('a clone on an unrelated host with nothing telltale in its URL is caught by its branding', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const url = 'https://devtools-portal.example/approve';
  await page.goto(url);
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('danger');
  expect((await readBanner(page))!.findings).toContain('microsoft-branding-off-host');
  await expect.poll(() => badgeFor(serviceWorker, url)).toMatchObject({ text: '✕' });
});

test('the trusted host over plain http is danger', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const url = adoAuthorizeUrl('vso.profile', 'app.vssps.visualstudio.com', 'http');
  await page.goto(url);
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('danger');
  expect((await readBanner(page))!.findings).toContain('insecure-connection');
  await expect.poll(() => badgeFor(serviceWorker, url)).toMatchObject({ text: '✕', color: RED });
});

test('a page that deletes, restyles and covers the banner does not get rid of it', async ({ context }) => {
  const page = await context.newPage();
  await page.goto(adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com', 'https', '/hostile/oauth2/authorize'));
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('danger');
  // Let the page attack for a while: removal every 200 ms, a full-screen div, a modal dialog, a popover.
  await page.waitForTimeout(1500);
  const attacks = await page.evaluate(() => (window as unknown as { __attacks: Record<string, number> }).__attacks);
  expect(attacks.removed).toBeGreaterThan(3);
  expect(attacks.dialog).toBe(1);
  expect(attacks.popover).toBe(1);
  for (let sample = 0; sample < 5; sample++) {
    const state = await hostState(page);
    expect(state).toMatchObject({ verdict: 'danger', topmost: true, display: 'block', visibility: 'visible', opacity: '1', top: 0 });
    await page.waitForTimeout(130);
  }
  // The page's hostile text never became banner content.
  expect((await readBanner(page))!.text).not.toContain('Everything is fine');
});

test('an article about Microsoft with a sign-in form is not called a clone', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  await page.goto('https://news.example.test/article');
  await page.waitForTimeout(700);
  expect(await hostState(page)).toBeNull();
  const badge = await badgeFor(serviceWorker, page.url());
  expect(badge?.text ?? '').toBe('');
});
