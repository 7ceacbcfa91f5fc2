/**
 * "Approved in this browser" end to end: real authorization flows in Chromium (consent pages on the
 * Microsoft hosts, the decision answered with a 302 to a loopback redirect_uri), the background's consent
 * inventory following them, and the popup showing how each ended, with the way to revoke it.
 */
import type { Page, Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test } from './harness/extension';
import { authorizationDetails, sampleAuthorizations } from './harness/fake-ado-api';
import { adoAuthorize, entraAuthorize, flowRoutes, storedConsents } from './manager-flows';
import { BROWSER_OWN_TRAFFIC, openPopup, rows, setup } from './manager-helpers';

const ADO_CLIENT = 'c0c0c0c0-0000-4000-8000-000000000042';
const ENTRA_DECLINED = '3b1f2c4d-0000-4c5e-8f9a-112233445566';
const ENTRA_APPROVED = '9d9d9d9d-0000-4000-8000-000000000077';
const ADO_ABANDONED = 'abababab-0000-4000-8000-000000000099';
const DEPLOY_ID = '77777777-7777-4777-8777-777777777777';
const ADO_RESOURCE = '499b84ac-1321-427f-aa17-267ca6975798';

const APPS = {
  [ADO_CLIENT]: { name: 'Contoso Deploy Bot', publisher: 'Contoso Ltd' },
  [ENTRA_DECLINED]: { name: 'Fabrikam Release Helper', publisher: 'Fabrikam' },
  [ENTRA_APPROVED]: { name: 'Woodgrove Board Sync', publisher: 'Woodgrove' },
  [ADO_ABANDONED]: { name: 'Tailspin Reporter', publisher: 'Tailspin' },
};

/** The API lists the approved Azure DevOps OAuth app under its client id (registrationId), beside the sample apps. */
function listedDeployBot() {
  const details = authorizationDetails({ id: DEPLOY_ID, name: 'Contoso Deploy Bot', company: 'Contoso Ltd', scopes: 'vso.code_write vso.work' });
  (details.clientRegistration as { registrationId: string }).registrationId = ADO_CLIENT;
  details.authorization.registrationId = ADO_CLIENT;
  return details;
}

// The consent pages' buttons are pressed from the keyboard: the guard's warn banner lies over the page (as it should).

/** Until the guard has read the consent page (the app name it shows), the flow has nothing to record but the request. */
async function guardHasRead(page: Page, appName: string, worker: Worker) {
  await expect(page.getByText(appName).first()).toBeVisible();
  await expect
    .poll(
      () =>
        worker.evaluate(async () => {
          const chrome = (globalThis as unknown as { chrome: { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome;
          const pending = (await chrome.storage.session.get('consents.pending'))['consents.pending'] as Record<string, { appName: string | null }> | undefined;
          return Object.values(pending ?? {}).map((flow) => flow.appName);
        }),
      { timeout: 20_000 },
    )
    .toContain(appName);
}

test('an approved, a declined and an abandoned flow: each in the popup with its outcome, the approved ones with the way to revoke them; nothing leaves the browser', async ({
  context,
  extensionId,
  server,
  serviceWorker,
}) => {
  // Four flows and a revoke: more than the default 30 s on a busy machine.
  test.slow();
  const api = await setup(context, server, { authorizations: [listedDeployBot(), ...sampleAuthorizations()] });
  server.use(flowRoutes(APPS));
  const redirect = `http://127.0.0.1:${server.port}/callback`;
  const page = await context.newPage();

  // Approved: Azure DevOps OAuth, the code comes back in the query.
  await page.goto(adoAuthorize(ADO_CLIENT, 'vso.code_write vso.work', redirect, 'st-approve'));
  await guardHasRead(page, 'Contoso Deploy Bot', serviceWorker);
  await page.getByRole('button', { name: 'Accept' }).press('Enter');
  await page.waitForURL(/\/callback\?code=.*state=st-approve/);

  // Declined: Microsoft Entra ID, the user chose Cancel: error=access_denied.
  await page.goto(entraAuthorize(ENTRA_DECLINED, 'organizations', `${ADO_RESOURCE}/.default`, redirect, 'st-decline'));
  await guardHasRead(page, 'Fabrikam Release Helper', serviceWorker);
  await page.getByRole('button', { name: 'Cancel' }).press('Enter');
  await page.waitForURL(/error=access_denied/);

  // Approved: Entra ID with response_mode=fragment, a personal-or-work ("common") sign-in.
  await page.goto(`${entraAuthorize(ENTRA_APPROVED, 'common', `${ADO_RESOURCE}/user_impersonation`, redirect, 'st-fragment')}&response_mode=fragment`);
  await guardHasRead(page, 'Woodgrove Board Sync', serviceWorker);
  await page.getByRole('button', { name: 'Accept' }).press('Enter');
  await page.waitForURL(/\/callback#code=/);

  // Abandoned: the consent page's tab is closed without an answer.
  const other = await context.newPage();
  await other.goto(adoAuthorize(ADO_ABANDONED, 'vso.analytics', redirect, 'st-abandon'));
  await guardHasRead(other, 'Tailspin Reporter', serviceWorker);
  await other.close();

  await expect
    .poll(async () => (await storedConsents(serviceWorker)).map((record) => `${record.clientId} ${record.outcome}`).sort(), { timeout: 20_000 })
    .toEqual([`${ADO_ABANDONED} abandoned`, `${ADO_CLIENT} approved`, `${ENTRA_APPROVED} approved`, `${ENTRA_DECLINED} declined`].sort());
  const afterFlows = server.requests.length;

  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(7);
  const inventory = popup.getByRole('region', { name: 'Approved in this browser' });
  const approved = inventory.locator('li[data-outcome="approved"]');
  await expect(approved).toHaveCount(2);

  const deployBot = inventory.getByRole('listitem', { name: 'Contoso Deploy Bot' });
  await expect(deployBot).toContainText('Publisher as claimed: Contoso Ltd');
  await expect(deployBot).toContainText(`Client id: ${ADO_CLIENT}`);
  await expect(deployBot).toContainText('Azure DevOps OAuth');
  await expect(deployBot).toContainText('Consent Guard warned');
  await expect(deployBot).toContainText('vso.code_write High risk');
  await expect(deployBot).toContainText('answer sent to 127.0.0.1');

  const boardSync = inventory.getByRole('listitem', { name: 'Woodgrove Board Sync' });
  await expect(boardSync).toContainText('Microsoft Entra ID');
  await expect(boardSync).toContainText('Publisher as claimed: Woodgrove');
  await expect(boardSync.getByRole('link', { name: 'Revoke Woodgrove Board Sync in My Apps (work or school account)' })).toHaveAttribute(
    'href',
    'https://myapps.microsoft.com/',
  );
  await expect(boardSync.getByRole('link', { name: 'Revoke Woodgrove Board Sync on the Microsoft account page (personal account)' })).toBeVisible();

  // The ones that ended without approval, each with its outcome.
  await inventory.getByText('Ended without approval (2)').click();
  const declined = inventory.locator('li[data-outcome="declined"]');
  const abandoned = inventory.locator('li[data-outcome="abandoned"]');
  await expect(declined).toHaveCount(1);
  await expect(declined).toContainText('Fabrikam Release Helper');
  await expect(declined).toContainText('Declined');
  await expect(abandoned).toHaveCount(1);
  await expect(abandoned).toContainText('Tailspin Reporter');
  await expect(abandoned).toContainText('Abandoned');

  // Exported with the rest: the API's list and the inventory in one file.
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('group', { name: 'List actions' }).getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(exported.count).toBe(7);
  expect(exported.approvedInThisBrowser.map((record: { app: string; revokeAt: string }) => `${record.app} → ${record.revokeAt}`).sort()).toEqual([
    'Contoso Deploy Bot → azure-devops-api',
    'Woodgrove Board Sync → https://myapps.microsoft.com/',
  ]);
  expect(exported.endedWithoutApproval.map((record: { outcome: string }) => record.outcome).sort()).toEqual(['abandoned', 'declined']);

  // The Azure DevOps OAuth consent is revoked through the API, as the row of its client id.
  await deployBot.getByRole('button', { name: 'Revoke Contoso Deploy Bot through Azure DevOps' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Revoke access' }).click();
  await expect(popup.getByText('Revoked 1 of 1; it is no longer listed.')).toBeVisible();
  expect(api.calls.filter((call) => call.method === 'POST').map((call) => call.authorizationId)).toEqual([DEPLOY_ID]);
  await expect(rows(popup)).toHaveCount(6);
  await expect(deployBot).toContainText('Azure DevOps does not list an authorization for this app');

  // Nothing of the inventory left the browser: since the flows, the only requests were the API's.
  const since = server.requests.slice(afterFlows).filter((request) => !BROWSER_OWN_TRAFFIC.test(request.host));
  expect(since.length).toBeGreaterThan(0);
  for (const request of since) expect(`${request.host}${new URL(request.url).pathname}`).toBe('app.vssps.visualstudio.com/_apis/DelegatedAuth/Authorizations');
  expect(api.calls.every((call) => call.host === 'app.vssps.visualstudio.com')).toBe(true);
});

test('forgetting the records empties the inventory, for good', async ({ context, extensionId, server, serviceWorker }) => {
  await setup(context, server);
  server.use(flowRoutes(APPS));
  const redirect = `http://127.0.0.1:${server.port}/callback`;
  const page = await context.newPage();
  await page.goto(adoAuthorize(ADO_CLIENT, 'vso.work', redirect, 'st-forget'));
  await guardHasRead(page, 'Contoso Deploy Bot', serviceWorker);
  await page.getByRole('button', { name: 'Deny' }).press('Enter');
  await page.waitForURL(/error=access_denied/);
  await expect.poll(async () => (await storedConsents(serviceWorker)).map((record) => record.outcome), { timeout: 20_000 }).toEqual(['declined']);

  const popup = await openPopup(context, extensionId);
  const inventory = popup.getByRole('region', { name: 'Approved in this browser' });
  await expect(inventory).toContainText('No approved consent seen in this browser yet.');
  await expect(inventory.getByText('Ended without approval (1)')).toBeVisible();
  await inventory.getByRole('button', { name: 'Forget these records' }).click();
  await expect(inventory.getByText(/Ended without approval/)).toHaveCount(0);
  expect(await storedConsents(serviceWorker)).toEqual([]);
  const reopened = await openPopup(context, extensionId);
  await expect(reopened.getByRole('region', { name: 'Approved in this browser' })).toContainText('No approved consent seen in this browser yet.');
  await expect(reopened.getByText(/Ended without approval/)).toHaveCount(0);
});
