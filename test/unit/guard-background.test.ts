import { describe, expect, it } from 'vitest';
import { createGuard, flowKey, LEAVE_URL, tabKey, type TabRecord } from '../../src/background/guard';
import { BADGE_COLORS } from '../../src/background/view';
import type { ContentSignals } from '../../src/messaging/page-messages';
import { fakeGuardDependencies } from './guard-fakes';

const ADO = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb';
const ENTRA_START =
  'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c&response_type=code&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.code_write';
const CONSENT = 'https://login.microsoftonline.com/common/login';
const page = (url: string, frameId = 0) => ({ tabId: 5, frameId, url });

describe('background guard', () => {
  it('sets the badge per DESIGN.md from the top-frame navigation alone', async () => {
    const fake = fakeGuardDependencies();
    const guard = createGuard(fake.deps);
    await guard.navigation({ kind: 'committed', tabId: 5, url: `${ADO}&scope=vso.profile` });
    expect(fake.badges.get(5)).toMatchObject({ text: 'OK', color: BADGE_COLORS.ok });
    await guard.navigation({ kind: 'committed', tabId: 5, url: `${ADO}&scope=vso.code_write` });
    expect(fake.badges.get(5)).toMatchObject({ text: '!', color: BADGE_COLORS.warn });
    expect(fake.badges.get(5)?.title).toContain('powerful access');
    await guard.navigation({ kind: 'committed', tabId: 5, url: `${ADO.replace('app.vssps.visualstudio.com', 'app-vssps-visualstudio.com')}&scope=vso.code` });
    expect(fake.badges.get(5)).toMatchObject({ text: '✕', color: BADGE_COLORS.danger });
    await guard.navigation({ kind: 'committed', tabId: 5, url: 'https://example.test/' });
    expect(fake.badges.get(5)).toMatchObject({ text: '', color: null });
  });

  it('tracks the flow through the sign-in POST, survives a service-worker restart, and clears it when the tab closes', async () => {
    const fake = fakeGuardDependencies();
    await createGuard(fake.deps).navigation({ kind: 'before', tabId: 5, url: ENTRA_START });
    // A new guard over the same storage: what a restarted service worker sees.
    const restarted = createGuard(fake.deps);
    await restarted.navigation({ kind: 'committed', tabId: 5, url: CONSENT, transitionType: 'form_submit' });
    const record = fake.store.data.get(tabKey(5)) as TabRecord;
    expect(record.view).toMatchObject({ verdict: 'warn', fromTrackedFlow: true, flow: 'entra-v2' });
    expect(record.view?.scopes.map((scope) => scope.id)).toEqual(['vso.code_write']);
    await restarted.tabClosed(5);
    expect(fake.store.data.has(tabKey(5))).toBe(false);
    expect(fake.store.data.has(flowKey(5))).toBe(false);
  });

  it('page signals only add warnings: branding on a foreign host turns none into danger, never the reverse', async () => {
    const fake = fakeGuardDependencies();
    const guard = createGuard(fake.deps);
    await guard.navigation({ kind: 'committed', tabId: 5, url: 'https://devtools-portal.example/approve' });
    expect(fake.badges.get(5)?.text).toBe('');
    const signals: ContentSignals = {
      isTopFrame: true,
      isSecureContext: true,
      forms: [],
      asks: 'consent',
      brandingCues: ['brand-title', 'brand-logo'],
      appName: 'Bot',
      publisher: null,
    };
    const view = await guard.check({ type: 'page/check', signals }, page('https://devtools-portal.example/approve'));
    await guard.settled(5);
    expect(view?.verdict).toBe('danger');
    expect(view?.pageClaims.appName).toBe('Bot');
    expect(fake.badges.get(5)?.text).toBe('✕');
    // A page claiming to be a top frame while the browser says it is a sub-frame is still framed.
    await guard.navigation({ kind: 'committed', tabId: 5, url: 'https://host.example/' });
    const framed = await guard.check({ type: 'page/check', signals: { ...signals, brandingCues: [] } }, page(`${ADO}&scope=vso.profile`, 3));
    expect(framed?.findings.map((finding) => finding.id)).toContain('framed-consent-page');
    await guard.settled(5);
    expect(fake.badges.get(5)?.text).toBe('!');
  });

  it('dismisses warn for that request only, and never danger', async () => {
    const fake = fakeGuardDependencies();
    const guard = createGuard(fake.deps);
    const warnUrl = `${ADO}&scope=vso.code_write`;
    await guard.navigation({ kind: 'committed', tabId: 5, url: warnUrl });
    const view = await guard.check({ type: 'page/check', signals: null }, page(warnUrl));
    expect(await guard.dismiss({ type: 'page/dismiss', requestKey: 'ffffffffffffffff' }, page(warnUrl))).toEqual({ dismissed: false });
    expect(await guard.dismiss({ type: 'page/dismiss', requestKey: view!.requestKey }, page(warnUrl))).toEqual({ dismissed: true });
    // Reloading the same request: still dismissed, badge still warns.
    await guard.navigation({ kind: 'committed', tabId: 5, url: warnUrl });
    expect((await guard.check({ type: 'page/check', signals: null }, page(warnUrl)))?.dismissed).toBe(true);
    expect(fake.badges.get(5)?.text).toBe('!');
    // A different request is not dismissed.
    expect((await guard.check({ type: 'page/check', signals: null }, page(`${ADO}&scope=vso.code_manage`)))?.dismissed).toBe(false);

    const dangerUrl = `${ADO.replace('https:', 'http:')}&scope=vso.profile`;
    await guard.navigation({ kind: 'committed', tabId: 5, url: dangerUrl });
    const danger = await guard.check({ type: 'page/check', signals: null }, page(dangerUrl));
    expect(danger?.verdict).toBe('danger');
    expect(await guard.dismiss({ type: 'page/dismiss', requestKey: danger!.requestKey }, page(dangerUrl))).toEqual({ dismissed: false });
  });

  it("answers each frame's navigation with the view its guard will carry, and keeps a danger through history rewrites", async () => {
    const fake = fakeGuardDependencies();
    const guard = createGuard(fake.deps);
    const url = 'https://vlsualstudio.com/oauth2/authorize?response_type=Assertion&scope=vso.code';
    expect((await guard.navigation({ kind: 'committed', tabId: 5, url }))?.verdict).toBe('danger');
    expect((await guard.navigation({ kind: 'dom-ready', tabId: 5, url }))?.verdict).toBe('danger');
    // A pushState to a harmless-looking address on the same document does not shed the verdict.
    expect((await guard.navigation({ kind: 'history', tabId: 5, url: 'https://vlsualstudio.com/' }))?.verdict).toBe('danger');
    expect(fake.badges.get(5)?.text).toBe('✕');
    // A sub-frame on a lookalike host: its own view, and the tab's badge shows the worst.
    await guard.navigation({ kind: 'committed', tabId: 5, url: 'https://example.test/' });
    expect(fake.badges.get(5)?.text).toBe('');
    expect(
      (await guard.navigation({ kind: 'committed', tabId: 5, frameId: 3, url: 'https://app-vssps-visualstudio.com/oauth2/authorize?scope=vso.code' }))?.verdict,
    ).toBe('danger');
    expect(fake.badges.get(5)?.text).toBe('✕');
    // A blob: top frame is judged by its origin; an extension page leaves the record alone.
    expect((await guard.navigation({ kind: 'committed', tabId: 6, url: 'blob:https://app-vssps-visualstudio.com/5d1c' }))?.verdict).toBe('danger');
    expect(await guard.navigation({ kind: 'committed', tabId: 6, url: 'chrome-extension://abc/src/blocked/index.html' })).toBeNull();
    expect(fake.badges.get(6)?.text).toBe('✕');
  });

  it('"Leave this page" navigates the sender\'s own tab away', async () => {
    const fake = fakeGuardDependencies();
    await createGuard(fake.deps).leave({ tabId: 5 });
    expect(fake.navigations).toEqual([{ tabId: 5, url: LEAVE_URL }]);
  });
});
