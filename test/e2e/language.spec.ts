/**
 * The extension in a German browser: the analyzer's findings, the scope explanations, the badge and the
 * authorization manager's errors all follow the browser's language, not just the buttons.
 */
import { expect, test } from './harness/extension';
import { SAMPLE_IDS } from './harness/fake-ado-api';
import { adoAuthorizeUrl, badgeFor, readBanner } from './guard-helpers';
import { openPopup, rows, setup } from './manager-helpers';

test.use({ language: 'de' });

test('a lookalike in a German browser: the banner, its findings and scope explanations, and the badge title are German', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const url = adoAuthorizeUrl('vso.code_write', 'app-vssps-visualstudio.com');
  await page.goto(url);
  await expect.poll(async () => (await readBanner(page))?.verdict).toBe('danger');
  const banner = (await readBanner(page))!;
  expect(banner.text).toContain('Dies ist wahrscheinlich eine Phishing-Seite');
  expect(banner.text).toContain('Diese Seite liegt auf app-vssps-visualstudio.com, die app.vssps.visualstudio.com nachahmt.');
  expect(banner.buttons.map((button) => button.label)).toContain('Diese Seite verlassen');

  // A danger banner opens with its details shown.
  expect(banner.buttons.map((button) => button.label)).toContain('Details ausblenden');
  await expect
    .poll(async () => (await readBanner(page))?.text)
    .toContain(
      'Diese Website, app-vssps-visualstudio.com, verbindet die Teile des echten Namens mit Bindestrichen, um app.vssps.visualstudio.com nachzuahmen.',
    );
  const details = (await readBanner(page))!.text;
  // The scope explanation, and nothing left in English from the analyzer.
  expect(details).toContain('Code (Lesen und Schreiben)');
  expect(details).toContain('In falschen Händen:');
  expect(details).not.toContain('This site,');
  expect(details).not.toContain('imitates');

  const badge = await badgeFor(serviceWorker, url);
  expect(badge?.title).toMatch(/^Consent Guard: wahrscheinlich Phishing\. Diese Website, app-vssps-visualstudio\.com/);
});

test('the authorization manager in a German browser: counts, dates and a refused revoke are German', async ({ context, extensionId, server }) => {
  const api = await setup(context, server);
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  await expect(popup.getByText('6 Autorisierungen:', { exact: false })).toBeVisible();
  // The page declares the language it is in: a screen reader reads it with a German voice.
  expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
  // Dates in German form (15.01.2025), not the English "Jan 15, 2025".
  await expect(rows(popup).first()).toContainText(/Erteilt: \d{2}\.\d{2}\.\d{4}/);

  api.onRevokeOf(SAMPLE_IDS.backlog, 'forbidden');
  await popup.getByLabel('Backlog Sync auswählen').check();
  await popup.getByRole('button', { name: 'Auswahl widerrufen (1)' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Zugriff widerrufen' }).click();
  await expect(popup.locator(`li[data-authorization-id="${SAMPLE_IDS.backlog}"]`)).toContainText(
    'Nicht widerrufen: Azure DevOps hat den Zugriff verweigert (403): TF400409',
  );
});
