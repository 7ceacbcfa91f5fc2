/**
 * Background triage and injection over in-memory fakes: which document gets the guard, when, and with which
 * view, from every signal the browser gives (navigations of every frame, titles, favicons, asset requests).
 */
import { describe, expect, it } from 'vitest';
import { startBackground } from '../../src/background/index';
import { pageCheck, pageDismiss, pageScanHit } from '../../src/messaging/page-messages';
import type { NavigationEvent } from '../../src/platform/navigation';
import type { TabChange } from '../../src/platform/tabs';
import type { AssetRequest } from '../../src/platform/web-request';
import { createFakePlatform, EXTENSION_BASE, fromPage } from './fake-platform';

const ADO = 'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&state=s&redirect_uri=https%3A%2F%2Fapp.example%2Fcb';

function setup(options: Parameters<typeof createFakePlatform>[0] = {}) {
  const fake = createFakePlatform(options);
  const background = startBackground(fake.platform);
  /** One navigation of one frame as the browser reports it: start, commit (a new document id), DOMContentLoaded. */
  const navigate = async (url: string, options: { frameId?: number; kinds?: NavigationEvent['kind'][]; documentId?: string } = {}) => {
    const documentId = fake.load(url, options);
    await background.whenIdle();
    return documentId;
  };
  const tabChanged = async (change: TabChange) => {
    fake.tabUpdated(change);
    await background.whenIdle();
  };
  const assetRequested = async (request: AssetRequest) => {
    fake.assetRequested(request);
    await background.whenIdle();
  };
  return { fake, background, navigate, tabChanged, assetRequested };
}

describe('background triage: when the guard is injected, and with what', () => {
  it('into a typo-squatted lookalike at commit, into exactly that document, carrying the danger view, once', async () => {
    const { fake, navigate } = setup();
    const documentId = await navigate('https://app.vsspz.visualstudlo.com/');
    expect(fake.injections).toEqual([{ tabId: 5, frameId: 0, documentId, verdict: 'danger', banner: true }]);
    expect(fake.badges.get(5)?.text).toBe('✕');
    // A reload is a new document: started again.
    await navigate('https://app.vsspz.visualstudlo.com/');
    expect(fake.injections).toHaveLength(2);
  });

  it('at commit even when the document never reaches DOMContentLoaded (a page that never finishes or calls window.stop())', async () => {
    const { fake, navigate } = setup();
    await navigate(`${ADO.replace('app.vssps.visualstudio.com', 'app-vssps-visualstudio.com')}&scope=vso.code`, { kinds: ['before', 'committed'] });
    expect(fake.injections).toMatchObject([{ frameId: 0, verdict: 'danger' }]);
  });

  it('into a genuine page whose request deserves a warning; an ok request gets the guard without a banner view', async () => {
    const { fake, navigate } = setup();
    const warnUrl = `${ADO}&scope=vso.code_write`;
    await navigate(warnUrl);
    expect(fake.injections).toMatchObject([{ frameId: 0, verdict: 'warn', banner: true }]);
    const view = await fake.send(pageCheck, fromPage(warnUrl), { signals: null });
    expect(await fake.send(pageDismiss, fromPage(warnUrl), { requestKey: view!.requestKey })).toEqual({ dismissed: true });
    // Dismissed: the badge still warns after a reload, the guard still looks (its URL is telltale), but carries no banner.
    await navigate(warnUrl);
    expect(fake.badges.get(5)?.text).toBe('!');
    expect(fake.injections[1]).toMatchObject({ frameId: 0, verdict: 'warn', banner: false });
  });

  it('never into an ordinary page: no navigation, title or favicon of it gives a reason', async () => {
    const { fake, navigate, tabChanged } = setup();
    await navigate('https://example.test/');
    await navigate('https://news.example.test/article?id=1');
    await tabChanged({ tabId: 5, tabUrl: 'https://news.example.test/article?id=1', title: 'Local news: the council meets' });
    await tabChanged({ tabId: 5, tabUrl: 'https://news.example.test/article?id=1', favIconUrl: 'https://news.example.test/favicon.ico' });
    await navigate('about:blank', { frameId: 4 });
    expect(fake.injections).toEqual([]);
  });

  it('a page that pushes an authorize URL into its history gets the banner in the same document', async () => {
    const { fake, navigate } = setup();
    const documentId = await navigate('https://spa.example/');
    expect(fake.injections).toEqual([]);
    await navigate('https://spa.example/oauth2/authorize?client_id=c&response_type=Assertion&scope=vso.code_full', { kinds: ['history'], documentId });
    expect(fake.injections).toMatchObject([{ frameId: 0, documentId, verdict: 'danger' }]);
  });

  it('a page whose title turns into a sign-in page later gets the guard then; a Microsoft favicon on a foreign page too', async () => {
    const { fake, navigate, tabChanged } = setup();
    await navigate('https://plain.example.test/');
    await tabChanged({ tabId: 5, tabUrl: 'https://plain.example.test/', title: 'Sign in to your account' });
    expect(fake.injections).toMatchObject([{ frameId: 0, verdict: null }]);
    // The same document again: not injected twice.
    await tabChanged({ tabId: 5, tabUrl: 'https://plain.example.test/', title: 'Sign in to your account ' });
    expect(fake.injections).toHaveLength(1);
    await navigate('https://other.example/');
    await tabChanged({ tabId: 5, tabUrl: 'https://other.example/', favIconUrl: 'https://aadcdn.msftauth.net/shared/1.0/favicon.ico' });
    expect(fake.injections).toHaveLength(2);
    // Microsoft's own sign-in page with its own title and icon: the declared guard runs there already.
    await navigate('https://login.microsoftonline.com/common/login');
    const before = fake.injections.length;
    await tabChanged({ tabId: 5, tabUrl: 'https://login.microsoftonline.com/common/login', title: 'Sign in to your account' });
    expect(fake.injections).toHaveLength(before);
  });

  it('a blank popup a page opened (its opener may write into it) is looked at; a blank tab nobody opened is not; a data: frame is', async () => {
    const opened = setup({ openedByPage: [5] });
    // window.open(''): the tab stays on about:blank while the opener writes the clone; its title never reaches us.
    await opened.navigate('about:blank');
    expect(opened.fake.injections).toMatchObject([{ tabId: 5, frameId: 0, verdict: null }]);
    const { fake, navigate } = setup();
    await navigate('about:blank');
    expect(fake.injections).toHaveLength(0);
    await navigate('https://viewer.example/');
    await navigate('data:text/html;base64,PGgxPng8L2gxPg==', { frameId: 4 });
    expect(fake.injections.at(-1)).toMatchObject({ frameId: 4, verdict: null });
  });

  it('a hash-routed app moving to #/oauth2/authorize?… is judged as the authorize address it shows', async () => {
    const { fake, navigate } = setup();
    await navigate('https://deploy.example/');
    expect(fake.injections).toHaveLength(0);
    await navigate(
      'https://deploy.example/#/oauth2/authorize?client_id=c&response_type=Assertion&scope=vso.code_full&redirect_uri=https%3A%2F%2Fdeploy.example%2Fcb',
      {
        kinds: ['fragment'],
      },
    );
    expect(fake.injections).toMatchObject([{ frameId: 0, verdict: 'danger', banner: true }]);
    expect(fake.badges.get(5)?.text).toBe('✕');
  });

  it('a frame that loads Microsoft sign-in assets gets the guard; Microsoft pages loading them do not', async () => {
    const { fake, navigate, assetRequested } = setup();
    await navigate('https://shop.example/');
    await assetRequested({ tabId: 5, frameId: 7, url: 'https://aadcdn.msftauth.net/logo.svg', requester: 'https://shop.example' });
    expect(fake.injections).toMatchObject([{ frameId: 7, verdict: null }]);
    await assetRequested({ tabId: 5, frameId: 8, url: 'https://aadcdn.msftauth.net/logo.svg', requester: 'https://login.microsoftonline.com' });
    expect(fake.injections).toHaveLength(1);
  });

  it("blob: top frames and srcdoc frames are looked at; a frame's danger is shown in the top frame too", async () => {
    const { fake, background, navigate } = setup();
    await navigate('blob:https://files.example/1b2c');
    expect(fake.injections).toMatchObject([{ frameId: 0, verdict: null }]);
    await navigate('https://host.example/');
    await navigate('about:srcdoc', { frameId: 2 });
    expect(fake.injections.at(-1)).toMatchObject({ frameId: 2, verdict: null });
    // A lookalike consent frame: its own banner, and the top frame's.
    await navigate(`${ADO.replace('app.vssps.visualstudio.com', 'app-vssps-visualstudio.com')}&scope=vso.code`, { frameId: 3 });
    expect(fake.injections.slice(-2)).toMatchObject([
      { frameId: 3, verdict: 'danger' },
      { frameId: 0, verdict: 'danger' },
    ]);
    // A frame's page check that finds danger (branding in an about:blank frame) goes to the top frame as well.
    const count = fake.injections.length;
    const framed = await fake.send(pageCheck, fromPage('about:blank', { frameId: 9, origin: 'https://clone.example' }), {
      signals: {
        isTopFrame: false,
        isSecureContext: true,
        forms: [{ action: 'https://clone.example/login', asks: 'credentials' }],
        asks: 'credentials',
        brandingCues: ['brand-title', 'brand-logo', 'sign-in-markup'],
        appName: null,
        publisher: null,
      },
    });
    expect(framed?.verdict).toBe('danger');
    await background.whenIdle();
    expect(fake.injections).toHaveLength(count + 1);
    expect(fake.injections.at(-1)).toMatchObject({ frameId: 0, verdict: 'danger', banner: true });
  });

  it("the thorough mode's scan hit starts the guard in the sender's frame, taken from the sender, never from the payload", async () => {
    const { fake, background } = setup();
    const sender = fromPage('https://evil.example/approve', { tabId: 7, frameId: 3 });
    expect(await fake.send(pageScanHit, sender)).toEqual({ started: true });
    await background.whenIdle();
    expect(fake.injections).toMatchObject([{ tabId: 7, frameId: 3 }]);
    // An about:blank frame may send it too (judged by its creator's origin); other extensions, extension pages and payload tab ids may not.
    expect(await fake.send(pageScanHit, { ...sender, url: 'about:blank', origin: 'https://evil.example', frameId: 4 })).toEqual({ started: true });
    expect(await fake.deliver({ type: pageScanHit.type, tabId: 1, frameId: 0 }, sender)).toEqual({ error: 'rejected' });
    expect(await fake.deliver({ type: pageScanHit.type }, { ...sender, url: `${EXTENSION_BASE}src/popup/index.html` })).toEqual({ error: 'rejected' });
    expect(await fake.deliver({ type: pageScanHit.type }, { ...sender, id: 'another-extension' })).toEqual({ error: 'rejected' });
    await background.whenIdle();
    expect(fake.injections).toHaveLength(2);
  });

  it('a frame that cannot be scripted is logged, not thrown, and tried again at the next signal', async () => {
    const { fake, background, assetRequested } = setup();
    fake.state.failInjection = () => new Error('Frame with ID 3 was removed.');
    const request = { tabId: 7, frameId: 3, url: 'https://aadcdn.msftauth.net/logo.svg', requester: 'https://shop.example' };
    await assetRequested(request);
    expect(fake.injections).toEqual([]);
    expect(fake.logs).toContainEqual(expect.stringContaining('Frame with ID 3 was removed'));
    fake.state.failInjection = null;
    await assetRequested(request);
    await background.whenIdle();
    expect(fake.injections).toMatchObject([{ tabId: 7, frameId: 3 }]);
  });
});
