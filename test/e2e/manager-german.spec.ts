/**
 * The authorization manager's newer parts in a German browser: the Retry-After row and its time, the
 * summary after a postponed revoke, and "Approved in this browser" with each outcome.
 */
import { expect, test } from './harness/extension';
import { SAMPLE_IDS } from './harness/fake-ado-api';
import { seedConsents } from './manager-flows';
import { openPopup, rows, setup } from './manager-helpers';

test.use({ language: 'de' });

test('Retry-After in German: the row says Azure DevOps asked to wait and the 24-hour time of the next try; a longer wait says until when', async ({
  context,
  extensionId,
  server,
}) => {
  test.slow();
  const api = await setup(context, server, { retryAfterSeconds: 5 });
  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(6);
  api.onRevoke('throttled', 1);
  await popup.getByRole('button', { name: 'Deploy Bot widerrufen' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Zugriff widerrufen' }).click();
  const row = popup.locator(`li[data-authorization-id="${SAMPLE_IDS.deploy}"]`);
  await expect(row.locator('.row-wait')).toHaveText(/^Azure DevOps hat uns gebeten zu warten \(Retry-After\): neuer Versuch um \d{2}:\d{2}:\d{2}\.$/, {
    timeout: 15_000,
  });
  await expect(popup.getByText('1 von 1 widerrufen; es wird nicht mehr aufgeführt.')).toBeVisible({ timeout: 20_000 });

  api.retryAfterSeconds = 600;
  api.onRevoke('throttled', 1);
  await popup.getByRole('button', { name: 'Backlog Sync widerrufen' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Zugriff widerrufen' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Nichts wurde widerrufen' })).toHaveText(
    /^Nichts wurde widerrufen: Azure DevOps hat uns gebeten, bis \d{2}:\d{2}:\d{2} zu warten \(Retry-After\): Versuchen Sie es dann erneut\.$/,
  );
});

test('"Approved in this browser" in German: what the page claimed, the risk in words, and each outcome', async ({ context, extensionId, server }) => {
  await setup(context, server, { signedIn: false });
  const base = {
    kind: 'azure-devops-oauth',
    flow: 'azure-devops-oauth',
    clientId: 'c0c0c0c0-0000-4000-8000-000000000042',
    scopes: [{ id: 'vso.code_write', tier: 'high', highPrivilege: true }],
    verdict: 'warn',
    host: 'app.vssps.visualstudio.com',
    tenant: null,
    redirectHost: '127.0.0.1',
    startedAt: Date.now() - 60_000,
    endedAt: Date.now() - 30_000,
  };
  await seedConsents(context, [
    { ...base, id: 'a', outcome: 'approved', appName: 'Contoso Deploy Bot', publisher: 'Contoso Ltd' },
    { ...base, id: 'b', outcome: 'declined', appName: 'Abgelehnte App', publisher: null },
    { ...base, id: 'c', outcome: 'abandoned', appName: 'Abgebrochene App', publisher: null },
  ]);
  const popup = await openPopup(context, extensionId);
  const inventory = popup.getByRole('region', { name: 'In diesem Browser zugestimmt' });
  const approved = inventory.getByRole('listitem', { name: 'Contoso Deploy Bot' });
  await expect(approved).toContainText('Herausgeber laut Seite: Contoso Ltd');
  await expect(approved).toContainText('vso.code_write Hohes Risiko');
  await expect(approved).toContainText('Consent Guard warnte');
  // Signed out: the list is not loaded, so it says to sign in rather than that Azure DevOps does not list it.
  await expect(approved).toContainText('Melden Sie sich oben an (oder verwenden Sie ein Token), um sie über Azure DevOps zu widerrufen');
  await inventory.getByText('Ohne Zustimmung beendet (2)').click();
  await expect(inventory.locator('li[data-outcome="declined"]')).toContainText('Abgelehnte App Abgelehnt');
  await expect(inventory.locator('li[data-outcome="abandoned"]')).toContainText('Abgebrochene App Abgebrochen');
});
