// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../../src/manager/api/errors';
import { SIGN_IN_URL } from '../../src/manager/settings';
import type { ConsentRecord, ManagerListResponse, ManagerSource, RevokeJob } from '../../src/messaging/manager-messages';
import { Manager } from '../../src/popup/Manager';
import type { ManagerApi, RevokeTargetInput } from '../../src/popup/manager-api';
import { sampleAuthorizations, SAMPLE_IDS, type FakeDetails } from '../e2e/harness/fake-ado-api';
import type { AuthorizationDetails } from '../../src/manager/api/schemas';

// The popup's real client talks to the background through the platform module; these tests inject their own.

afterEach(cleanup);

const source: ManagerSource = {
  key: 'session',
  organization: null,
  baseUrl: 'https://app.vssps.visualstudio.com',
  apiVersion: '5.0',
  auth: 'session',
  tokenRemembered: false,
  browser: 'chromium',
};
const statusOf = (job: RevokeJob | null) => ({ job, settings: { organization: '', apiVersion: '' }, sources: [source], legacyToken: false });

/** An in-memory background: a list, revoke outcomes per id, and a log of calls. */
function fakeApi(options: { list?: FakeDetails[]; error?: ApiError; fail?: Record<string, string>; consents?: ConsentRecord[] } = {}) {
  const items = new Map((options.list ?? sampleAuthorizations()).map((details) => [details.authorization.authorizationId, details]));
  const revoked: string[][] = [];
  let job: RevokeJob | null = null;
  const api: ManagerApi = {
    list: vi.fn(async (): Promise<ManagerListResponse> => ({
      results: [
        options.error
          ? { ok: false, error: options.error, source }
          : { ok: true, authorizations: [...items.values()] as unknown as AuthorizationDetails[], source },
      ],
      fetchedAt: Date.now(),
    })),
    revoke: vi.fn(async (targets: readonly RevokeTargetInput[]) => {
      const ids = targets.map((target) => target.id);
      revoked.push([...ids]);
      const results = ids.map((id) => {
        const reason = options.fail?.[id];
        if (reason) return { id, state: 'failed' as const, reason };
        items.delete(id);
        return { id, state: 'revoked' as const };
      });
      job = { jobId: 'j', startedAt: 1, finishedAt: 2, items: results };
      return { ok: true as const, job };
    }),
    status: vi.fn(async () => statusOf(job)),
    saveSettings: vi.fn(async () => ({ ok: true as const })),
    setToken: vi.fn(async () => ({ ok: true as const })),
    clearToken: vi.fn(async () => ({ ok: true as const })),
    consents: vi.fn(async () => ({ records: options.consents ?? [] })),
    forgetConsents: vi.fn(async () => ({ ok: true as const })),
    openTab: vi.fn(async () => undefined),
  };
  return { api, revoked, items };
}

const rows = () => screen.getAllByRole('listitem').filter((item) => item.hasAttribute('data-authorization-id'));
/** What the popup's live region says (a screen reader reads it out as it changes). */
const announced = () => screen.getAllByRole('status').find((region) => region.getAttribute('aria-live') === 'polite')?.textContent;

describe('the authorization list', () => {
  it('lists every authorization, riskiest first, with tier, publisher, dates, use and validity', async () => {
    const { api } = fakeApi();
    render(<Manager api={api} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    expect(rows().map((row) => within(row).getByRole('heading').textContent)).toEqual([
      'Everything App',
      'Deploy Bot',
      // An unknown scope ranks above medium: we cannot tell what it allows.
      '<img src=x onerror="window.pwned=1">Helper',
      'Backlog Sync',
      'Pipeline Insights',
      'Old Reporter',
    ]);
    const everything = rows()[0]!;
    expect(everything.textContent).toContain('Critical');
    expect(everything.textContent).toContain('Full access');
    expect(everything.textContent).toContain('By Woodgrove');
    expect(rows()[3]!.textContent).toContain('Never used');
    expect(rows()[5]!.textContent).toContain('Expired');
    // Dates in the browser's language (English outside an extension).
    expect(rows()[4]!.textContent).toMatch(/Granted Jan 15, 2025 · Expires Jan 15, 2099 · Used · Valid/);
    const list = screen.getByRole('region', { name: 'Authorized apps' });
    expect(within(list).getByText(/^6 authorizations:/).textContent).toBe(
      '6 authorizations: 2 high privilege, 1 full access, 2 stale (never used, expired or no longer valid).',
    );
  });

  it('renders API strings as text: no injected element, no non-https link', async () => {
    const { api } = fakeApi();
    const { container } = render(<Manager api={api} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    expect(container.querySelector('img')).toBeNull();
    const hostile = rows().find((row) => row.getAttribute('data-authorization-id') === SAMPLE_IDS.hostile)!;
    expect(within(hostile).queryByRole('link')).toBeNull();
    const hrefs = [...container.querySelectorAll('a:not([href^="#"])')].map((link) => link.getAttribute('href'));
    expect(hrefs.every((href) => href?.startsWith('https://'))).toBe(true);
  });

  it('explains what each scope lets the app do on request', async () => {
    const { api } = fakeApi();
    render(<Manager api={api} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    const deploy = rows()[1]!;
    const details = within(deploy).getByRole('button', { name: 'What can it do?' });
    fireEvent.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    expect(details.textContent).toBe('Hide details');
    // Every scope the app holds, each with what it allows.
    expect([...deploy.querySelectorAll('.cg-scope code')].map((code) => code.textContent)).toEqual(['vso.code_full', 'vso.release_manage', 'vso.tokens']);
    expect(deploy.querySelector('[data-scope="vso.tokens"]')?.textContent).toContain('create or rotate the secrets of the OAuth apps');
    expect(deploy.textContent).toContain('In the wrong hands');
    expect(deploy.querySelector('.cg-includes')?.textContent).toMatch(/These permissions also include: .*\(vso\.code_write\)/);
  });

  it('filters by name and by risk', async () => {
    const { api } = fakeApi();
    render(<Manager api={api} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.input(screen.getByLabelText('Filter by name'), { target: { value: 'deploy' } });
    expect(rows().map((row) => within(row).getByRole('heading').textContent)).toEqual(['Deploy Bot']);
    fireEvent.input(screen.getByLabelText('Filter by name'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'stale' } });
    expect(rows().map((row) => within(row).getByRole('heading').textContent)).toEqual(['Backlog Sync', 'Old Reporter']);
  });
});

describe('revoking', () => {
  it('confirms with the app and the access it loses, keeps focus in the dialog, and Escape changes nothing', async () => {
    const { api } = fakeApi();
    render(<Manager api={api} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Deploy Bot' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Revoke Deploy Bot?');
    expect(dialog.textContent).toContain('Delegated Authorization Tokens (vso.tokens)');
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.revoke).not.toHaveBeenCalled();
  });

  it('revokes after confirmation, re-lists, and says it is gone', async () => {
    const { api, revoked } = fakeApi();
    render(<Manager api={api} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Deploy Bot' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke access' }));
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(revoked).toEqual([[SAMPLE_IDS.deploy]]);
    expect(api.list).toHaveBeenCalledTimes(2);
    expect(screen.queryByText('Deploy Bot')).toBeNull();
    expect(announced()).toBe('Revoked 1 of 1; it is no longer listed.');
  });

  it('revokes several selected; a failure stays in the list with its reason', async () => {
    const { api, revoked } = fakeApi({ fail: { [SAMPLE_IDS.backlog]: 'Azure DevOps rejected the request (400): AccessDenied' } });
    render(<Manager api={api} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'stale' } });
    fireEvent.click(screen.getByLabelText('Select all shown'));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke selected (2)' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('Old Reporter');
    fireEvent.click(screen.getByRole('button', { name: 'Revoke 2 apps' }));
    await waitFor(() =>
      expect(announced()).toBe('Revoked 1 of 2; it is no longer listed. 1 not revoked: Azure DevOps rejected the request (400): AccessDenied'),
    );
    expect(revoked).toEqual([[SAMPLE_IDS.backlog, SAMPLE_IDS.reporter]]);
    const remaining = rows().map((row) => row.getAttribute('data-authorization-id'));
    expect(remaining).toEqual([SAMPLE_IDS.backlog]);
    expect(rows()[0]!.textContent).toContain('Not revoked: Azure DevOps rejected the request (400): AccessDenied');
  });
});

describe('reopening the popup', () => {
  it('shows how a revoke that ran while the popup was closed ended, failures on their rows', async () => {
    const { api } = fakeApi();
    const finished: RevokeJob = {
      jobId: 'j',
      startedAt: Date.now() - 2000,
      finishedAt: Date.now() - 1000,
      items: [{ id: SAMPLE_IDS.pipeline, state: 'failed', reason: 'Azure DevOps had a server error (500). Try again later.' }],
    };
    api.status = vi.fn(async () => statusOf(finished));
    render(<Manager api={api} />);
    const row = await waitFor(() => {
      const found = rows().find((item) => item.getAttribute('data-authorization-id') === SAMPLE_IDS.pipeline);
      if (!found) throw new Error('not yet');
      return found;
    });
    await waitFor(() => expect(row.textContent).toContain('Not revoked: Azure DevOps had a server error (500).'));
    // Only what is true: nothing was revoked, and why.
    expect(announced()).toBe('Nothing was revoked: Azure DevOps had a server error (500). Try again later.');
    expect(screen.queryByText(/no longer listed/)).toBeNull();
  });

  it('keeps Tab inside the confirmation dialog', async () => {
    const { api } = fakeApi();
    render(<Manager api={api} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Deploy Bot' }));
    const dialog = screen.getByRole('alertdialog');
    const confirm = within(dialog).getByRole('button', { name: 'Revoke access' });
    confirm.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement?.textContent).toBe('Cancel');
  });
});

describe('states', () => {
  it('signed out: offers sign-in in a tab and token entry', async () => {
    const { api } = fakeApi({ error: { kind: 'signed-out', status: 401 } });
    render(<Manager api={api} />);
    const signIn = await screen.findByRole('button', { name: 'Sign in to Azure DevOps' });
    fireEvent.click(signIn);
    expect(api.openTab).toHaveBeenCalledWith(SIGN_IN_URL);
    const token = screen.getAllByLabelText(/Personal access token/)[0] as HTMLInputElement;
    const form = token.closest('form')!;
    expect(form.textContent).toMatch(/accepts a personal access token only in the organization it was created in: global tokens no longer work/);
    fireEvent.input(within(form).getByLabelText(/Organization/), { target: { value: 'https://dev.azure.com/Fabrikam/' } });
    fireEvent.input(token, { target: { value: 'x'.repeat(52) } });
    fireEvent.click(within(form).getByLabelText('Remember on this device'));
    fireEvent.submit(form);
    await waitFor(() => expect(api.setToken).toHaveBeenCalledWith('Fabrikam', 'x'.repeat(52), true));
  });

  it('a token its organization refused: the form says why and keeps the fields', async () => {
    const { api } = fakeApi({ error: { kind: 'signed-out', status: 401 } });
    api.setToken = vi.fn(async () => ({ ok: false as const, reason: 'Azure DevOps (contoso) refused this token (401).' }));
    render(<Manager api={api} />);
    await screen.findByRole('button', { name: 'Sign in to Azure DevOps' });
    const form = (screen.getAllByLabelText(/Personal access token/)[0] as HTMLInputElement).closest('form')!;
    fireEvent.input(within(form).getByLabelText(/Organization/), { target: { value: 'contoso' } });
    fireEvent.input(within(form).getByLabelText(/Personal access token/), { target: { value: 'y'.repeat(52) } });
    fireEvent.submit(form);
    expect((await within(form).findByRole('alert')).textContent).toBe('Azure DevOps (contoso) refused this token (401).');
    expect((within(form).getByLabelText(/Organization/) as HTMLInputElement).value).toBe('contoso');
  });

  it('unexpected shape: says so and that nothing changed', async () => {
    const { api } = fakeApi({ error: { kind: 'unexpected-shape', detail: 'Unexpected value at value.0.authorization.authorizationId.' } });
    render(<Manager api={api} />);
    const state = (await screen.findByRole('heading', { name: 'Unexpected answer' })).parentElement!;
    expect(within(state).getByText(/^Azure DevOps answered/).textContent).toBe(
      'Azure DevOps answered in a form this version does not understand. Nothing was changed.',
    );
    // The detail is for a bug report; the user can try again.
    expect(state.textContent).toContain('Unexpected value at value.0.authorization.authorizationId.');
    within(state).getByRole('button', { name: 'Try again' });
  });

  it('throttled: tells when to try again', async () => {
    const { api } = fakeApi({ error: { kind: 'throttled', retryAfterSeconds: 120 } });
    render(<Manager api={api} />);
    const state = (await screen.findByRole('heading', { name: 'Azure DevOps asked us to wait' })).parentElement!;
    expect(within(state).getByText(/^Too many requests/).textContent).toMatch(/^Too many requests\. Try again after \S.* \(in 120 s\)\.$/);
  });

  it('offline and failed states offer a retry', async () => {
    const { api } = fakeApi({ error: { kind: 'network' } });
    render(<Manager api={api} />);
    const state = (await screen.findByRole('heading', { name: 'Azure DevOps is out of reach' })).parentElement!;
    expect(within(state).getByText(/could not be reached/).textContent).toBe('Azure DevOps could not be reached. Check your connection.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(api.list).toHaveBeenCalledTimes(2));
  });

  it('empty: says no app is authorized; the Entra note links to My Apps', async () => {
    const { api } = fakeApi({ list: [] });
    render(<Manager api={api} />);
    const empty = (await screen.findByRole('heading', { name: 'No authorized apps' })).parentElement!;
    expect(within(empty).getByText(/^No app holds/).textContent).toBe('No app holds an Azure DevOps OAuth authorization on this account.');
    expect(screen.queryAllByRole('listitem').filter((item) => item.hasAttribute('data-authorization-id'))).toEqual([]);
    expect(screen.getByRole('link', { name: 'My Apps' }).getAttribute('href')).toBe('https://myapps.microsoft.com/');
  });

  it('exports the shown list as CSV and JSON', async () => {
    const { api } = fakeApi();
    const download = vi.fn();
    render(<Manager api={api} download={download} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    const [csvCall, jsonCall] = download.mock.calls;
    expect(csvCall?.[0]).toMatch(/^azure-devops-authorizations-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(String(csvCall?.[1]).trim().split('\r\n')).toHaveLength(7);
    expect(JSON.parse(String(jsonCall?.[1])).count).toBe(6);
  });
});

describe('a revoke that waits out Retry-After', () => {
  it('the row says Azure DevOps asked to wait and until when; once that time has passed it says revoking again', async () => {
    const { api, items } = fakeApi();
    let clock = Date.UTC(2026, 11, 3, 12, 0, 0);
    const until = clock + 30_000;
    let finish: (value: { ok: true; job: RevokeJob }) => void = () => undefined;
    api.revoke = vi.fn(() => new Promise<{ ok: true; job: RevokeJob }>((resolve) => (finish = resolve)));
    const waiting: RevokeJob = { jobId: 'j', startedAt: clock, finishedAt: null, items: [{ id: SAMPLE_IDS.deploy, state: 'waiting', waitUntil: until }] };
    render(<Manager api={api} now={() => clock} pollMs={5} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    api.status = vi.fn(async () => statusOf(waiting));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Deploy Bot' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke access' }));
    const row = () => rows().find((item) => item.getAttribute('data-authorization-id') === SAMPLE_IDS.deploy)!;
    await waitFor(() => expect(row().textContent).toMatch(/Azure DevOps asked us to wait \(Retry-After\): trying again at \S+/));
    expect(row().textContent).not.toContain('Revoking…');
    clock = until + 1;
    await waitFor(() => expect(row().textContent).toContain('Revoking…'));
    expect(row().textContent).not.toContain('asked us to wait');
    items.delete(SAMPLE_IDS.deploy);
    finish({ ok: true, job: { ...waiting, finishedAt: clock, items: [{ id: SAMPLE_IDS.deploy, state: 'revoked' }] } });
    await waitFor(() => expect(announced()).toBe('Revoked 1 of 1; it is no longer listed.'));
  });
});

describe('the consents approved in this browser, in the popup', () => {
  const consent: ConsentRecord = {
    id: 'c1',
    outcome: 'approved',
    kind: 'entra',
    flow: 'entra-v2',
    appName: 'Release Helper',
    publisher: 'Fabrikam',
    clientId: '3b1f2c4d-0000-4c5e-8f9a-112233445566',
    scopes: [{ id: '.default', tier: 'critical', highPrivilege: true }],
    verdict: 'ok',
    host: 'login.microsoftonline.com',
    tenant: 'common',
    redirectHost: '127.0.0.1',
    startedAt: 1,
    endedAt: 2,
  };

  it('are exported with the API list', async () => {
    const { api } = fakeApi({ consents: [consent, { ...consent, id: 'c2', outcome: 'declined' }] });
    const download = vi.fn();
    render(<Manager api={api} download={download} />);
    await waitFor(() => expect(rows()).toHaveLength(6));
    await screen.findByRole('heading', { name: 'Release Helper' });
    fireEvent.click(screen.getAllByRole('button', { name: 'Export JSON' })[0]!);
    const exported = JSON.parse(String(download.mock.calls[0]?.[1]));
    expect(exported.count).toBe(6);
    expect(exported.approvedInThisBrowser).toMatchObject([{ app: 'Release Helper', consentKind: 'entra', revokeAt: 'https://myapps.microsoft.com/' }]);
    expect(exported.endedWithoutApproval).toMatchObject([{ outcome: 'declined' }]);
  });

  it('signed out: still shown, exported from their own section, and an Azure DevOps consent asks to sign in before it can be revoked', async () => {
    const adoConsent: ConsentRecord = {
      ...consent,
      id: 'c3',
      kind: 'azure-devops-oauth',
      flow: 'azure-devops-oauth',
      appName: 'Deploy Bot',
      host: 'app.vssps.visualstudio.com',
      tenant: null,
    };
    const { api } = fakeApi({ error: { kind: 'signed-out', status: 401 }, consents: [consent, adoConsent] });
    const download = vi.fn();
    render(<Manager api={api} download={download} />);
    await screen.findByRole('button', { name: 'Sign in to Azure DevOps' });
    const item = (await screen.findByRole('heading', { name: 'Deploy Bot' })).closest('li')!;
    expect(item.textContent).toContain('Sign in above (or use a token) to revoke it through Azure DevOps');
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const lines = String(download.mock.calls[0]?.[1]).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((line) => line.includes('approved-in-this-browser'))).toBe(true);
  });
});

describe('the token form', () => {
  it('links to where the named organization makes its tokens, once the name is one', async () => {
    const { api } = fakeApi({ error: { kind: 'signed-out', status: 401 } });
    render(<Manager api={api} />);
    await screen.findByRole('button', { name: 'Sign in to Azure DevOps' });
    const form = (screen.getAllByLabelText(/Personal access token/)[0] as HTMLInputElement).closest('form')!;
    expect(within(form).queryByRole('link')).toBeNull();
    fireEvent.input(within(form).getByLabelText(/Organization/), { target: { value: 'https://dev.azure.com/Fabrikam/_git/repo' } });
    const link = within(form).getByRole('link', { name: 'Create a token in fabrikam (dev.azure.com, opens a tab)' });
    expect(link.getAttribute('href')).toBe('https://dev.azure.com/fabrikam/_usersSettings/tokens');
    fireEvent.input(within(form).getByLabelText(/Organization/), { target: { value: 'not an organization!' } });
    expect(within(form).queryByRole('link')).toBeNull();
  });
});
