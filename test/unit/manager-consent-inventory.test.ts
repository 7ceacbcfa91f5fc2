/**
 * The consent inventory over in-memory storage areas: what each ended flow leaves behind, what the
 * consent page claimed, and that page-controlled or corrupted data cannot break it.
 */
import { describe, expect, it } from 'vitest';
import { CONSENT_FLOW_TTL_MS } from '../../src/manager/consent-outcome';
import { CONSENT_KEYS, MAX_CONSENT_RECORDS, createConsentInventory } from '../../src/manager/consent-inventory';

function memoryArea(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (key: string) => structuredClone(data.get(key)),
    set: async (key: string, value: unknown) => void data.set(key, structuredClone(value)),
    remove: async (key: string) => void data.delete(key),
  };
}

const REDIRECT = 'http://127.0.0.1:53682/callback';
const ADO = `https://app.vssps.visualstudio.com/oauth2/authorize?${new URLSearchParams({
  client_id: '7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11',
  response_type: 'Assertion',
  scope: 'vso.code_write vso.work',
  redirect_uri: REDIRECT,
  state: 'st-1',
})}`;
const ENTRA = `https://login.microsoftonline.com/consumers/oauth2/v2.0/authorize?${new URLSearchParams({
  client_id: '3b1f2c4d-0000-4c5e-8f9a-112233445566',
  response_type: 'code',
  scope: 'https://app.vssps.visualstudio.com/user_impersonation',
  redirect_uri: REDIRECT,
  state: 'st-2',
})}`;

function setup(initialLocal: Record<string, unknown> = {}) {
  let clock = 1_700_000_000_000;
  let serial = 0;
  const session = memoryArea();
  const local = memoryArea(initialLocal);
  const inventory = createConsentInventory({ session, local, now: () => clock, randomId: () => `r${++serial}` });
  return {
    inventory,
    session,
    local,
    advance: (ms: number) => {
      clock += ms;
    },
    get now() {
      return clock;
    },
  };
}

describe('the consent inventory', () => {
  it('an approved Azure DevOps OAuth flow: the app and publisher the page showed, the scopes with their risk, the worst verdict, the dates', async () => {
    const { inventory, advance, now } = setup();
    const started = now;
    await inventory.navigation(1, ADO, true);
    await inventory.pageView(1, { url: ADO, verdict: 'warn', appName: 'Contoso\u202e Deploy Bot', publisher: 'Contoso Ltd' });
    // A later view of the same page that found nothing new keeps what was seen.
    await inventory.pageView(1, { url: ADO, verdict: 'ok', appName: null, publisher: null });
    advance(5_000);
    await inventory.navigation(1, `${REDIRECT}?code=abc&state=st-1`, false);
    const [record, ...rest] = await inventory.records();
    expect(rest).toHaveLength(0);
    expect(record).toMatchObject({
      outcome: 'approved',
      kind: 'azure-devops-oauth',
      flow: 'azure-devops-oauth',
      // The bidi override the page slipped in is gone.
      appName: 'Contoso  Deploy Bot',
      publisher: 'Contoso Ltd',
      clientId: '7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11',
      verdict: 'warn',
      host: 'app.vssps.visualstudio.com',
      redirectHost: '127.0.0.1',
      startedAt: started,
      endedAt: started + 5_000,
    });
    expect(record?.scopes).toContainEqual({ id: 'vso.code_write', tier: 'high', highPrivilege: true });
  });

  it('declined, and abandoned by closing the tab or by typing another address: each recorded so, newest first', async () => {
    const { inventory } = setup();
    await inventory.navigation(1, ENTRA, true);
    await inventory.navigation(1, `${REDIRECT}?error=access_denied&error_description=The+user+declined&state=st-2`, false);
    await inventory.navigation(2, ADO, true);
    await inventory.tabClosed(2);
    await inventory.navigation(3, ADO, true);
    await inventory.navigation(3, 'https://example.test/', true);
    const records = await inventory.records();
    expect(records.map((record) => record.outcome)).toEqual(['abandoned', 'abandoned', 'declined']);
    expect(records[2]).toMatchObject({ kind: 'entra', tenant: 'consumers', host: 'login.microsoftonline.com' });
  });

  it('a flow left open past its time is recorded as abandoned when the inventory is next read', async () => {
    const { inventory, advance } = setup();
    await inventory.navigation(1, ADO, true);
    expect(await inventory.records()).toEqual([]);
    advance(CONSENT_FLOW_TTL_MS + 1);
    expect((await inventory.records()).map((record) => record.outcome)).toEqual(['abandoned']);
    // The answer arriving after that is no longer this flow's.
    await inventory.navigation(1, `${REDIRECT}?code=abc&state=st-1`, false);
    expect(await inventory.records()).toHaveLength(1);
  });

  it('the claims of other hosts (the app’s own redirect page) are not taken for the consent page’s', async () => {
    const { inventory } = setup();
    await inventory.navigation(1, ADO, true);
    await inventory.pageView(1, { url: 'https://evil.example/', verdict: 'danger', appName: 'Microsoft Verified', publisher: 'Microsoft' });
    await inventory.navigation(1, `${REDIRECT}?code=abc&state=st-1`, false);
    const [record] = await inventory.records();
    expect(record).toMatchObject({ appName: null, publisher: null });
    expect(record?.verdict).not.toBe('danger');
  });

  it('ordinary browsing writes nothing at all', async () => {
    const { inventory, session, local } = setup();
    for (let tab = 0; tab < 20; tab++) await inventory.navigation(tab, `https://example.test/page/${tab}`, true);
    expect(session.data.size).toBe(0);
    expect(local.data.size).toBe(0);
  });

  it('keeps the newest records within its bound, survives corrupted entries, and forgets on request', async () => {
    const stale = Array.from({ length: MAX_CONSENT_RECORDS }, (_, index) => ({
      id: `old${index}`,
      outcome: 'abandoned',
      scopes: [],
      endedAt: index,
    }));
    const { inventory, local } = setup({ [CONSENT_KEYS.records]: [...stale, 'garbage', { id: 7 }, null] });
    await inventory.navigation(1, ADO, true);
    await inventory.navigation(1, `${REDIRECT}?code=abc&state=st-1`, false);
    const records = await inventory.records();
    expect(records).toHaveLength(MAX_CONSENT_RECORDS);
    expect(records[0]?.outcome).toBe('approved');
    expect(records.at(-1)?.id).toBe(`old${MAX_CONSENT_RECORDS - 2}`);
    await inventory.forget();
    expect(await inventory.records()).toEqual([]);
    expect(local.data.has(CONSENT_KEYS.records)).toBe(false);
  });

  it('a flow in progress survives a stopped service worker (a new inventory over the same session area)', async () => {
    const first = setup();
    await first.inventory.navigation(4, ADO, true);
    const restarted = createConsentInventory({ session: first.session, local: first.local, now: () => first.now });
    await restarted.navigation(4, `${REDIRECT}?code=abc&state=st-1`, false);
    expect((await restarted.records()).map((record) => record.outcome)).toEqual(['approved']);
  });
});
