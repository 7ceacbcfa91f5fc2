/**
 * The background's policy wiring, as src/background/index.ts wires it (no copy of it here): the guard with the
 * policy provider, the activity log, the webhook outbox and the block page, over the in-memory browser
 * (test/unit/fake-platform.ts), driven by navigation events and by messages from the page and our own pages.
 */
import { describe, expect, it } from 'vitest';
import { blockedKey, overrideKey, tabKey, type BlockedRecord, type TabRecord } from '../../src/background/tab-record';
import { startBackground } from '../../src/background/index';
import { BADGE_COLORS } from '../../src/background/view';
import type { NavigationKind } from '../../src/platform/navigation';
import { ACTIVITY_KEY, type ActivityEntry } from '../../src/policy/activity';
import { createPolicyProvider, DEV_POLICY_KEY, USER_SETTINGS_KEY } from '../../src/policy/provider';
import { pageCheck, pageDismiss, pageLeave, pageTrust, type ContentSignals } from '../../src/messaging/page-messages';
import { blockedContinue, blockedGet, blockedLeave, optionsState, optionsUndismiss } from '../../src/messaging/policy-messages';
import { createFakePlatform, EXTENSION_BASE, fromExtensionPage, fromPage, memoryArea } from './fake-platform';

const APP = '8a2b3c4d-0000-4000-8000-000000000001';
const BLOCK_PAGE = `${EXTENSION_BASE}src/blocked/index.html`;
const ado = (scopes: string, host = 'app.vssps.visualstudio.com', clientId = APP) =>
  `https://${host}/oauth2/authorize?client_id=${clientId}&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Ftool.contoso.com%2Fcb&scope=${scopes}`;
const LOOKALIKE = ado('vso.code', 'app-vssps-visualstudio.com');

interface Setup {
  managed?: unknown;
  devPolicy?: unknown;
  development?: boolean;
  user?: unknown;
}

function setup(options: Setup = {}) {
  const local: Record<string, unknown> = {};
  if (options.devPolicy !== undefined) local[DEV_POLICY_KEY] = options.devPolicy;
  if (options.user !== undefined) local[USER_SETTINGS_KEY] = options.user;
  const posted: { url: string; body: string }[] = [];
  const fake = createFakePlatform({
    managed: options.managed ?? {},
    development: options.development ?? true,
    local,
    fetch: async (input, init) => {
      posted.push({ url: String(input), body: String(init?.body) });
      return new Response(null, { status: 204 });
    },
  });
  const background = startBackground(fake.platform);
  /** The top frame's navigation event, and everything it set off. */
  const navigate = async (kind: NavigationKind, url: string, tabId = 5) => {
    fake.navigation({ kind, url, tabId });
    await background.whenIdle();
  };
  /** The guard in the tab's top frame reports its signals; resolves with the view it is answered once the background is done. */
  const check = async (url: string, signals: ContentSignals | null, tabId = 5) => {
    const view = await fake.send(pageCheck, fromPage(url, { tabId }), { signals });
    await background.whenIdle();
    return view;
  };
  const blockPage = (tabId = 5) => fromExtensionPage('blocked', tabId, '?id=b1');
  // The guard does not wait for log writes; entries() queues behind them.
  const log = async () => {
    await background.whenIdle();
    await background.policy.activityLog.entries();
    return (fake.local.data.get(ACTIVITY_KEY) ?? []) as ActivityEntry[];
  };
  const record = (tabId = 5) => fake.session.data.get(tabKey(tabId)) as TabRecord | undefined;
  const blocked = (tabId = 5) => fake.session.data.get(blockedKey(tabId)) as BlockedRecord | undefined;
  return { fake, background, provider: background.policy.provider, navigate, check, blockPage, posted, log, record, blocked };
}

const signals = {
  isTopFrame: true,
  isSecureContext: true,
  forms: [],
  asks: 'nothing',
  brandingCues: [],
  appName: null,
  publisher: null,
} as const satisfies ContentSignals;
/** What a clone of the approval page reports: Azure DevOps named as the site in its title and its heading, and an Accept button. */
const clone: ContentSignals = { ...signals, asks: 'consent', brandingCues: ['brand-title', 'brand-heading'] };

describe('policy in the background: approvals', () => {
  it('an approved client id shows no banner but the badge stays an honest amber "!" and the title says it is approved', async () => {
    const { fake, navigate, check, record, log } = setup({
      devPolicy: { approvedClientIds: [APP], approvedRedirectHosts: ['tool.contoso.com'], companyName: 'Contoso' },
    });
    const url = ado('vso.code_write');
    await navigate('committed', url);
    expect(fake.badges.get(5)).toMatchObject({ text: '!', color: BADGE_COLORS.warn });
    expect(fake.badges.get(5)?.title).toContain('Contoso has approved this app.');
    expect(record()?.view?.decision).toMatchObject({ action: 'none', notes: ['Contoso has approved this app.'] });
    // The guard in the page is answered with nothing to show...
    expect(await check(url, signals)).toBeNull();
    // ...and the guard the background starts in the page (its address is telltale) carries a view that asks for no banner.
    await navigate('dom-ready', url);
    expect(fake.injections.length).toBeGreaterThan(0);
    expect(fake.injections).not.toContainEqual(expect.objectContaining({ banner: true }));
    expect(await log()).toHaveLength(1);
    expect((await log())[0]).toMatchObject({ verdict: 'warn', action: 'none', choice: 'none', clientId: APP, scopes: ['vso.code_write'] });
    expect(fake.navigations).toEqual([]);
  });

  it('without the policy the same request gets the banner (the test can fail)', async () => {
    const { check } = setup();
    const view = await check(ado('vso.code_write'), signals);
    expect(view?.decision?.action).toBe('banner');
  });

  it('extra trusted hosts from policy make an organization sign-in host trusted', async () => {
    const url = `https://login.contoso.com/contoso/oauth2/v2.0/authorize?client_id=${APP}&response_type=code&state=s&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.work`;
    const without = setup();
    await without.navigate('committed', url);
    expect(without.fake.badges.get(5)?.text).toBe('✕');
    const withPolicy = setup({ devPolicy: { extraTrustedHosts: ['login.contoso.com'] } });
    await withPolicy.navigate('committed', url);
    expect(withPolicy.fake.badges.get(5)?.text).toBe('OK');
  });
});

describe('policy in the background: blocks', () => {
  it('a forbidden scope turns the committed consent page into a block page whose URL carries only an id', async () => {
    const { fake, navigate, blocked, log } = setup({ devPolicy: { forbiddenScopes: ['vso.code_write'], companyName: 'Contoso' } });
    await navigate('committed', 'https://example.test/');
    const url = ado('vso.code_full');
    await navigate('committed', url);
    expect(fake.navigations).toEqual([{ tabId: 5, url: `${BLOCK_PAGE}?id=b1` }]);
    expect(blocked()).toMatchObject({ id: 'b1', url, previousUrl: 'https://example.test/', committed: true });
    expect(blocked()?.view.decision).toMatchObject({ action: 'block', canOverride: false, forbiddenScopes: ['vso.code_write'] });
    expect((await log()).map((entry) => [entry.verdict, entry.action, entry.forbiddenScopes])).toEqual([['warn', 'block', ['vso.code_write']]]);
    expect(blocked()?.activityId).toBe((await log())[0]?.id);
  });

  it('blockDanger blocks a lookalike before it loads (onBeforeNavigate)', async () => {
    const { fake, navigate, blocked, log } = setup({ devPolicy: { blockDanger: true } });
    await navigate('before', LOOKALIKE);
    expect(fake.navigations).toEqual([{ tabId: 5, url: `${BLOCK_PAGE}?id=b1` }]);
    expect(blocked()).toMatchObject({ committed: false, view: { verdict: 'danger' } });
    expect(fake.badges.get(5)?.text).toBe('✕');
    expect((await log())[0]).toMatchObject({ verdict: 'danger', action: 'block', host: 'app-vssps-visualstudio.com' });
  });

  it('when the blocked page commits anyway (a race with the redirect), it is the same block, logged once; the block page gets its details', async () => {
    const { fake, navigate, blocked, blockPage, log } = setup({ devPolicy: { blockDanger: true, companyName: 'Contoso' } });
    await navigate('committed', 'https://example.test/');
    await navigate('before', LOOKALIKE);
    await navigate('committed', LOOKALIKE);
    expect(fake.navigations.map((navigation) => navigation.url)).toEqual([`${BLOCK_PAGE}?id=b1`, `${BLOCK_PAGE}?id=b1`]);
    expect(blocked()).toMatchObject({ id: 'b1', committed: true, previousUrl: 'https://example.test/' });
    expect(await log()).toHaveLength(1);
    // The block page puts the badge back (the browser clears it on navigation).
    fake.badges.delete(5);
    const reply = await fake.send(blockedGet, blockPage(), { id: 'b1' });
    expect(reply).toMatchObject({ ok: true, details: { host: 'app-vssps-visualstudio.com', canOverride: false, companyName: 'Contoso', committed: true } });
    expect(fake.badges.get(5)?.text).toBe('✕');
    expect(await fake.send(blockedGet, blockPage(), { id: 'other' })).toEqual({ ok: false });
    // Another tab's block page, and a web page, learn nothing.
    expect(await fake.send(blockedGet, blockPage(6), { id: 'b1' })).toEqual({ ok: false });
    expect(await fake.deliver({ type: blockedGet.type, id: 'b1' }, fromPage('https://evil.example/'))).toEqual({ error: 'rejected' });
  });

  it('without blockDanger a lookalike gets the banner, not a block', async () => {
    const { fake, navigate } = setup({ devPolicy: { companyName: 'Contoso' } });
    await navigate('before', LOOKALIKE);
    await navigate('committed', LOOKALIKE);
    expect(fake.navigations).toEqual([]);
    expect(fake.injections).toMatchObject([{ frameId: 0, verdict: 'danger' }]);
  });

  it('a page found dangerous only by its signals is blocked after it reports in', async () => {
    const { fake, navigate, check } = setup({ devPolicy: { blockDanger: true } });
    const url = 'https://devtools-portal.example/approve';
    await navigate('before', url);
    await navigate('committed', url);
    expect(fake.navigations).toEqual([]);
    await check(url, clone);
    expect(fake.navigations).toEqual([{ tabId: 5, url: `${BLOCK_PAGE}?id=b1` }]);
    // The same page checking in again right after is the same block, not a second one.
    await check(url, clone);
    expect(fake.navigations).toHaveLength(1);
  });

  it('"Continue anyway" works only when policy allows it, lets that URL through once in that tab, and is logged', async () => {
    const { fake, background, navigate, check, blocked, blockPage, record, log, posted } = setup({
      devPolicy: { blockDanger: true, allowOverride: true, webhookUrl: 'https://siem.contoso.example/hook' },
    });
    await navigate('before', LOOKALIKE);
    expect(blocked()?.view.decision?.canOverride).toBe(true);
    expect(await fake.send(blockedContinue, blockPage(), { id: 'wrongid' })).toEqual({ ok: false });
    expect(await fake.send(blockedContinue, blockPage(6), { id: 'b1' })).toEqual({ ok: false });
    expect(await fake.send(blockedContinue, blockPage(), { id: 'b1' })).toEqual({ ok: true });
    expect(fake.navigations.at(-1)).toEqual({ tabId: 5, url: LOOKALIKE });
    expect(fake.session.data.has(overrideKey(5))).toBe(true);
    // The navigation the user asked for goes through...
    await navigate('before', LOOKALIKE);
    await navigate('committed', LOOKALIKE);
    expect(fake.navigations).toHaveLength(2);
    expect(record()).toMatchObject({ overridden: true, view: { verdict: 'danger' } });
    // ...and the page's own check of that document does not block it again (the danger banner still shows).
    const view = await check(LOOKALIKE, signals);
    expect(view?.verdict).toBe('danger');
    expect(fake.navigations).toHaveLength(2);
    expect(await log()).toHaveLength(1);
    expect((await log())[0]?.choice).toBe('continued');
    // Once only: the next visit is blocked again.
    await navigate('before', LOOKALIKE);
    expect(fake.navigations.at(-1)?.url).toBe(`${BLOCK_PAGE}?id=b2`);
    // Another tab never had an override.
    await navigate('before', LOOKALIKE, 6);
    expect(fake.navigations.at(-1)).toEqual({ tabId: 6, url: `${BLOCK_PAGE}?id=b3` });
    // The webhook heard about the decision and the choice (through the outbox), with no URL query.
    await background.policy.webhookOutbox.flush();
    const events = posted.map((item) => JSON.parse(item.body) as Record<string, unknown>);
    expect(events.map((event) => [event.type, event.choice])).toEqual(
      expect.arrayContaining([
        ['decision', 'none'],
        ['choice', 'continued'],
      ]),
    );
    for (const item of posted) expect(item.body).not.toContain('response_type');
  });

  it('"Continue anyway" is refused when the policy does not allow it', async () => {
    const { fake, navigate, blockPage } = setup({ devPolicy: { blockDanger: true } });
    await navigate('before', LOOKALIKE);
    expect(await fake.send(blockedContinue, blockPage(), { id: 'b1' })).toEqual({ ok: false });
    expect(fake.navigations).toHaveLength(1);
    expect(fake.session.data.has(overrideKey(5))).toBe(false);
  });

  it('"Go back" on the block page is logged as "left"', async () => {
    const { fake, navigate, blockPage, log } = setup({ devPolicy: { blockDanger: true } });
    await navigate('before', LOOKALIKE);
    expect(await fake.send(blockedLeave, blockPage(), { id: 'nope' })).toEqual({ ok: false });
    expect(await fake.send(blockedLeave, blockPage(), { id: 'b1' })).toEqual({ ok: true });
    expect((await log())[0]?.choice).toBe('left');
  });
});

describe('the user allow-list and dismissals', () => {
  it('"Trust this app" on a warn banner stores the client id, hides the banner and is logged', async () => {
    const { fake, check, record, log } = setup();
    const url = ado('vso.code_write');
    const view = await check(url, signals);
    expect(view?.decision?.action).toBe('banner');
    expect(await fake.send(pageTrust, fromPage(url), { requestKey: view!.requestKey })).toEqual({ trusted: true });
    expect(fake.local.data.get(USER_SETTINGS_KEY)).toEqual({ trustedClientIds: [APP] });
    expect(record()?.view?.decision?.action).toBe('none');
    expect((await log())[0]?.choice).toBe('trusted');
    // A later request by the same app: no banner.
    expect(await check(ado('vso.code_manage'), signals)).toBeNull();
  });

  it('trust is refused for danger and can never silence a lookalike using the trusted client id', async () => {
    const { fake, check } = setup({ user: { trustedClientIds: [APP] }, devPolicy: { approvedClientIds: [APP] } });
    const view = await check(LOOKALIKE, signals);
    expect(view).toMatchObject({ verdict: 'danger', decision: { action: 'banner' } });
    expect(await fake.send(pageTrust, fromPage(LOOKALIKE), { requestKey: view!.requestKey })).toEqual({ trusted: false });
  });

  it('trust is refused for a block (a forbidden scope) and for a request the frame was not shown', async () => {
    const { fake, check } = setup({ devPolicy: { forbiddenScopes: ['vso.code_full'] } });
    const url = ado('vso.code_full');
    const view = await check(url, signals);
    expect(view?.decision?.action).toBe('block');
    expect(await fake.send(pageTrust, fromPage(url), { requestKey: view!.requestKey })).toEqual({ trusted: false });
    expect(await fake.send(pageTrust, fromPage(url), { requestKey: '0000000000000000' })).toEqual({ trusted: false });
    expect(fake.local.data.has(USER_SETTINGS_KEY)).toBe(false);
  });

  it('dismissals are listed on the options page with what they were for, logged, and can be taken back', async () => {
    const { fake, check, record, log } = setup();
    const url = ado('vso.code_write');
    const view = await check(url, signals);
    expect(await fake.send(pageDismiss, fromPage(url), { requestKey: view!.requestKey })).toEqual({ dismissed: true });
    const options = fromExtensionPage('options');
    expect((await fake.send(optionsState, options)).dismissals).toEqual([
      { tabId: 5, requestKey: view!.requestKey, host: 'app.vssps.visualstudio.com', clientId: APP, scopes: ['vso.code_write'], time: expect.any(Number) },
    ]);
    expect((await log())[0]?.choice).toBe('dismissed');
    expect(await fake.send(optionsUndismiss, options, { tabId: 5, requestKey: view!.requestKey })).toEqual({ ok: true });
    expect((await fake.send(optionsState, options)).dismissals).toEqual([]);
    expect(record()?.view?.dismissed).toBe(false);
    // The banner shows again from the next check of that request.
    expect((await check(url, signals))?.dismissed).toBe(false);
  });

  it('"Leave this page" is logged as "left"', async () => {
    const { fake, navigate, log } = setup();
    await navigate('committed', LOOKALIKE);
    expect(await fake.send(pageLeave, fromPage(LOOKALIKE))).toEqual({ left: true });
    expect((await log())[0]).toMatchObject({ verdict: 'danger', choice: 'left' });
  });
});

describe('the activity log from the guard', () => {
  it('logs one entry per request per document, upgrades it when the page makes it worse, and ignores ok pages', async () => {
    const { navigate, check, log } = setup();
    await navigate('committed', ado('vso.profile'));
    expect(await log()).toEqual([]);
    const url = ado('vso.code_write');
    await navigate('committed', url);
    await check(url, { ...signals, asks: 'credentials', forms: [{ action: 'http://evil.example/steal', asks: 'credentials' }] });
    expect(await log()).toHaveLength(1);
    expect((await log())[0]).toMatchObject({ verdict: 'danger', action: 'banner' });
    expect(JSON.stringify(await log())).not.toContain('evil.example');
    // A new navigation (a reload) is a new decision.
    await navigate('committed', url);
    expect(await log()).toHaveLength(2);
  });
});

describe('a known threat in the log, the webhook and the options page', () => {
  it("blockedClientIds: the entry, its webhook event and the options page's state name the admin's list and reason", async () => {
    const reason = 'Exfiltration tool (INC-2231)';
    const { fake, background, navigate, log, posted } = setup({
      devPolicy: { blockedClientIds: [{ clientId: APP, reason }], webhookUrl: 'https://siem.contoso.example/hook' },
    });
    await navigate('committed', ado('vso.profile'));
    const listedBy = [{ source: 'policy', feed: null, url: null, kind: 'app', value: APP, reason }];
    expect(await log()).toMatchObject([{ verdict: 'danger', findings: expect.arrayContaining(['known-malicious-app']), listedBy }]);
    await background.policy.webhookOutbox.flush();
    expect(posted.map((item) => (JSON.parse(item.body) as { listedBy?: unknown }).listedBy)).toEqual([listedBy]);
    // The options page's state message (validated on both ends) carries it.
    const state = await fake.send(optionsState, fromExtensionPage('options'));
    expect(state.activity[0]?.listedBy).toEqual(listedBy);
  });
});

describe('where the policy comes from', () => {
  it('a real managed policy always wins: the developer policy is then ignored entirely', async () => {
    const { provider } = setup({ managed: { companyName: 'Contoso' }, devPolicy: { blockDanger: true } });
    expect(await provider.current()).toMatchObject({ source: 'managed', policy: { companyName: 'Contoso' } });
    expect((await provider.current()).policy.blockDanger).toBeUndefined();
  });

  it('the developer policy is honoured only by a development (unpacked) install', async () => {
    expect((await setup({ devPolicy: { blockDanger: true }, development: false }).provider.current()).source).toBe('none');
    expect(await setup({ devPolicy: { blockDanger: true }, development: true }).provider.current()).toMatchObject({
      source: 'development',
      policy: { blockDanger: true },
    });
  });

  it('reports what it ignored, keeps the rest, and reads the policy again when storage says it changed', async () => {
    const { fake, provider } = setup({ devPolicy: { blockDanger: 'yes', companyName: 'Contoso', colour: 'blue' } });
    const state = await provider.current();
    expect(state.policy).toEqual({ companyName: 'Contoso' });
    expect(state.problems.map((problem) => problem.key).sort()).toEqual(['blockDanger', 'colour']);
    // Until storage announces a change, the policy read stands...
    fake.local.data.set(DEV_POLICY_KEY, { blockDanger: true });
    expect((await provider.current()).policy.blockDanger).toBeUndefined();
    // ...and the wiring reads it again when it does.
    await fake.local.set(DEV_POLICY_KEY, { blockDanger: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await provider.current()).policy.blockDanger).toBe(true);
  });

  it('a new managed policy is read when the admin changes it, and the thorough mode follows it', async () => {
    const { fake, provider } = setup({ managed: {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.state.pageScan).toBe(false);
    fake.setManaged({ scanEveryPage: true, companyName: 'Contoso' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await provider.current()).policy).toEqual({ scanEveryPage: true, companyName: 'Contoso' });
    await expect.poll(() => fake.state.pageScan).toBe(true);
  });

  it('a failing managed storage read means defaults, never an exception', async () => {
    const provider = createPolicyProvider({
      readManaged: async () => {
        throw new Error('no managed storage');
      },
      local: memoryArea(),
      isDevelopmentInstall: async () => false,
    });
    expect(await provider.current()).toMatchObject({ source: 'none', policy: {}, user: { trustedClientIds: [] } });
  });

  it('untrusting removes a client id; concurrent trusts are all kept', async () => {
    const { provider } = setup();
    const other = '8a2b3c4d-0000-4000-8000-000000000002';
    await Promise.all([provider.trustClient(APP), provider.trustClient(other.toUpperCase())]);
    expect((await provider.current()).user.trustedClientIds).toEqual([APP, other]);
    await provider.untrustClient(APP);
    expect((await provider.current()).user.trustedClientIds).toEqual([other]);
  });
});
