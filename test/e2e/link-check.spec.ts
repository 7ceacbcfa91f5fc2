/**
 * "Check this link with Consent Guard": the context menu's items exist, and the page they open judges a link
 * without ever requesting it. Playwright cannot click the browser's own context menu, so the tests open the
 * page the menu opens (src/background/link-check.ts `linkCheckPageFor`, unit-tested) with the same query.
 */
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './harness/extension';

const STATE_SECRET = 'alice%40contoso.com-7c1d';
const LOOKALIKE = `https://app-vssps-visualstudio.com/oauth2/authorize?client_id=7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11&response_type=Assertion&state=${STATE_SECRET}&scope=vso.code_full&redirect_uri=https%3A%2F%2Fcollect.example%2Fcb`;
const SAFE_LINKS = `https://eur03.safelinks.protection.outlook.com/?url=${encodeURIComponent(LOOKALIKE)}&data=05%7C02%7C&sdata=x&reserved=0`;
const GENUINE_LOW_RISK =
  'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=8a2b3c4d-0000-4000-8000-000000000001&response_type=Assertion&state=abc&redirect_uri=https%3A%2F%2Fapp.example-tool.com%2Fcallback&scope=vso.work%20vso.profile';

async function openLinkCheck(page: Page, extensionId: string, query: Record<string, string>): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/src/linkcheck/index.html?${new URLSearchParams(query).toString()}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function setDevPolicy(worker: Worker, policy: Record<string, unknown> | null): Promise<void> {
  await worker.evaluate(async (value) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    if (value === null) await chrome.storage.local.remove('devPolicy');
    else await chrome.storage.local.set({ devPolicy: value });
  }, policy);
}

test.afterEach(({ serviceWorker }) => setDevPolicy(serviceWorker, null));

test('the context menu has its two items (links, and selected text)', async ({ serviceWorker }) => {
  const exists = await serviceWorker.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const chrome = (globalThis as unknown as { chrome: any }).chrome;
    const check = (id: string) =>
      chrome.contextMenus.update(id, {}).then(
        () => true,
        () => false,
      );
    return [await check('consent-guard-check-link'), await check('consent-guard-check-selection'), await check('no-such-item')];
  });
  expect(exists).toEqual([true, true, false]);
});

test('a Safe Links-wrapped lookalike: danger, the wrapper and the inner address named, nothing fetched', async ({ context, extensionId, server }) => {
  const page = await context.newPage();
  await openLinkCheck(page, extensionId, { link: SAFE_LINKS });
  await expect(page.locator('[data-link-check-verdict]')).toHaveAttribute('data-link-check-verdict', 'danger');
  await expect(page.locator('[data-link-check-wrappers]')).toContainText('Safe Links');
  await expect(page.locator('[data-link-check-inner]')).toHaveText(LOOKALIKE);
  await expect(page.locator('[data-link-check-imitates]')).toContainText('app.vssps.visualstudio.com');
  await expect(page.locator('[data-link-check-client]')).toHaveText('7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11');
  await expect(page.locator('[data-scope="vso.code_full"]')).toHaveAttribute('data-tier', 'critical');
  await expect(page.locator('[data-finding^="lookalike-"]')).toHaveCount(1);

  // The report for a ticket: host, client id and scopes, never the rest of the query (state carries an address).
  const report = await page.locator('[data-link-check-report]').inputValue();
  expect(report).toContain('app-vssps-visualstudio.com');
  expect(report).toContain('7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11');
  expect(report).toContain('vso.code_full');
  expect(report).not.toContain('alice');
  expect(report).not.toContain('collect.example/cb');

  const contacted = server.requests.map((request) => request.host.replace(/:\d+$/, ''));
  expect(contacted).not.toContain('app-vssps-visualstudio.com');
  expect(contacted.some((host) => host.endsWith('safelinks.protection.outlook.com'))).toBe(false);
});

test('a genuine low-risk request: ok, each scope with its tier and explanation; "Copy a report" copies it', async ({ context, extensionId, server }) => {
  const page = await context.newPage();
  await openLinkCheck(page, extensionId, { link: GENUINE_LOW_RISK });
  // Chromium grants no clipboard permission to extension origins under test: record what the page writes instead.
  await page.evaluate(() => {
    const record = globalThis as unknown as { copied?: string };
    navigator.clipboard.writeText = async (text: string) => {
      record.copied = text;
    };
  });
  await expect(page.locator('[data-link-check-verdict]')).toHaveAttribute('data-link-check-verdict', 'ok');
  await expect(page.locator('[data-scope="vso.profile"]')).toHaveAttribute('data-tier', 'low');
  await expect(page.locator('[data-scope="vso.work"]')).toHaveAttribute('data-tier', 'medium');
  await expect(page.locator('[data-scope="vso.work"] .cg-can')).not.toBeEmpty();
  await page.getByRole('button', { name: 'Copy a report' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Report copied.' })).toBeVisible();
  const copied = await page.evaluate(() => (globalThis as unknown as { copied?: string }).copied ?? '');
  expect(copied).toContain('vso.work');
  expect(copied).toContain('Verdict: ok');
  expect(server.requests.filter((request) => request.host.startsWith('app.vssps.visualstudio.com'))).toEqual([]);
});

test('a device-code link is called out; defanged text in a selection is read as the link', async ({ context, extensionId, server }) => {
  const page = await context.newPage();
  await openLinkCheck(page, extensionId, { text: 'Enter the code at hxxps://microsoft[.]com/devicelogin to continue' });
  await expect(page.locator('[data-link-check-link]')).toHaveText('https://microsoft.com/devicelogin');
  await expect(page.locator('[data-finding="device-code-page"]')).toHaveCount(1);
  await expect(page.locator('[data-link-check-verdict]')).toHaveAttribute('data-link-check-verdict', 'warn');
  expect(server.requests.filter((request) => request.host.startsWith('microsoft.com'))).toEqual([]);
});

test('selected text that holds no link gets a clear message', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await openLinkCheck(page, extensionId, { text: 'Please review the permissions before you accept.' });
  await expect(page.locator('[data-link-check-message]')).toHaveText(/contains no web link/);
  await openLinkCheck(page, extensionId, { text: '' });
  await expect(page.locator('[data-link-check-message]')).toHaveText(/Nothing was selected/);
});

test('with a reportUrl in the policy, "Report to my admin" carries the link check', async ({ context, extensionId, serviceWorker }) => {
  await setDevPolicy(serviceWorker, { reportUrl: 'mailto:security@contoso.example', companyName: 'Contoso' });
  const page = await context.newPage();
  await openLinkCheck(page, extensionId, { link: LOOKALIKE });
  const report = page.getByRole('link', { name: 'Report to my admin' });
  await expect(report).toHaveAttribute('href', /^mailto:security@contoso\.example\?subject=/);
  const href = decodeURIComponent((await report.getAttribute('href')) ?? '');
  expect(href).toContain('app-vssps-visualstudio.com');
  expect(href).not.toContain('alice');
});
