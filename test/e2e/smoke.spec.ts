import { expect, test } from './harness/extension';

test('the built extension loads and its popup shows this tab and the authorization manager', async ({ context, extensionId }) => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  await expect(popup.getByRole('heading', { level: 1 })).toHaveText('Consent Guard');
  // The tab's verdict came from the background through the protocol (popup/tab-verdict), its reply checked:
  // the popup's own tab asks for nothing, and says so.
  const thisTab = popup.getByRole('region', { name: 'This tab' });
  await expect(thisTab.getByRole('heading', { level: 2 })).toHaveText('Nothing to check on this page', { timeout: 15_000 });
  await expect(thisTab).toContainText('This page is not asking for access to your Azure DevOps account.');
  // The manager asked the background for its state (manager/status) and shows its section.
  await expect(popup.getByRole('region', { name: 'Authorization manager' })).toBeVisible({ timeout: 15_000 });
  await expect(popup.locator('[role="alert"]')).toHaveCount(0);
});

test('fixture hosts resolve to the loopback server over https', async ({ context, server }) => {
  const page = await context.newPage();
  await page.goto('https://example.test/');
  await expect(page.locator('h1')).toHaveText('Nothing to see');
  expect(server.requests.some((request) => request.host === 'example.test' && request.secure)).toBe(true);
});
