/**
 * The background's policy wiring: the guard with the policy provider, the activity log and the block page,
 * over the in-memory fakes (no browser).
 */
import { describe, expect, it } from 'vitest';
import { blockedKey, createGuard, overrideKey, tabKey, type BlockedRecord, type TabRecord } from '../../src/background/guard';
import { bannerView } from '../../src/background/injector';
import { BADGE_COLORS } from '../../src/background/view';
import { createActivityLog } from '../../src/policy/activity-log';
import { ACTIVITY_KEY, type ActivityEntry } from '../../src/policy/activity';
import { createPolicyProvider, DEV_POLICY_KEY, USER_SETTINGS_KEY } from '../../src/policy/provider';
import type { ContentSignals } from '../../src/messaging/page-messages';
import { fakeGuardDependencies } from './guard-fakes';

const APP = '8a2b3c4d-0000-4000-8000-000000000001';
const BLOCK_PAGE = 'chrome-extension://abc/src/blocked/index.html';
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
  const fake = fakeGuardDependencies();
  const local = new Map<string, unknown>();
  if (options.devPolicy !== undefined) local.set(DEV_POLICY_KEY, options.devPolicy);
  if (options.user !== undefined) local.set(USER_SETTINGS_KEY, options.user);
  const readLocal = async (key: string) => structuredClone(local.get(key));
  const writeLocal = async (key: string, value: unknown) => void local.set(key, structuredClone(value));
  const provider = createPolicyProvider({
    readManaged: async () => options.managed ?? {},
    readLocal,
    writeLocal,
    isDevelopmentInstall: async () => options.development ?? true,
  });
  const posted: { url: string; body: string }[] = [];
  const activity = createActivityLog({
    readLocal,
    writeLocal,
    now: () => fake.deps.now(),
    webhookUrl: async () => (await provider.current()).policy.webhookUrl,
    fetch: async (url, init) => {
      posted.push({ url, body: String(init.body) });
      return { status: 204 };
    },
    sleep: async () => undefined,
    extensionVersion: '0.1.0',
  });
  let ids = 0;
  const guard = createGuard({
    ...fake.deps,
    policy: () => provider.current(),
    activity,
    trustClient: async (clientId) => void (await provider.trustClient(clientId)),
    blockPageUrl: (id) => `${BLOCK_PAGE}?id=${id}`,
    randomId: () => `b${++ids}`,
  });
  // The guard does not wait for log writes; entries() queues behind them.
  const log = async () => {
    await activity.entries();
    return (local.get(ACTIVITY_KEY) ?? []) as ActivityEntry[];
  };
  const record = (tabId = 5) => fake.store.data.get(tabKey(tabId)) as TabRecord | undefined;
  const blocked = (tabId = 5) => fake.store.data.get(blockedKey(tabId)) as BlockedRecord | undefined;
  return { fake, guard, provider, local, activity, posted, log, record, blocked };
}

const top = (url: string) => ({ tabId: 5, frameId: 0, url });
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
    const { fake, guard, record, log } = setup({
      devPolicy: { approvedClientIds: [APP], approvedRedirectHosts: ['tool.contoso.com'], companyName: 'Contoso' },
    });
    const url = ado('vso.code_write');
    await guard.navigation({ kind: 'committed', tabId: 5, url });
    expect(fake.badges.get(5)).toMatchObject({ text: '!', color: BADGE_COLORS.warn });
    expect(fake.badges.get(5)?.title).toContain('Contoso has approved this app.');
    expect(record()?.view?.decision).toMatchObject({ action: 'none', notes: ['Contoso has approved this app.'] });
    // The content script is answered with nothing to show.
    expect(await guard.check({ type: 'page/check', signals }, top(url))).toBeNull();
    // Nor does the view the background would carry into the page ask for a banner.
    expect(bannerView(await guard.navigation({ kind: 'dom-ready', tabId: 5, url }))).toBeNull();
    await guard.settled(5);
    expect(await log()).toHaveLength(1);
    expect((await log())[0]).toMatchObject({ verdict: 'warn', action: 'none', choice: 'none', clientId: APP, scopes: ['vso.code_write'] });
    expect(fake.navigations).toEqual([]);
  });

  it('without the policy the same request gets the banner (the test can fail)', async () => {
    const { guard } = setup();
    const view = await guard.check({ type: 'page/check', signals }, top(ado('vso.code_write')));
    expect(view?.decision?.action).toBe('banner');
  });

  it('extra trusted hosts from policy make an organization sign-in host trusted', async () => {
    const url = `https://login.contoso.com/contoso/oauth2/v2.0/authorize?client_id=${APP}&response_type=code&state=s&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.work`;
    const without = setup();
    await without.guard.navigation({ kind: 'committed', tabId: 5, url });
    expect(without.fake.badges.get(5)?.text).toBe('✕');
    const withPolicy = setup({ devPolicy: { extraTrustedHosts: ['login.contoso.com'] } });
    await withPolicy.guard.navigation({ kind: 'committed', tabId: 5, url });
    expect(withPolicy.fake.badges.get(5)?.text).toBe('OK');
  });
});

describe('policy in the background: blocks', () => {
  it('a forbidden scope turns the committed consent page into a block page whose URL carries only an id', async () => {
    const { fake, guard, blocked, log } = setup({ devPolicy: { forbiddenScopes: ['vso.code_write'], companyName: 'Contoso' } });
    await guard.navigation({ kind: 'committed', tabId: 5, url: 'https://example.test/' });
    const url = ado('vso.code_full');
    await guard.navigation({ kind: 'committed', tabId: 5, url });
    expect(fake.navigations).toEqual([{ tabId: 5, url: `${BLOCK_PAGE}?id=b1` }]);
    expect(blocked()).toMatchObject({ id: 'b1', url, previousUrl: 'https://example.test/', committed: true });
    expect(blocked()?.view.decision).toMatchObject({ action: 'block', canOverride: false, forbiddenScopes: ['vso.code_write'] });
    expect((await log()).map((entry) => [entry.verdict, entry.action, entry.forbiddenScopes])).toEqual([['warn', 'block', ['vso.code_write']]]);
    expect(blocked()?.activityId).toBe((await log())[0]?.id);
  });

  it('blockDanger blocks a lookalike before it loads (onBeforeNavigate)', async () => {
    const { fake, guard, blocked, log } = setup({ devPolicy: { blockDanger: true } });
    await guard.navigation({ kind: 'before', tabId: 5, url: LOOKALIKE });
    expect(fake.navigations).toEqual([{ tabId: 5, url: `${BLOCK_PAGE}?id=b1` }]);
    expect(blocked()).toMatchObject({ committed: false, view: { verdict: 'danger' } });
    expect(fake.badges.get(5)?.text).toBe('✕');
    expect((await log())[0]).toMatchObject({ verdict: 'danger', action: 'block', host: 'app-vssps-visualstudio.com' });
  });

  it('when the blocked page commits anyway (a race with the redirect), it is the same block, logged once', async () => {
    const { fake, guard, blocked, log } = setup({ devPolicy: { blockDanger: true } });
    await guard.navigation({ kind: 'committed', tabId: 5, url: 'https://example.test/' });
    await guard.navigation({ kind: 'before', tabId: 5, url: LOOKALIKE });
    await guard.navigation({ kind: 'committed', tabId: 5, url: LOOKALIKE });
    expect(fake.navigations.map((navigation) => navigation.url)).toEqual([`${BLOCK_PAGE}?id=b1`, `${BLOCK_PAGE}?id=b1`]);
    expect(blocked()).toMatchObject({ id: 'b1', committed: true, previousUrl: 'https://example.test/' });
    expect(await log()).toHaveLength(1);
    // The block page puts the badge back (the browser clears it on navigation).
    fake.badges.delete(5);
    expect(await guard.blocked(5, 'b1')).not.toBeNull();
    expect(fake.badges.get(5)?.text).toBe('✕');
    expect(await guard.blocked(5, 'other')).toBeNull();
  });

  it('without blockDanger a lookalike gets the banner, not a block', async () => {
    const { fake, guard } = setup({ devPolicy: { companyName: 'Contoso' } });
    await guard.navigation({ kind: 'before', tabId: 5, url: LOOKALIKE });
    await guard.navigation({ kind: 'committed', tabId: 5, url: LOOKALIKE });
    expect(fake.navigations).toEqual([]);
  });

  it('a page found dangerous only by its signals is blocked after it reports in', async () => {
    const { fake, guard } = setup({ devPolicy: { blockDanger: true } });
    const url = 'https://devtools-portal.example/approve';
    await guard.navigation({ kind: 'before', tabId: 5, url });
    await guard.navigation({ kind: 'committed', tabId: 5, url });
    expect(fake.navigations).toEqual([]);
    await guard.check({ type: 'page/check', signals: clone }, top(url));
    await guard.settled(5);
    expect(fake.navigations).toEqual([{ tabId: 5, url: `${BLOCK_PAGE}?id=b1` }]);
    // The same page checking in again right after is the same block, not a second one.
    await guard.check({ type: 'page/check', signals: clone }, top(url));
    await guard.settled(5);
    expect(fake.navigations).toHaveLength(1);
  });

  it('"Continue anyway" works only when policy allows it, lets that URL through once in that tab, and is logged', async () => {
    const { fake, guard, blocked, record, log, posted } = setup({
      devPolicy: { blockDanger: true, allowOverride: true, webhookUrl: 'https://siem.contoso.example/hook' },
    });
    await guard.navigation({ kind: 'before', tabId: 5, url: LOOKALIKE });
    expect(blocked()?.view.decision?.canOverride).toBe(true);
    expect(await guard.continueBlocked(5, 'wrong-id')).toEqual({ ok: false });
    expect(await guard.continueBlocked(6, 'b1')).toEqual({ ok: false });
    expect(await guard.continueBlocked(5, 'b1')).toEqual({ ok: true });
    expect(fake.navigations.at(-1)).toEqual({ tabId: 5, url: LOOKALIKE });
    expect(fake.store.data.has(overrideKey(5))).toBe(true);
    // The navigation the user asked for goes through...
    await guard.navigation({ kind: 'before', tabId: 5, url: LOOKALIKE });
    await guard.navigation({ kind: 'committed', tabId: 5, url: LOOKALIKE });
    expect(fake.navigations).toHaveLength(2);
    expect(record()).toMatchObject({ overridden: true, view: { verdict: 'danger' } });
    // ...and the page's own check of that document does not block it again (the danger banner still shows).
    const view = await guard.check({ type: 'page/check', signals }, top(LOOKALIKE));
    expect(view?.verdict).toBe('danger');
    await guard.settled(5);
    expect(fake.navigations).toHaveLength(2);
    expect(await log()).toHaveLength(1);
    expect((await log())[0]?.choice).toBe('continued');
    // Once only: the next visit is blocked again.
    await guard.navigation({ kind: 'before', tabId: 5, url: LOOKALIKE });
    expect(fake.navigations.at(-1)?.url).toBe(`${BLOCK_PAGE}?id=b2`);
    // Another tab never had an override.
    await guard.navigation({ kind: 'before', tabId: 6, url: LOOKALIKE });
    expect(fake.navigations.at(-1)).toEqual({ tabId: 6, url: `${BLOCK_PAGE}?id=b3` });
    // The webhook heard about the decision and the choice, with no URL query.
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
    const { fake, guard } = setup({ devPolicy: { blockDanger: true } });
    await guard.navigation({ kind: 'before', tabId: 5, url: LOOKALIKE });
    expect(await guard.continueBlocked(5, 'b1')).toEqual({ ok: false });
    expect(fake.navigations).toHaveLength(1);
    expect(fake.store.data.has(overrideKey(5))).toBe(false);
  });

  it('"Go back" on the block page is logged as "left"', async () => {
    const { guard, log } = setup({ devPolicy: { blockDanger: true } });
    await guard.navigation({ kind: 'before', tabId: 5, url: LOOKALIKE });
    expect(await guard.leaveBlocked(5, 'nope')).toEqual({ ok: false });
    expect(await guard.leaveBlocked(5, 'b1')).toEqual({ ok: true });
    expect((await log())[0]?.choice).toBe('left');
  });
});

describe('the user allow-list and dismissals', () => {
  it('"Trust this app" on a warn banner stores the client id, hides the banner and is logged', async () => {
    const { guard, local, record, log } = setup();
    const url = ado('vso.code_write');
    const view = await guard.check({ type: 'page/check', signals }, top(url));
    expect(view?.decision?.action).toBe('banner');
    expect(await guard.trust({ requestKey: view!.requestKey }, { tabId: 5, frameId: 0 })).toEqual({ trusted: true });
    expect(local.get(USER_SETTINGS_KEY)).toEqual({ trustedClientIds: [APP] });
    expect(record()?.view?.decision?.action).toBe('none');
    expect((await log())[0]?.choice).toBe('trusted');
    // A later request by the same app: no banner.
    expect(await guard.check({ type: 'page/check', signals }, top(ado('vso.code_manage')))).toBeNull();
  });

  it('trust is refused for danger and can never silence a lookalike using the trusted client id', async () => {
    const { guard } = setup({ user: { trustedClientIds: [APP] }, devPolicy: { approvedClientIds: [APP] } });
    const view = await guard.check({ type: 'page/check', signals }, top(LOOKALIKE));
    expect(view).toMatchObject({ verdict: 'danger', decision: { action: 'banner' } });
    expect(await guard.trust({ requestKey: view!.requestKey }, { tabId: 5, frameId: 0 })).toEqual({ trusted: false });
  });

  it('trust is refused for a block (a forbidden scope) and for a request the frame was not shown', async () => {
    const { guard, local } = setup({ devPolicy: { forbiddenScopes: ['vso.code_full'] } });
    const view = await guard.check({ type: 'page/check', signals }, top(ado('vso.code_full')));
    expect(view?.decision?.action).toBe('block');
    expect(await guard.trust({ requestKey: view!.requestKey }, { tabId: 5, frameId: 0 })).toEqual({ trusted: false });
    expect(await guard.trust({ requestKey: '0000000000000000' }, { tabId: 5, frameId: 0 })).toEqual({ trusted: false });
    expect(local.has(USER_SETTINGS_KEY)).toBe(false);
  });

  it('dismissals are listed with what they were for, logged, and can be taken back', async () => {
    const { fake, guard, record, log } = setup();
    const url = ado('vso.code_write');
    const view = await guard.check({ type: 'page/check', signals }, top(url));
    await guard.dismiss({ type: 'page/dismiss', requestKey: view!.requestKey }, { tabId: 5, frameId: 0 });
    expect(fake.store.data.get('dismissals')).toEqual([
      { tabId: 5, requestKey: view!.requestKey, host: 'app.vssps.visualstudio.com', clientId: APP, scopes: ['vso.code_write'], time: expect.any(Number) },
    ]);
    expect((await log())[0]?.choice).toBe('dismissed');
    expect(await guard.undismiss(5, view!.requestKey)).toEqual({ ok: true });
    expect(fake.store.data.get('dismissals')).toEqual([]);
    expect(record()?.dismissed).toEqual([]);
    expect(record()?.view?.dismissed).toBe(false);
  });

  it('"Leave this page" is logged as "left"', async () => {
    const { guard, log } = setup();
    await guard.navigation({ kind: 'committed', tabId: 5, url: LOOKALIKE });
    await guard.leave({ tabId: 5 });
    expect((await log())[0]).toMatchObject({ verdict: 'danger', choice: 'left' });
  });
});

describe('the activity log from the guard', () => {
  it('logs one entry per request per document, upgrades it when the page makes it worse, and ignores ok pages', async () => {
    const { guard, log } = setup();
    await guard.navigation({ kind: 'committed', tabId: 5, url: ado('vso.profile') });
    expect(await log()).toEqual([]);
    const url = ado('vso.code_write');
    await guard.navigation({ kind: 'committed', tabId: 5, url });
    await guard.check(
      { type: 'page/check', signals: { ...signals, asks: 'credentials', forms: [{ action: 'http://evil.example/steal', asks: 'credentials' }] } },
      top(url),
    );
    await guard.settled(5);
    expect(await log()).toHaveLength(1);
    expect((await log())[0]).toMatchObject({ verdict: 'danger', action: 'banner' });
    expect(JSON.stringify(await log())).not.toContain('evil.example');
    // A new navigation (a reload) is a new decision.
    await guard.navigation({ kind: 'committed', tabId: 5, url });
    expect(await log()).toHaveLength(2);
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

  it('reports what it ignored, keeps the rest, and reads again after invalidate()', async () => {
    const { provider, local } = setup({ devPolicy: { blockDanger: 'yes', companyName: 'Contoso', colour: 'blue' } });
    const state = await provider.current();
    expect(state.policy).toEqual({ companyName: 'Contoso' });
    expect(state.problems.map((problem) => problem.key).sort()).toEqual(['blockDanger', 'colour']);
    local.set(DEV_POLICY_KEY, { blockDanger: true });
    expect((await provider.current()).policy.blockDanger).toBeUndefined();
    provider.invalidate();
    expect((await provider.current()).policy.blockDanger).toBe(true);
  });

  it('a failing managed storage read means defaults, never an exception', async () => {
    const provider = createPolicyProvider({
      readManaged: async () => {
        throw new Error('no managed storage');
      },
      readLocal: async () => undefined,
      writeLocal: async () => undefined,
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
