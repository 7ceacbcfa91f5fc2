/**
 * Signing in with personal access tokens after 2026-12-01, when a token is valid for one organization
 * only: a token of another organization, or a global one, is refused with a reason and nothing is kept;
 * several organizations are listed together, each row saying which one answered.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness/extension';
import { authorizationDetails } from './harness/fake-ado-api';
import { PAT, openPopup, rows, setup } from './manager-helpers';

const GLOBAL_PAT = 'globalpat9876543210zyxwvutsrqponmlkjihgfedcba9876543210';
const FABRIKAM_PAT = 'fabrikampat0123456789abcdefghijklmnopqrstuvwxyz012345';
const ORGANIZATION_LABEL = 'Organization (dev.azure.com/<organization>)';

async function storedText(popup: Page): Promise<string> {
  return popup.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { storage: { session: { get(): Promise<object> }; local: { get(): Promise<object> } } } }).chrome;
    return JSON.stringify([await chrome.storage.session.get(), await chrome.storage.local.get()]);
  });
}

async function useToken(form: ReturnType<Page['locator']>, organization: string, token: string) {
  await form.getByLabel(ORGANIZATION_LABEL).fill(organization);
  await form.getByLabel(/Personal access token/).fill(token);
  await form.getByRole('button', { name: 'Use token' }).click();
}

test('a token for the wrong organization, and a global token: refused with the reason, the fields kept, nothing stored', async ({
  context,
  extensionId,
  server,
}) => {
  const api = await setup(context, server, { signedIn: false, organizationTokens: { contoso: PAT }, pat: GLOBAL_PAT });
  const popup = await openPopup(context, extensionId);
  const form = popup.locator('.signed-out form.token-form');
  // The form says why it asks for the organization.
  await expect(form).toContainText(
    /Since Dec 1, 2026 Azure DevOps accepts a personal access token only in the organization it was created in: global tokens no longer work/,
  );

  // Contoso's token, named as fabrikam's.
  await useToken(form, 'fabrikam', PAT);
  const alert = form.getByRole('alert');
  await expect(alert).toHaveText(
    'Azure DevOps (fabrikam) refused this token (401). A token works only in the organization it was created in, and global tokens stopped working on 1 December 2026: check that the token comes from dev.azure.com/fabrikam, has the scope vso.tokens and has not expired.',
  );
  // The organization field is marked invalid and points to the reason; what was typed stays for correcting.
  await expect(form.getByLabel(ORGANIZATION_LABEL)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel(ORGANIZATION_LABEL)).toHaveAccessibleDescription(/refused this token/);
  await expect(form.getByLabel(ORGANIZATION_LABEL)).toHaveValue('fabrikam');

  // A global token (valid on the organization-less host before 2026-12-01) is refused by the organization too.
  await useToken(form, 'contoso', GLOBAL_PAT);
  await expect(alert).toContainText('Azure DevOps (contoso) refused this token (401).');

  // Each token was tried once, on its organization's own host only, and refused there.
  const tokenCalls = api.calls.filter((call) => call.auth === 'pat');
  expect(tokenCalls).toEqual([
    expect.objectContaining({ host: 'vssps.dev.azure.com', organization: 'fabrikam', accepted: false }),
    expect.objectContaining({ host: 'vssps.dev.azure.com', organization: 'contoso', accepted: false }),
  ]);
  const withAuthorization = server.requests.filter((request) => request.headers.authorization !== undefined);
  expect(new Set(withAuthorization.map((request) => request.host))).toEqual(new Set(['vssps.dev.azure.com']));

  // Nothing kept: neither token in either storage area, no organization signed in, and a reopened popup sends no token.
  const stored = await storedText(popup);
  expect(stored).not.toContain(PAT);
  expect(stored).not.toContain(GLOBAL_PAT);
  expect(stored).not.toContain('manager.tokens');
  await expect(rows(popup)).toHaveCount(0);
  const reopened = await openPopup(context, extensionId);
  await expect(reopened.getByRole('button', { name: 'Sign in to Azure DevOps' })).toBeVisible();
  await reopened.getByText('Advanced').click();
  await expect(reopened.getByText('Organizations signed in with a token')).toHaveCount(0);
  expect(api.calls.filter((call) => call.auth === 'pat')).toHaveLength(2);
});

test('two organizations with their own tokens: listed together, each row says who answered; a revoke goes to the organization that listed it', async ({
  context,
  extensionId,
  server,
}) => {
  const contosoOnly = authorizationDetails({ id: '10000000-0000-4000-8000-00000000c001', name: 'Contoso Wiki Bot', company: 'Contoso', scopes: 'vso.wiki' });
  const fabrikamOnly = authorizationDetails({
    id: '20000000-0000-4000-8000-00000000f001',
    name: 'Fabrikam Build Lens',
    company: 'Fabrikam',
    scopes: 'vso.build',
  });
  const shared = authorizationDetails({ id: '30000000-0000-4000-8000-0000000000aa', name: 'Shared Dashboard', company: 'Woodgrove', scopes: 'vso.work' });
  const api = await setup(context, server, {
    signedIn: false,
    organizationTokens: { contoso: PAT, fabrikam: FABRIKAM_PAT },
    organizationAuthorizations: { contoso: [contosoOnly, shared], fabrikam: [fabrikamOnly, shared] },
  });
  const popup = await openPopup(context, extensionId);
  await useToken(popup.locator('.signed-out form.token-form'), 'contoso', PAT);
  await expect(rows(popup)).toHaveCount(2);
  await expect(popup.getByText("This browser is not signed in to Azure DevOps: the list shows what your tokens' organizations answered.")).toBeVisible();

  await popup.getByText('Advanced').click();
  const advanced = popup.locator('details.advanced');
  await useToken(advanced.locator('form.token-form'), 'Fabrikam', FABRIKAM_PAT);
  await expect(advanced.getByRole('status')).toHaveText('Signed in to fabrikam with the token.');
  await expect(rows(popup)).toHaveCount(3);
  await expect(popup.getByText('Listed through: contoso, fabrikam.')).toBeVisible();
  const row = (name: string) => popup.getByRole('listitem', { name });
  await expect(row('Contoso Wiki Bot')).toContainText('Answered by: contoso');
  await expect(row('Fabrikam Build Lens')).toContainText('Answered by: fabrikam');
  await expect(row('Shared Dashboard')).toContainText('Answered by: contoso, fabrikam');
  await expect(advanced.getByRole('listitem')).toHaveText([
    'contoso · a personal access token for this session Forget the token for contoso',
    'fabrikam · a personal access token for this session Forget the token for fabrikam',
  ]);

  // The revoke goes through the token of the organization that listed it.
  await popup.getByRole('button', { name: 'Revoke Fabrikam Build Lens' }).click();
  await popup.getByRole('alertdialog').getByRole('button', { name: 'Revoke access' }).click();
  await expect(popup.getByText('Revoked 1 of 1; it is no longer listed.')).toBeVisible();
  const revokes = api.calls.filter((call) => call.method === 'POST');
  expect(revokes).toEqual([
    expect.objectContaining({ organization: 'fabrikam', auth: 'pat', accepted: true, authorizationId: '20000000-0000-4000-8000-00000000f001' }),
  ]);
  await expect(rows(popup)).toHaveCount(2);

  // Forgetting one organization's token drops what only it listed.
  await advanced.getByRole('button', { name: 'Forget the token for contoso' }).click();
  await expect(rows(popup)).toHaveCount(1);
  await expect(row('Shared Dashboard')).toContainText('Answered by: fabrikam');
  expect(await storedText(popup)).not.toContain(PAT);
});
