/**
 * The rough edges of the authorization manager, tried as a user would in real Chromium: a narrow popup
 * with long unbroken names, the dialog's inert background from the keyboard and for screen readers, skip
 * links and tab stops, the Retry-After row, the summary after a refused revoke, dark mode, and the names
 * assistive technology reads.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness/extension';
import { authorizationDetails, SAMPLE_IDS, sampleAuthorizations } from './harness/fake-ado-api';
import { seedConsents } from './manager-flows';
import { accessibilityTree, lowContrast, overflows } from './manager-layout';
import { openPopup, rows, setup, writes } from './manager-helpers';

const LONG = (letter: string, length = 120) => letter.repeat(length);
const LONG_ID = '99999999-9999-4999-8999-999999999999';
/** 120 characters with no place to break, the most the list keeps of a name. */
const LONG_NAME = `L${LONG('N', 119)}`;
const LONG_ORGANIZATION = `o${'r'.repeat(48)}g`;

function longAuthorization() {
  return authorizationDetails({
    id: LONG_ID,
    name: LONG_NAME,
    company: LONG('P'),
    website: `https://${LONG('w', 60)}.example/${LONG('p', 150)}`,
    companySite: `https://${LONG('c', 60)}.example/`,
    scopes: `vso.code_write vso.${LONG('z')}`,
  });
}

function longConsent() {
  return {
    id: 'long-consent',
    outcome: 'approved',
    kind: 'entra',
    flow: 'entra-v2',
    appName: `Consent${LONG('A')}`,
    publisher: LONG('Q'),
    clientId: '3b1f2c4d-0000-4c5e-8f9a-112233445566',
    scopes: [{ id: `https://app.vssps.visualstudio.com/${LONG('s')}`, tier: 'unknown', highPrivilege: false }],
    verdict: 'warn',
    host: 'login.microsoftonline.com',
    tenant: 'common',
    redirectHost: `${LONG('r', 150)}.example`,
    startedAt: Date.now() - 60_000,
    endedAt: Date.now() - 30_000,
  };
}

/** The popup with everything that can carry long text on screen: rows, details, the inventory, a refused sign-in, Advanced. */
async function longPopup(page: Page) {
  await page.getByRole('button', { name: `Revoke ${LONG_NAME}` }).waitFor();
  await page.getByRole('listitem', { name: LONG_NAME }).getByRole('button', { name: 'What can it do?' }).click();
  await page.getByText('Advanced').click();
}

test('a 320 px popup with 120-character unbroken names, publishers, scopes and hosts: no sideways scroll, nothing out of its row, every control reachable', async ({
  context,
  extensionId,
  server,
}) => {
  // Three widths, each measured element by element: more than the default 30 s on a busy machine.
  test.slow();
  await setup(context, server, { authorizations: [longAuthorization(), ...sampleAuthorizations()] });
  await seedConsents(context, [longConsent()]);
  // A token whose organization refused it: the notice names the organization and its URL.
  const worker = context.serviceWorkers()[0]!;
  await worker.evaluate(
    (organization) =>
      (globalThis as unknown as { chrome: { storage: { session: { set(items: object): Promise<void> } } } }).chrome.storage.session.set({
        'manager.tokens': { [organization]: 'refusedtoken0123456789abcdefghijklmnop' },
      }),
    LONG_ORGANIZATION,
  );
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByText(`${LONG_ORGANIZATION}: Azure DevOps (${LONG_ORGANIZATION}) refused this token (401).`, { exact: false })).toBeVisible();
  for (const width of [320, 400, 560]) {
    await popup.setViewportSize({ width, height: 700 });
    if (width === 320) await longPopup(popup);
    await expect.poll(() => overflows(popup), { message: `at ${width} px` }).toEqual([]);
  }
  await popup.setViewportSize({ width: 320, height: 700 });

  // Every control of the long row is inside the popup and can be used, Revoke included.
  const longRow = popup.getByRole('listitem', { name: LONG_NAME });
  for (const control of await longRow.locator('button, a[href], input').all()) {
    const box = (await control.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
  }
  await longRow.getByRole('button', { name: `Revoke ${LONG_NAME}` }).click();
  const dialog = popup.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await expect.poll(() => overflows(popup)).toEqual([]);
  const confirm = (await dialog.getByRole('button', { name: 'Revoke access' }).boundingBox())!;
  expect(confirm.x + confirm.width).toBeLessThanOrEqual(320);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The long consent of the inventory: its links are inside the popup too.
  const consent = popup.getByRole('listitem', { name: `Consent${LONG('A')}` });
  await expect(consent).toContainText(`Publisher as claimed: ${LONG('Q')}`);
  for (const link of await consent.getByRole('link').all()) {
    const box = (await link.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(320);
  }
  expect(writes(server)).toHaveLength(0);
});

test('the confirmation dialog: the page behind it is inert, for the keyboard and for the accessibility tree; Escape closes it and focus returns', async ({
  context,
  extensionId,
  server,
}) => {
  test.slow();
  await setup(context, server);
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  const opener = popup.getByRole('button', { name: 'Revoke Deploy Bot' });
  await opener.focus();
  await popup.keyboard.press('Enter');
  const dialog = popup.getByRole('alertdialog', { name: 'Revoke Deploy Bot?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

  // Tab and Shift+Tab, many times over: focus never leaves the dialog.
  const focusInDialog = () => popup.evaluate(() => Boolean(document.activeElement?.closest('[role="alertdialog"]')));
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await popup.keyboard.press(key);
    expect(await focusInDialog(), `after ${key}`).toBe(true);
  }
  // Clicking the dialog's text drops focus to the body: the next Tab still lands in the dialog.
  await dialog.getByRole('heading').click();
  await popup.keyboard.press('Tab');
  expect(await focusInDialog()).toBe(true);

  // What a screen reader can reach: the dialog, and nothing of the page behind it.
  const tree = await accessibilityTree(context, popup);
  expect(tree).toContainEqual(expect.objectContaining({ role: 'alertdialog', name: 'Revoke Deploy Bot?' }));
  const names = tree.map((node) => node.name);
  for (const behind of [
    'Revoke Deploy Bot',
    'Authorized apps',
    'Select all shown',
    'Approved in this browser',
    'Skip to the authorized apps',
    'Filter by name',
  ])
    expect(names, behind).not.toContain(behind);

  await popup.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  expect(await popup.locator('[inert]').count()).toBe(0);
  const after = (await accessibilityTree(context, popup)).map((node) => node.name);
  expect(after).toContain('Revoke Deploy Bot');
  expect(after).toContain('Authorized apps');
  expect(writes(server)).toHaveLength(0);

  // Confirming from the keyboard: once the row is gone, focus goes on from the list's heading, not the top of the page.
  await opener.focus();
  await popup.keyboard.press('Enter');
  // The dialog takes focus once it is open: Tab before that (a busy machine) would go elsewhere.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await popup.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Revoke access' })).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(popup.getByText('Revoked 1 of 1; it is no longer listed.')).toBeVisible();
  await expect(popup.getByRole('heading', { name: 'Authorized apps' })).toBeFocused();
});

test('skip links reach the list and its actions; each row has three tab stops', async ({ context, extensionId, server }) => {
  await setup(context, server);
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  const skip = popup.getByRole('link', { name: 'Skip to the list actions' });
  await popup.locator('body').focus();
  for (let presses = 0; presses < 15 && !(await skip.evaluate((link) => link === document.activeElement)); presses++) await popup.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  // Shown while focused.
  const box = (await skip.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  await popup.keyboard.press('Enter');
  await popup.keyboard.press('Tab');
  await expect(popup.getByRole('checkbox', { name: 'Select all shown' })).toBeFocused();

  await popup.getByRole('link', { name: 'Skip to the authorized apps' }).focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('heading', { name: 'Authorized apps' })).toBeFocused();
  await popup.getByRole('link', { name: 'Skip to approved in this browser' }).focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('heading', { name: 'Approved in this browser' })).toBeFocused();

  // Select, "What can it do?" and Revoke: the publisher's and app's sites wait in the details.
  const stops = await rows(popup).evaluateAll((items) =>
    items.map((item) => item.querySelectorAll('a[href], button:not(:disabled), input:not(:disabled), select, [tabindex]:not([tabindex="-1"])').length),
  );
  expect(stops).toEqual([3, 3, 3, 3, 3, 3]);
});

test('a revoke waiting out Retry-After says Azure DevOps asked to wait and until when, then goes through', async ({
  context,
  extensionId,
  server,
  serviceWorker,
}) => {
  // Six seconds of Retry-After are waited out for real.
  test.slow();
  const api = await setup(context, server, { retryAfterSeconds: 6 });
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  api.onRevoke('throttled', 1);
  await popup.getByRole('button', { name: 'Revoke Deploy Bot' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Revoke access' }).click();
  const row = popup.locator(`li[data-authorization-id="${SAMPLE_IDS.deploy}"]`);
  await expect(row.locator('.row-wait')).toHaveText(/^Azure DevOps asked us to wait \(Retry-After\): trying again at .+\.$/, { timeout: 15_000 });
  await expect(row).not.toContainText('Revoking…');
  // The time it names is the background's own record of Retry-After, as the browser's language writes a time.
  const waitUntil = await serviceWorker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome;
    const job = (await chrome.storage.session.get('manager.revokeJob'))['manager.revokeJob'] as { items: { waitUntil?: number }[] };
    return job.items[0]?.waitUntil ?? null;
  });
  expect(waitUntil).not.toBeNull();
  const expected = await popup.evaluate(
    (time) =>
      new Intl.DateTimeFormat((globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage(), {
        timeStyle: 'medium',
      }).format(time),
    waitUntil!,
  );
  await expect(row.locator('.row-wait')).toHaveText(`Azure DevOps asked us to wait (Retry-After): trying again at ${expected}.`);
  await expect(popup.getByText('Revoked 1 of 1; it is no longer listed.')).toBeVisible({ timeout: 20_000 });
  expect(api.calls.filter((call) => call.method === 'POST')).toHaveLength(2);
});

test('a refused revoke, and one Azure DevOps asked to postpone: the summary says nothing was revoked and why, the row stays with its reason', async ({
  context,
  extensionId,
  server,
}) => {
  const api = await setup(context, server, { retryAfterSeconds: 600 });
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  api.onRevokeOf(SAMPLE_IDS.deploy, 'forbidden');
  await popup.getByRole('button', { name: 'Revoke Deploy Bot' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Revoke access' }).click();
  const status = popup.getByRole('status').filter({ hasText: 'Nothing was revoked' });
  await expect(status).toHaveText('Nothing was revoked: Azure DevOps refused access (403): TF400409: You do not have permission to perform this action.');
  await expect(popup.getByText(/no longer listed|0 of 1/)).toHaveCount(0);
  await expect(popup.locator(`li[data-authorization-id="${SAMPLE_IDS.deploy}"]`)).toContainText('Not revoked: Azure DevOps refused access (403)');
  await expect(rows(popup)).toHaveCount(6);

  // Retry-After of ten minutes: not waited out; the row and the summary say until when.
  api.onRevoke('throttled', 1);
  await popup.getByRole('button', { name: 'Revoke Backlog Sync' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Revoke access' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Nothing was revoked' })).toHaveText(
    /^Nothing was revoked: Azure DevOps asked us to wait until .+ \(Retry-After\): try again then\.$/,
  );
  await expect(popup.locator(`li[data-authorization-id="${SAMPLE_IDS.backlog}"]`)).toContainText(
    /Not revoked: Azure DevOps asked us to wait until .+ \(Retry-After\)/,
  );
  await expect(rows(popup)).toHaveCount(6);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme} mode: the popup follows the system, and every text meets WCAG AA contrast, the dialog's too`, async ({ context, extensionId, server }) => {
    test.slow();
    await setup(context, server, { authorizations: [longAuthorization(), ...sampleAuthorizations()] });
    await seedConsents(context, [longConsent(), { ...longConsent(), id: 'declined', outcome: 'declined', appName: 'Declined App' }]);
    const popup = await context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
    await expect(rows(popup)).toHaveCount(7);
    const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(scheme === 'dark' ? 'rgb(24, 24, 28)' : 'rgb(255, 255, 255)');
    await longPopup(popup);
    await popup.getByText('Ended without approval (1)').click();
    await popup.getByLabel('Select Deploy Bot').check();
    expect(await lowContrast(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Revoke Deploy Bot' }).click();
    await expect(popup.getByRole('alertdialog')).toBeVisible();
    expect(await lowContrast(popup)).toEqual([]);
  });
}

test('screen reader labels: every control has a name, row controls name their app, lists and regions are labelled', async ({
  context,
  extensionId,
  server,
}) => {
  await setup(context, server);
  await seedConsents(context, [longConsent()]);
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  await popup.getByText('Advanced').click();
  const tree = await accessibilityTree(context, popup);
  const interactive = new Set(['button', 'link', 'checkbox', 'textbox', 'searchbox', 'combobox', 'ListBox', 'listbox', 'DisclosureTriangle', 'progressbar']);
  const unnamed = tree.filter((node) => interactive.has(node.role) && node.name.trim() === '');
  expect(unnamed).toEqual([]);
  for (const app of ['Deploy Bot', 'Backlog Sync', 'Everything App']) {
    expect(tree).toContainEqual(expect.objectContaining({ role: 'checkbox', name: `Select ${app}` }));
    expect(tree).toContainEqual(expect.objectContaining({ role: 'button', name: `Revoke ${app}` }));
    // "What can it do?" is the same on every row: the app's name is its description.
    expect(tree).toContainEqual(expect.objectContaining({ role: 'button', name: 'What can it do?', description: app }));
    expect(tree).toContainEqual(expect.objectContaining({ role: 'listitem', name: app }));
  }
  expect(tree).toContainEqual(expect.objectContaining({ role: 'list', name: 'Authorizations' }));
  expect(tree).toContainEqual(expect.objectContaining({ role: 'region', name: 'Approved in this browser' }));
  expect(tree).toContainEqual(expect.objectContaining({ role: 'list', name: 'Approved in this browser' }));
  expect(tree).toContainEqual(expect.objectContaining({ role: 'navigation', name: 'Skip links' }));
  expect(tree).toContainEqual(expect.objectContaining({ role: 'group', name: 'List actions' }));
  expect(tree).toContainEqual(expect.objectContaining({ role: 'link', name: `Revoke Consent${LONG('A')} in My Apps (work or school account)` }));
  // Every field is named by its visible label.
  for (const label of ['Filter by name', 'Show', 'Sort by', 'Organization (dev.azure.com/<organization>)', 'Personal access token (scope vso.tokens)'])
    expect(tree.map((node) => node.name)).toContain(label);
});
