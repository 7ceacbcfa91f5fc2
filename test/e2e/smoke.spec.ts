import { expect, test } from './harness/extension';

test('the built extension loads and its popup opens', async ({ context, extensionId }) => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  await expect(popup.locator('#app')).not.toBeEmpty();
});

test('fixture hosts resolve to the loopback server over https', async ({ context, server }) => {
  const page = await context.newPage();
  await page.goto('https://example.test/');
  await expect(page.locator('h1')).toHaveText('Nothing to see');
  expect(server.requests.some((request) => request.host === 'example.test' && request.secure)).toBe(true);
});
