/** The guard in the background, as src/background/index.ts wires it, over the in-memory browser: badge, flow, page checks, dismissals. */
import { describe, expect, it } from 'vitest';
import { LEAVE_URL } from '../../src/background/page-actions';
import { flowKey, tabKey, type TabRecord } from '../../src/background/tab-record';
import { startBackground } from '../../src/background/index';
import { BADGE_COLORS } from '../../src/background/view';
import { pageCheck, pageDismiss, pageLeave, type ContentSignals } from '../../src/messaging/page-messages';
import { popupTabVerdict } from '../../src/messaging/popup-messages';
import type { NavigationKind } from '../../src/platform/navigation';
import { createFakePlatform, fromExtensionPage, fromPage, type FakePlatformOptions } from './fake-platform';

const ADO = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb';
const ENTRA_START =
  'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c&response_type=code&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=499b84ac-1321-427f-aa17-267ca6975798%2Fvso.code_write';
const CONSENT = 'https://login.microsoftonline.com/common/login';

function setup(options: FakePlatformOptions = {}) {
  const fake = createFakePlatform(options);
  const background = startBackground(fake.platform);
  const navigate = async (kind: NavigationKind, url: string, extra: { tabId?: number; frameId?: number; transitionType?: string } = {}) => {
    fake.navigation({ kind, url, ...extra });
    await background.whenIdle();
  };
  const check = async (url: string, signals: ContentSignals | null, frameId = 0) => {
    const view = await fake.send(pageCheck, fromPage(url, { frameId }), { signals });
    await background.whenIdle();
    return view;
  };
  const record = (tabId = 5) => fake.session.data.get(tabKey(tabId)) as TabRecord | undefined;
  return { fake, background, navigate, check, record };
}

describe('background guard', () => {
  it('sets the badge per DESIGN.md from the top-frame navigation alone', async () => {
    const { fake, navigate } = setup();
    await navigate('committed', `${ADO}&scope=vso.profile`);
    expect(fake.badges.get(5)).toMatchObject({ text: 'OK', color: BADGE_COLORS.ok });
    await navigate('committed', `${ADO}&scope=vso.code_write`);
    expect(fake.badges.get(5)).toMatchObject({ text: '!', color: BADGE_COLORS.warn });
    expect(fake.badges.get(5)?.title).toContain('powerful access');
    await navigate('committed', `${ADO.replace('app.vssps.visualstudio.com', 'app-vssps-visualstudio.com')}&scope=vso.code`);
    expect(fake.badges.get(5)).toMatchObject({ text: '✕', color: BADGE_COLORS.danger });
    await navigate('committed', 'https://example.test/');
    expect(fake.badges.get(5)).toMatchObject({ text: '', color: null });
  });

  it('tracks the flow through the sign-in POST, survives a service-worker restart, and clears it when the tab closes', async () => {
    const first = setup();
    await first.navigate('before', ENTRA_START);
    // A new background over the same storage: what a restarted service worker sees.
    const restarted = setup({ storageOf: first.fake });
    await restarted.navigate('committed', CONSENT, { transitionType: 'form_submit' });
    expect(restarted.record()?.view).toMatchObject({ verdict: 'warn', fromTrackedFlow: true, flow: 'entra-v2' });
    expect(restarted.record()?.view?.scopes.map((scope) => scope.id)).toEqual(['vso.code_write']);
    // The popup asks for the tab's verdict through the protocol, and gets the same view.
    const popup = await restarted.fake.send(popupTabVerdict, fromExtensionPage('popup'), { tabId: 5 });
    expect(popup.view).toEqual(restarted.record()?.view);
    restarted.fake.tabRemoved(5);
    await restarted.background.whenIdle();
    expect(restarted.fake.session.data.has(tabKey(5))).toBe(false);
    expect(restarted.fake.session.data.has(flowKey(5))).toBe(false);
  });

  it('page signals only add warnings: branding on a foreign host turns none into danger, never the reverse', async () => {
    const { fake, navigate, check } = setup();
    await navigate('committed', 'https://devtools-portal.example/approve');
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
    const view = await check('https://devtools-portal.example/approve', signals);
    expect(view?.verdict).toBe('danger');
    expect(view?.pageClaims.appName).toBe('Bot');
    expect(fake.badges.get(5)?.text).toBe('✕');
    // A page claiming to be a top frame while the browser says it is a sub-frame is still framed.
    await navigate('committed', 'https://host.example/');
    const framed = await check(`${ADO}&scope=vso.profile`, { ...signals, brandingCues: [] }, 3);
    expect(framed?.findings.map((finding) => finding.id)).toContain('framed-consent-page');
    expect(fake.badges.get(5)?.text).toBe('!');
  });

  it('dismisses warn for that request only, and never danger', async () => {
    const { fake, navigate, check, record } = setup();
    const warnUrl = `${ADO}&scope=vso.code_write`;
    await navigate('committed', warnUrl);
    const view = await check(warnUrl, null);
    expect(await fake.send(pageDismiss, fromPage(warnUrl), { requestKey: 'ffffffffffffffff' })).toEqual({ dismissed: false });
    expect(await fake.send(pageDismiss, fromPage(warnUrl), { requestKey: view!.requestKey })).toEqual({ dismissed: true });
    // Reloading the same request: still dismissed (the page is told to show nothing), the badge still warns.
    await navigate('committed', warnUrl);
    expect(await check(warnUrl, null)).toBeNull();
    expect(record()?.view).toMatchObject({ verdict: 'warn', dismissed: true });
    expect(fake.badges.get(5)?.text).toBe('!');
    // A different request is not dismissed.
    expect((await check(`${ADO}&scope=vso.code_manage`, null))?.dismissed).toBe(false);

    const dangerUrl = `${ADO.replace('https:', 'http:')}&scope=vso.profile`;
    await navigate('committed', dangerUrl);
    const danger = await check(dangerUrl, null);
    expect(danger?.verdict).toBe('danger');
    expect(await fake.send(pageDismiss, fromPage(dangerUrl), { requestKey: danger!.requestKey })).toEqual({ dismissed: false });
  });

  it('keeps a danger through history rewrites, shows the worst frame on the badge, and judges blob: documents by their origin', async () => {
    const { fake, navigate, record } = setup();
    const url = 'https://vlsualstudio.com/oauth2/authorize?response_type=Assertion&scope=vso.code';
    await navigate('committed', url);
    expect(record()?.top?.verdict).toBe('danger');
    // A pushState to a harmless-looking address on the same document does not shed the verdict.
    await navigate('history', 'https://vlsualstudio.com/');
    expect(record()?.top?.verdict).toBe('danger');
    expect(fake.badges.get(5)?.text).toBe('✕');
    // A sub-frame on a lookalike host: its own view, and the tab's badge shows the worst.
    await navigate('committed', 'https://example.test/');
    expect(fake.badges.get(5)?.text).toBe('');
    await navigate('committed', 'https://app-vssps-visualstudio.com/oauth2/authorize?scope=vso.code', { frameId: 3 });
    expect(record()?.frames['3']?.verdict).toBe('danger');
    expect(fake.badges.get(5)?.text).toBe('✕');
    // A blob: top frame is judged by its origin; an extension page leaves the record alone.
    await navigate('committed', 'blob:https://app-vssps-visualstudio.com/5d1c', { tabId: 6 });
    expect(record(6)?.top?.verdict).toBe('danger');
    await navigate('committed', 'chrome-extension://abc/src/blocked/index.html', { tabId: 6 });
    expect(fake.badges.get(6)?.text).toBe('✕');
  });

  it('"Leave this page" navigates the sender\'s own tab away', async () => {
    const { fake } = setup();
    expect(await fake.send(pageLeave, fromPage('https://evil.example/', { tabId: 5 }))).toEqual({ left: true });
    expect(fake.navigations).toEqual([{ tabId: 5, url: LEAVE_URL }]);
  });
});
