// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockedPage } from '../../src/blocked/BlockedPage';
import type { PageView } from '../../src/messaging/page-view';
import type { BlockedDetails, OptionsState } from '../../src/messaging/policy-messages';
import { Options } from '../../src/options/Options';
import { createFakePlatform, fakeBackground, fromExtensionPage } from './fake-platform';
import { startBackground } from '../../src/background/index';
import { optionsState as optionsStateMessage } from '../../src/messaging/policy-messages';

afterEach(cleanup);

const APP = '8a2b3c4d-0000-4000-8000-000000000001';
const MINE = '8a2b3c4d-0000-4000-8000-000000000002';

function optionsState(overrides: Partial<OptionsState> = {}): OptionsState {
  return {
    policy: { companyName: 'Contoso', approvedClientIds: [APP], blockDanger: true },
    problems: [{ key: 'helpUrl', message: 'Invalid URL; ignored, the default applies' }],
    source: 'managed',
    user: { trustedClientIds: [APP, MINE] },
    dismissals: [],
    activity: [
      {
        id: 'a',
        time: 1,
        host: 'app.vssps.visualstudio.com',
        clientId: MINE,
        scopes: ['vso.code_write'],
        verdict: 'warn',
        action: 'banner',
        choice: 'trusted',
        findings: [],
        forbiddenScopes: [],
      },
    ],
    ...overrides,
  };
}

describe('options page', () => {
  it('reports ignored policy settings, marks organization approvals, and lets the user remove only their own', async () => {
    const send = fakeBackground((message) => (message.type === 'options/state' ? optionsState() : { ok: true }));
    const sent = send.sent;
    render(<Options send={send} />);
    await screen.findByText(/This policy setting was ignored/);
    expect(screen.getByText(/Set by your organization \(managed policy\)/).textContent).toContain('Set by your organization (managed policy)');
    const approved = document.querySelector(`[data-trusted="${APP}"]`)!;
    expect(approved.textContent).toContain('Set by your organization');
    expect(approved.querySelector('button')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: `Stop trusting app ${MINE}` }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'options/untrust', clientId: MINE }));
  });

  it.each([
    ['allowed', /also checks web pages you open as files/],
    ['off', /cannot check web pages you open as files.*turn on “Allow access to file URLs”/],
    ['unavailable', /Firefox does not let extensions check web pages you open as files/],
  ] as const)('says whether files opened from this computer (HTML attachments) are checked: %s', async (fileAccess, said) => {
    render(<Options send={fakeBackground(() => optionsState({ fileAccess }))} />);
    const section = await screen.findByRole('region', { name: 'Files opened from this computer' });
    expect(section.textContent).toMatch(said);
  });

  it('the background tells the options page what the browser allows for files', async () => {
    const fake = createFakePlatform({ fileAccess: 'allowed' });
    startBackground(fake.platform);
    expect(await fake.send(optionsStateMessage, fromExtensionPage('options'))).toMatchObject({ fileAccess: 'allowed' });
  });

  it('the activity table names the list and its reason for a known threat, as text; an entry without one shows a dash', async () => {
    const FEED = 'https://intel.contoso.example/feed.json';
    const base = optionsState().activity[0]!;
    const state = optionsState({
      activity: [
        base,
        {
          ...base,
          id: 'b',
          time: 2,
          verdict: 'danger',
          choice: 'none',
          findings: ['known-malicious-app'],
          listedBy: [
            { source: 'feed', feed: '<i>SOC</i>', url: FEED, kind: 'app', value: MINE, reason: 'Phishing <b>kit</b>' },
            { source: 'policy', feed: null, url: null, kind: 'app', value: MINE, reason: null },
          ],
        },
      ],
    });
    render(<Options send={fakeBackground(() => state)} />);
    const row = await waitFor(() => {
      const found = document.querySelector('[data-activity="danger"]');
      if (!found) throw new Error('no danger row yet');
      return found;
    });
    const items = [...row.querySelectorAll('[data-listed-by]')];
    expect(items.map((item) => item.textContent)).toEqual([
      'Threat list “<i>SOC</i>”: Phishing <b>kit</b>',
      "Your organization's blocked apps: no reason given",
    ]);
    expect(items[0]?.getAttribute('title')).toBe(FEED);
    expect(document.querySelector('main i, main b')).toBeNull();
    expect(document.querySelector('[data-activity="warn"]')?.lastElementChild?.textContent).toBe('—');
  });

  it('exports the log as CSV and JSON, and clears it only after confirmation', async () => {
    const downloads: { name: string; text: string }[] = [];
    const send = fakeBackground((message) => (message.type === 'options/state' ? optionsState() : { ok: true }));
    const sent = send.sent;
    let answer = false;
    render(<Options send={send} download={(name, text) => downloads.push({ name, text })} confirm={() => answer} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    expect(downloads[0]?.name).toMatch(/^consent-guard-activity-\d{4}-\d\d-\d\d\.csv$/);
    expect(downloads[0]?.text).toContain(`app.vssps.visualstudio.com,${MINE},vso.code_write,warn,banner,trusted`);
    expect(JSON.parse(downloads[1]!.text).count).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Clear log' }));
    expect(sent).not.toContainEqual({ type: 'options/clear-activity' });
    answer = true;
    fireEvent.click(screen.getByRole('button', { name: 'Clear log' }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'options/clear-activity' }));
  });
});

const view: PageView = {
  verdict: 'danger',
  requestKey: '0123456789abcdef',
  url: 'https://app-vssps-visualstudio.com/oauth2/authorize?scope=vso.code',
  host: { name: 'app-vssps-visualstudio.com', unicode: 'app-vssps-visualstudio.com', trusted: false, imitates: 'app.vssps.visualstudio.com' },
  flow: 'azure-devops-oauth',
  fromTrackedFlow: false,
  findings: [{ id: 'lookalike-glue', severity: 'danger', message: '<b>not html</b>' }],
  scopes: [],
  includes: [],
  pageClaims: { appName: null, publisher: null },
  dismissed: false,
  clientId: APP,
  decision: { action: 'block', canOverride: false, notes: ['Contoso blocks pages that imitate Microsoft sign-in.'], forbiddenScopes: [] },
};
const details = (overrides: Partial<BlockedDetails> = {}): BlockedDetails => ({
  view,
  host: view.host.name,
  canOverride: false,
  companyName: 'Contoso',
  helpUrl: null,
  reportLink: 'mailto:sec@contoso.com?subject=x',
  previousUrl: 'https://example.test/',
  committed: true,
  ...overrides,
});

describe('block page', () => {
  it('shows the findings as text, the report link, and no override unless allowed', async () => {
    const send = fakeBackground(() => ({ ok: true, details: details() }));
    render(<BlockedPage id="abc" send={send} />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Contoso blocked this page');
    expect(send.sent).toEqual([{ type: 'blocked/get', id: 'abc' }]);
    expect(document.querySelector('[data-finding="lookalike-glue"]')?.textContent).toContain('<b>not html</b>');
    expect(document.querySelector('b')).toBeNull();
    expect(screen.getByRole('link', { name: 'Report to my admin' }).getAttribute('href')).toBe('mailto:sec@contoso.com?subject=x');
    expect(screen.queryByRole('button', { name: 'Continue anyway' })).toBeNull();
  });

  it('"Continue anyway" asks the background when policy allows it', async () => {
    const send = fakeBackground((message) => (message.type === 'blocked/get' ? { ok: true, details: details({ canOverride: true }) } : { ok: true }));
    render(<BlockedPage id="abc" send={send} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Continue anyway' }));
    await waitFor(() => expect(send.sent).toContainEqual({ type: 'blocked/continue', id: 'abc' }));
  });

  it('a stale block page says so and still offers Go back', async () => {
    render(<BlockedPage id="old" send={fakeBackground(() => ({ ok: false }))} />);
    await screen.findByText(/no longer available/);
    const back = screen.getByRole<HTMLButtonElement>('button', { name: 'Go back' });
    expect(back.disabled).toBe(false);
  });
});

describe('threat feeds, the outbox and branding on the pages', () => {
  const FEED = 'https://intel.contoso.example/consent-guard.json';

  it('the options page shows each feed (last fetched, entries, last error), the outbox, and never the Splunk token', async () => {
    const state = optionsState({
      policy: {
        companyName: 'Contoso',
        threatFeeds: [FEED],
        webhookUrl: 'https://siem.contoso.example/hook',
        webhookFormat: 'splunk-hec',
        splunkHecToken: 'secret-token-123',
      },
      feeds: [
        {
          url: FEED,
          name: 'Contoso SOC',
          format: 'consent-guard',
          lastFetched: Date.parse('2026-12-01T08:00:00Z'),
          lastAttempt: Date.parse('2026-12-01T20:00:00Z'),
          lastError: { code: 'http', detail: '503' },
          counts: { apps: 12, redirectHosts: 3, lookalikeHosts: 4 },
          skipped: 2,
        },
      ],
      outbox: { queued: 7, droppedTotal: 5, rejected: 2, lastError: 'HTTP 503', nextAttemptAt: Date.parse('2026-12-01T20:01:00Z'), lastDeliveredAt: null },
    });
    render(<Options send={fakeBackground(() => state)} />);
    const row = await waitFor(() => {
      const found = document.querySelector(`[data-feed="${FEED}"]`);
      if (!found) throw new Error('no feed row yet');
      return found;
    });
    expect(row.textContent).toContain('Contoso SOC');
    expect(row.querySelector('[data-feed-entries]')?.textContent).toContain('12 apps, 3 redirect hosts, 4 sites');
    expect(row.querySelector('[data-feed-entries]')?.textContent).toContain('2 entries skipped');
    expect(row.querySelector('[data-feed-error]')?.textContent).toContain('the server answered HTTP 503');
    expect(row.querySelector('[data-feed-fetched]')?.textContent).not.toBe('not yet');
    expect(document.querySelector('[data-outbox-queued]')?.textContent).toBe('Waiting to be delivered: 7');
    expect(document.querySelector('[data-outbox-dropped]')?.textContent).toBe('Dropped because the queue was full: 5');
    expect(document.querySelector('[data-outbox-rejected]')?.textContent).toBe('Refused by the receiver and set aside: 2');
    expect(document.body.textContent).not.toContain('secret-token-123');
    expect(document.querySelector('[data-policy-key="splunkHecToken"]')?.textContent).toContain('(set)');
  });

  it("the block page shows a threat feed's finding and the organization's own message as text", async () => {
    const known: PageView = {
      ...view,
      findings: [{ id: 'known-malicious-app', severity: 'danger', message: 'This app is on the threat list “<i>SOC</i>”: phishing' }, ...view.findings],
      decision: { ...view.decision!, branding: { organization: 'Contoso', message: 'Call <b>4711</b> first.', supportUrl: 'https://help.contoso.example/' } },
    };
    render(<BlockedPage id="abc" send={fakeBackground(() => ({ ok: true, details: details({ view: known }) }))} />);
    await screen.findByRole('heading', { level: 1 });
    expect(document.querySelector('[data-finding="known-malicious-app"]')?.textContent).toContain('“<i>SOC</i>”: phishing');
    expect(document.querySelector('[data-org-message]')?.textContent).toBe('A message from Contoso: Call <b>4711</b> first.');
    expect(document.querySelector('i, b')).toBeNull();
  });
});
