/**
 * The authorization manager end to end: the built popup page in Debian's Chromium, the background's
 * credentialed fetch, and the fake DelegatedAuth API on the loopback fixture server.
 */
import { expect, test } from './harness/extension';
import { manyAuthorizations, SAMPLE_IDS } from './harness/fake-ado-api';
import { PAT, LIST_PATH, setup, openPopup, rows, writes } from './manager-helpers';

test('lists every authorization with the browser session, riskiest first, untrusted names as text', async ({ context, extensionId, server }) => {
  const api = await setup(context, server);
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  await expect(rows(popup).first().locator('h3')).toHaveText('Everything App');
  await expect(rows(popup).first()).toContainText('Full access');
  await expect(popup.getByText('6 authorizations: 2 high privilege, 1 full access, 2 stale', { exact: false })).toBeVisible();
  await expect(popup.getByRole('heading', { name: '<img src=x onerror="window.pwned=1">Helper' })).toBeVisible();
  expect(await popup.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(await popup.locator('main img').count()).toBe(0);
  expect(api.calls).toHaveLength(1);
  expect(api.calls[0]).toMatchObject({ method: 'GET', host: 'app.vssps.visualstudio.com', auth: 'cookie', fedAuthRedirect: 'Suppress', apiVersion: '5.0' });
  expect(writes(server)).toHaveLength(0);
});

test('revokes one after confirmation: exactly that POST, then the re-list shows it gone', async ({ context, extensionId, server }) => {
  const api = await setup(context, server);
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  await popup.getByRole('button', { name: 'Revoke Deploy Bot' }).click();
  const dialog = popup.getByRole('alertdialog');
  await expect(dialog.getByRole('heading')).toHaveText('Revoke Deploy Bot?');
  await expect(dialog).toContainText('Delegated Authorization Tokens (vso.tokens)');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(writes(server)).toHaveLength(0);
  await dialog.getByRole('button', { name: 'Revoke access' }).click();
  await expect(rows(popup)).toHaveCount(5);
  await expect(popup.getByText('Revoked 1 of 1; it is no longer listed.')).toBeVisible();
  await expect(popup.locator(`li[data-authorization-id="${SAMPLE_IDS.deploy}"]`)).toHaveCount(0);

  const posted = writes(server);
  expect(posted).toHaveLength(1);
  expect(posted[0]?.method).toBe('POST');
  expect(posted[0]?.url).toBe(`https://app.vssps.visualstudio.com${LIST_PATH}?authorizationId=${SAMPLE_IDS.deploy}&api-version=5.0`);
  expect(posted[0]?.body).toBe('');
  expect(posted[0]?.headers['content-type']).toBeUndefined();
  expect(api.authorizations.has(SAMPLE_IDS.deploy)).toBe(false);
  // The list was fetched again after the revoke.
  expect(api.calls.map((call) => call.method)).toEqual(['GET', 'POST', 'GET']);
});

test('a revoke that fails leaves the row in place with the reason; one already gone (404) counts as revoked', async ({ context, extensionId, server }) => {
  const api = await setup(context, server);
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  api.onRevokeOf(SAMPLE_IDS.backlog, 'forbidden');
  // Revoked elsewhere meanwhile: the service answers 404.
  api.authorizations.delete(SAMPLE_IDS.reporter);
  await popup.getByLabel('Select Backlog Sync').check();
  await popup.getByLabel('Select Old Reporter').check();
  await popup.getByRole('button', { name: 'Revoke selected (2)' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Revoke 2 apps' }).click();
  await expect(popup.getByText(/^Revoked 1 of 2; it is no longer listed\. 1 not revoked: .*403/)).toBeVisible();
  await expect(popup.locator(`li[data-authorization-id="${SAMPLE_IDS.backlog}"]`)).toContainText('Not revoked: Azure DevOps refused access (403): TF400409');
  await expect(popup.locator(`li[data-authorization-id="${SAMPLE_IDS.reporter}"]`)).toHaveCount(0);
  await expect(rows(popup)).toHaveCount(5);
  expect(
    writes(server)
      .map((request) => new URL(request.url).searchParams.get('authorizationId'))
      .sort(),
  ).toEqual([SAMPLE_IDS.backlog, SAMPLE_IDS.reporter].sort());
});

test('not signed in (401): offers "Sign in to Azure DevOps" in a new tab, and a PAT kept only for the session', async ({ context, extensionId, server }) => {
  const api = await setup(context, server, { signedIn: false, organizationTokens: { contoso: PAT } });
  const popup = await openPopup(context, extensionId);
  const signIn = popup.getByRole('button', { name: 'Sign in to Azure DevOps' });
  await expect(signIn).toBeVisible();
  const [tab] = await Promise.all([context.waitForEvent('page'), signIn.click()]);
  await expect.poll(() => tab.url()).toContain('https://app.vssps.visualstudio.com/');
  await tab.close();

  // Since 2026-12-01 a token works only in its own organization: the form asks which, and says why.
  const form = popup.locator('.signed-out');
  await expect(form).toContainText('only in the organization it was created in');
  await form.getByLabel('Organization (dev.azure.com/<organization>)').fill('fabrikam');
  await form.getByLabel(/Personal access token/).fill(PAT);
  await form.getByRole('button', { name: 'Use token' }).click();
  // The token of another organization: refused (401), and the reason names what to check.
  await expect(
    popup.getByText(/Azure DevOps \(fabrikam\) refused this token \(401\)\. A token works only in the organization it was created in/),
  ).toBeVisible();
  await expect(rows(popup)).toHaveCount(0);

  await form.getByLabel('Organization (dev.azure.com/<organization>)').fill('contoso');
  await form.getByLabel(/Personal access token/).fill(PAT);
  await form.getByRole('button', { name: 'Use token' }).click();
  await expect(rows(popup)).toHaveCount(6);
  expect(api.calls).toContainEqual(expect.objectContaining({ auth: 'pat', organization: 'contoso', host: 'vssps.dev.azure.com' }));
  const withToken = server.requests.filter((request) => JSON.stringify(request.headers).includes(Buffer.from(`:${PAT}`).toString('base64')));
  // The token went only to organizations' own API host, never to the organization-less one.
  expect(new Set(withToken.map((request) => request.host))).toEqual(new Set(['vssps.dev.azure.com']));
  const stored = await popup.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { session: { get(): Promise<object> }; local: { get(): Promise<object> } } } }).chrome;
    return { session: JSON.stringify(await chrome.storage.session.get()), local: JSON.stringify(await chrome.storage.local.get()) };
  });
  expect(stored.session).toContain(PAT);
  expect(stored.local).not.toContain(PAT);
});

test('a 203 sign-in page counts as signed out', async ({ context, extensionId, server }) => {
  const api = await setup(context, server);
  api.onList('sign-in-page');
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByRole('button', { name: 'Sign in to Azure DevOps' })).toBeVisible();
});

test('malformed JSON is reported as not understood and changes nothing', async ({ context, extensionId, server }) => {
  const api = await setup(context, server);
  api.onList('malformed-json');
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByText('Azure DevOps answered in a form this version does not understand. Nothing was changed.')).toBeVisible();
  expect(writes(server)).toHaveLength(0);
});

test('throttling: waits out a short Retry-After; a long one shows when to try again', async ({ context, extensionId, server }) => {
  const api = await setup(context, server, { retryAfterSeconds: 1 });
  api.onList('throttled', 1);
  const started = Date.now();
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  expect(api.calls.map((call) => call.method)).toEqual(['GET', 'GET']);

  api.retryAfterSeconds = 600;
  api.onList('throttled');
  const again = await openPopup(context, extensionId);
  await expect(again.getByText(/Try again after .* \(in 600 s\)/)).toBeVisible();
});

test('server errors are retried with backoff; a slow answer shows the loading state first', async ({ context, extensionId, server }) => {
  const api = await setup(context, server);
  api.onList('server-error', 1);
  api.delayMs = 800;
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByText('Loading your authorizations from Azure DevOps…')).toBeVisible();
  await expect(rows(popup)).toHaveCount(6, { timeout: 10_000 });
  expect(api.calls.map((call) => call.method)).toEqual(['GET', 'GET']);
});

test('revoking 50 keeps at most 4 requests in flight and every one is gone afterwards', async ({ context, extensionId, server }) => {
  const api = await setup(context, server, { authorizations: manyAuthorizations(50) });
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(50);
  api.delayMs = 60;
  await popup.getByLabel('Select all shown').check();
  await popup.getByRole('button', { name: 'Revoke selected (50)' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Revoke 50 apps' }).click();
  await expect(popup.getByRole('status').filter({ hasText: /Revoking \d+ of 50/ })).toBeVisible();
  await expect(popup.getByText('No authorized apps')).toBeVisible({ timeout: 20_000 });
  expect(writes(server)).toHaveLength(50);
  expect(api.maxRevokesInFlight).toBeGreaterThan(1);
  expect(api.maxRevokesInFlight).toBeLessThanOrEqual(4);
});

test('a revoke keeps going when the popup closes; the reopened popup shows the outcome', async ({ context, extensionId, server }) => {
  const api = await setup(context, server, { authorizations: manyAuthorizations(12) });
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(12);
  api.delayMs = 250;
  await popup.getByLabel('Select all shown').check();
  await popup.getByRole('button', { name: 'Revoke selected (12)' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Revoke 12 apps' }).click();
  await expect.poll(() => writes(server).length).toBeGreaterThan(0);
  // The browser window stays open (closing the last window would end the session and its cookies).
  const tab = await context.newPage();
  await tab.goto('https://example.test/');
  await popup.close();
  const reopened = await openPopup(context, extensionId);
  await expect(reopened.getByText(/Revoked 12 of 12/)).toBeVisible({ timeout: 15_000 });
  await expect(reopened.getByText('No authorized apps')).toBeVisible();
  expect(writes(server)).toHaveLength(12);
});

test('the organization host form is one advanced setting away', async ({ context, extensionId, server }) => {
  const api = await setup(context, server);
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  await popup.getByText('Advanced').click();
  await popup.getByLabel(/^Organization \(uses https:\/\//).fill('fabrikam');
  await popup.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => api.calls.length).toBe(2);
  expect(api.calls[1]).toMatchObject({ host: 'vssps.dev.azure.com', organization: 'fabrikam', auth: 'cookie' });
  await expect(rows(popup)).toHaveCount(6);
  expect(writes(server)).toHaveLength(0);
});
