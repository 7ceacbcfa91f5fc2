// @vitest-environment happy-dom
/**
 * "Approved in this browser" (src/popup/ConsentInventory.tsx): each consent with its outcome, what the
 * consent page claimed (as text only), the risk of each scope in words, and the way to revoke it.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toView } from '../../src/manager/model';
import type { AuthorizationDetails } from '../../src/manager/api/schemas';
import type { ConsentRecord } from '../../src/messaging/manager-messages';
import { ConsentInventory } from '../../src/popup/ConsentInventory';
import { authorizationDetails } from '../e2e/harness/fake-ado-api';

afterEach(cleanup);

const ADO_CLIENT = 'c0c0c0c0-0000-4000-8000-000000000042';
let serial = 0;
function record(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  serial += 1;
  return {
    id: `rec-${serial}`,
    outcome: 'approved',
    kind: 'azure-devops-oauth',
    flow: 'azure-devops-oauth',
    appName: 'Contoso Deploy Bot',
    publisher: 'Contoso Ltd',
    clientId: ADO_CLIENT,
    scopes: [
      { id: 'vso.code_write', tier: 'high', highPrivilege: true },
      { id: 'vso.work', tier: 'low', highPrivilege: false },
    ],
    verdict: 'warn',
    host: 'app.vssps.visualstudio.com',
    tenant: null,
    redirectHost: 'deploybot.contoso.example',
    startedAt: Date.UTC(2026, 11, 2, 9, 0),
    endedAt: Date.UTC(2026, 11, 2, 9, 1),
    ...overrides,
  };
}

const listed = (() => {
  const details = authorizationDetails({ id: '77777777-7777-4777-8777-777777777777', name: 'Deploy Bot (API name)', scopes: 'vso.code_write vso.work' });
  (details.clientRegistration as { registrationId: string }).registrationId = ADO_CLIENT;
  details.authorization.registrationId = ADO_CLIENT;
  return toView(details as unknown as AuthorizationDetails, Date.UTC(2026, 11, 3));
})();

function show(records: ConsentRecord[], options: { listLoaded?: boolean; views?: (typeof listed)[]; busy?: boolean } = {}) {
  const onRevoke = vi.fn();
  const onForget = vi.fn();
  const onExport = vi.fn();
  render(
    <ConsentInventory
      records={records}
      views={options.views ?? [listed]}
      listLoaded={options.listLoaded ?? true}
      busy={options.busy ?? false}
      onRevoke={onRevoke}
      onForget={onForget}
      onExport={onExport}
    />,
  );
  return { onRevoke, onForget, onExport };
}

const approvedItems = () => [...document.querySelectorAll<HTMLElement>('li[data-outcome="approved"]')];

describe('approved in this browser', () => {
  it('shows each approved consent with the app, publisher as claimed, client id, kind, verdict at the time and the scopes’ risk in words', () => {
    show([record()]);
    expect(approvedItems()).toHaveLength(1);
    const [item] = approvedItems();
    const row = within(item!);
    // The app's name heads its entry (a screen reader's heading list names each consent).
    expect(row.getAllByRole('heading').map((heading) => heading.textContent)).toEqual(['Contoso Deploy Bot']);
    expect(item!.textContent).toContain('Publisher as claimed: Contoso Ltd');
    expect(item!.textContent).toContain(`Client id: ${ADO_CLIENT}`);
    expect(item!.textContent).toContain('Azure DevOps OAuth');
    expect(item!.textContent).toContain('Consent Guard warned');
    expect(item!.textContent).toContain('answer sent to deploybot.contoso.example');
    const scopes = row.getByLabelText('Permissions approved');
    expect(scopes.textContent).toContain('vso.code_write High risk');
    expect(scopes.textContent).toContain('vso.work Low risk');
    // The row's own risk is the worst scope's.
    expect(item!.querySelector('.badges .tier')?.textContent).toBe('High risk');
  });

  it('an Azure DevOps OAuth consent the API lists is revoked through the API rows of its client id', () => {
    const { onRevoke } = show([record()]);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Contoso Deploy Bot through Azure DevOps' }));
    expect(onRevoke).toHaveBeenCalledWith([listed.id]);
  });

  it('while a revoke runs, its button waits', () => {
    show([record()], { busy: true });
    expect((screen.getByRole('button', { name: 'Revoke Contoso Deploy Bot through Azure DevOps' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('one the API does not list says so; before the list is loaded it says to sign in, not that it is missing', () => {
    show([record()], { views: [] });
    expect(screen.queryByRole('button', { name: /through Azure DevOps/ })).toBeNull();
    expect(approvedItems()[0]!.textContent).toContain('Azure DevOps does not list an authorization for this app');
    cleanup();
    show([record()], { views: [], listLoaded: false });
    expect(approvedItems()[0]!.textContent).toContain('Sign in above (or use a token) to revoke it through Azure DevOps');
    expect(approvedItems()[0]!.textContent).not.toContain('does not list');
  });

  it('Entra consents link where they are revoked: My Apps for a work tenant, the account page for a personal account, both for "common"', () => {
    show([
      record({ kind: 'entra', flow: 'entra-v2', appName: 'Work App', host: 'login.microsoftonline.com', tenant: 'contoso.onmicrosoft.com' }),
      record({ kind: 'entra', flow: 'entra-v2', appName: 'Home App', host: 'login.microsoftonline.com', tenant: 'consumers' }),
      record({ kind: 'entra', flow: 'entra-v2', appName: 'Any App', host: 'login.microsoftonline.com', tenant: 'common' }),
    ]);
    const link = (name: string) => screen.getByRole('link', { name }).getAttribute('href');
    expect(link('Revoke Work App in My Apps (work or school account)')).toBe('https://myapps.microsoft.com/');
    expect(screen.queryByRole('link', { name: /Revoke Work App on the Microsoft account page/ })).toBeNull();
    expect(link('Revoke Home App on the Microsoft account page (personal account)')).toBe('https://account.live.com/consent/Manage');
    expect(screen.queryByRole('link', { name: /Revoke Home App in My Apps/ })).toBeNull();
    expect(link('Revoke Any App in My Apps (work or school account)')).toBe('https://myapps.microsoft.com/');
    expect(link('Revoke Any App on the Microsoft account page (personal account)')).toBe('https://account.live.com/consent/Manage');
    for (const anchor of document.querySelectorAll('a')) expect(anchor.getAttribute('rel')).toContain('noopener');
    expect(screen.queryByRole('button', { name: /through Azure DevOps/ })).toBeNull();
  });

  it('page-controlled names are text, never markup; a consent page that showed no name is named by its client id', () => {
    show([record({ appName: '<img src=x onerror="window.pwned=1">Bot', publisher: '<b>Microsoft</b>' }), record({ appName: null, publisher: null })]);
    expect(document.querySelector('img, b')).toBeNull();
    expect(approvedItems().map((item) => within(item).getByRole('heading').textContent)).toEqual([
      '<img src=x onerror="window.pwned=1">Bot',
      `App with client id ${ADO_CLIENT}`,
    ]);
    expect(document.body.textContent).toContain('The consent page showed no publisher');
  });
});

describe('consents that ended without approval', () => {
  it('declined and abandoned ones are listed apart, each with its outcome, and not offered for revoking', () => {
    show([record(), record({ outcome: 'declined', appName: 'Declined App' }), record({ outcome: 'abandoned', appName: 'Abandoned App' })]);
    expect(approvedItems()).toHaveLength(1);
    const others = screen.getByText('Ended without approval (2)').closest('details');
    // Folded away under their count: the approved ones are what the user acts on.
    expect(others?.open).toBe(false);
    const declined = others!.querySelector<HTMLElement>('[data-outcome="declined"]');
    const abandoned = others!.querySelector<HTMLElement>('[data-outcome="abandoned"]');
    expect(declined?.textContent).toContain('Declined App');
    expect(declined?.textContent).toContain('Declined');
    expect(abandoned?.textContent).toContain('Abandoned App');
    expect(abandoned?.textContent).toContain('Abandoned');
    expect(within(others!).queryAllByRole('button')).toHaveLength(0);
  });

  it('with none approved it says so, and offers to forget the records', () => {
    const { onForget } = show([record({ outcome: 'abandoned' })]);
    const section = screen.getByRole('region', { name: 'Approved in this browser' });
    // The sentence stands where the list would be; no empty list is announced.
    expect(within(section).queryByRole('list', { name: 'Approved in this browser' })).toBeNull();
    within(section).getByText('No approved consent seen in this browser yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Forget these records' }));
    expect(onForget).toHaveBeenCalledTimes(1);
  });

  it('exports from here when the API list (with its own export) is not shown', () => {
    const { onExport } = show([record()]);
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(onExport.mock.calls).toEqual([['json'], ['csv']]);
  });
});
