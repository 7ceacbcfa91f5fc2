// @vitest-environment happy-dom
/** Background triage: the cheap tests on addresses, titles and favicons that decide whether the guard looks at a page. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { PageView } from '../../src/messaging/page-view';
import {
  faviconLooksMicrosoft,
  hostOf,
  isMicrosoftSite,
  hashRoutedUrl,
  isBlankTopDocument,
  isOpaqueDocument,
  judgedUrl,
  pageLooksRelevant,
  titleLooksRelevant,
  urlLooksRelevant,
} from '../../src/background/triage';

const fixtureTitle = (name: string) => /<title>([^<]*)<\/title>/.exec(readFileSync(path.join(import.meta.dirname, '../e2e/pages', name), 'utf8'))?.[1] ?? '';

describe('triage: what matches', () => {
  it.each([
    'https://app.vssps.visualstudio.com/oauth2/authorize?x',
    'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    'http://app.vssps.visualstudio.com/',
    'https://evil.example/a?client_id=1&scope=vso.code',
    'https://evil.example/consent?response_type=code',
    'https://evil.example/oauth2/v2.0/authorize',
    'https://xn--vsualstudio-xyz.com/',
    'https://app.vssps.visualstudlo.com/',
    'https://app-vssps-visualstudio.com/oauth2/authorize',
    'https://micros0ft-support.example/',
    'https://192.0.2.7/',
    'https://[2001:db8::1]/',
    'https://login.microsoftonline.com@evil.example/',
    'https://microsoft.com.evil.example/devicelogin',
  ])('the URL %s', (url) => {
    expect(urlLooksRelevant(url)).toBe(true);
    expect(pageLooksRelevant(url, 'Untitled')).toBe(true);
  });

  it.each(['ado-approval.html', 'entra-signin.html', 'entra-consent.html', 'news.html'])('the title of the %s fixture', (name) => {
    expect(titleLooksRelevant(fixtureTitle(name))).toBe(true);
    expect(pageLooksRelevant('https://devtools-portal.example/approve', fixtureTitle(name))).toBe(true);
  });

  it.each([
    'https://microsofonline.trafficmanager.net/common/oauth2/v2.0/authorize',
    'https://safelinks.example/?url=https%3A%2F%2Fapp-vssps-visualstudio.com%2Foauth2%2Fauthorize',
    'https://mail.example/r?u=https%253A%252F%252Flogin-microsofonline.example%252F',
    'https://redirect.example/go?to=https://192.0.2.7/consent',
  ])('the URL %s (a misspelt name, or a lookalike nested in a parameter)', (url) => {
    expect(urlLooksRelevant(url)).toBe(true);
  });

  it('a title that is not a string (a page clobbering document.title) counts as a match', () => {
    expect(titleLooksRelevant({ nodeName: 'IMG' })).toBe(true);
    expect(titleLooksRelevant(undefined)).toBe(true);
  });
});

describe('triage: what does not match', () => {
  it.each([
    ['https://example.test/', 'An ordinary page'],
    ['https://plain.example.test/', 'Welcome'],
    ['https://news.example.test/article?id=42', 'Local news'],
    ['https://shop.example/cart?item=42&qty=1', 'Your cart'],
    ['https://docs.example/guide#installation', 'Installation guide'],
    // Nothing telltale in URL or title: the background's own analysis of the navigation catches this one.
    ['https://app.vsspz.visualstudlo.com/', 'Welcome'],
  ])('%s titled "%s"', (url, title) => {
    expect(pageLooksRelevant(url, title)).toBe(false);
  });

  it('reads the host without userinfo or port', () => {
    expect(hostOf('https://User@Login.Example:8443/x?y')).toBe('login.example');
    expect(hostOf('https://example.test/path/login?x')).toBe('example.test');
  });
});

describe('triage: documents, favicons and Microsoft sites', () => {
  it('looks inside documents whose address says nothing: blob:, data: and srcdoc documents in any frame, not about:blank', () => {
    expect(isOpaqueDocument('blob:https://evil.example/6c1f0a2e')).toBe(true);
    expect(isOpaqueDocument('about:srcdoc')).toBe(true);
    // A full-page data: frame is as opaque as a srcdoc one.
    expect(isOpaqueDocument('data:text/html,<h1>x</h1>')).toBe(true);
    // A file opened from this computer (an HTML attachment): its name says nothing about what it shows.
    expect(isOpaqueDocument('file:///C:/Users/ana/Downloads/Remittance%20advice.html')).toBe(true);
    expect(isOpaqueDocument('FILE:///home/ana/invoice.htm')).toBe(true);
    expect(isOpaqueDocument('about:blank')).toBe(false);
    expect(isOpaqueDocument('https://example.test/')).toBe(false);
  });

  it('judges blob: documents by their origin and about: documents by their creator, never by what is not a web origin', () => {
    expect(judgedUrl('https://evil.example/a?b', null)).toBe('https://evil.example/a?b');
    expect(judgedUrl('blob:https://evil.example/6c1f0a2e', null)).toBe('https://evil.example/');
    expect(judgedUrl('about:srcdoc', 'https://host.example/page?x')).toBe('https://host.example/');
    expect(judgedUrl('about:blank', null)).toBeNull();
    expect(judgedUrl('chrome-extension://abc/src/blocked/index.html', null)).toBeNull();
    expect(judgedUrl('about:blank', 'chrome-extension://abc/')).toBeNull();
    // A file is judged as a file, whoever framed it.
    expect(judgedUrl('file:///home/ana/invoice.html', 'https://host.example/')).toBe('file:///home/ana/invoice.html');
    // What a file makes is the file's (its blob: URLs are blob:null/…, its frames' origin opaque).
    expect(judgedUrl('blob:null/6c1f0a2e', 'file:///home/ana/invoice.html')).toBe('file:///home/ana/invoice.html');
    expect(judgedUrl('about:srcdoc', 'file:///home/ana/invoice.html')).toBe('file:///home/ana/invoice.html');
    expect(judgedUrl('blob:https://evil.example/6c1f0a2e', 'file:///home/ana/invoice.html')).toBe('https://evil.example/');
  });

  it('judges a hash route to an authorization address as that address; ordinary fragments and real authorize URLs stay as they are', () => {
    expect(judgedUrl('https://app.example/#/oauth2/authorize?client_id=c&scope=vso.code', null)).toBe(
      'https://app.example/oauth2/authorize?client_id=c&scope=vso.code',
    );
    expect(hashRoutedUrl('https://app.example/#!/oauth2/authorize?scope=vso.code')).toBe('https://app.example/oauth2/authorize?scope=vso.code');
    expect(hashRoutedUrl('https://docs.example/guide#scopes')).toBeNull();
    expect(hashRoutedUrl('https://app.example/callback#code=abc&state=s')).toBeNull();
    expect(hashRoutedUrl('https://app.example/#/settings?tab=profile')).toBeNull();
    // The address itself is an authorize request: its own query decides, not whatever follows the #.
    const real = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c&scope=openid#/x?scope=y';
    expect(judgedUrl(real, null)).toBe(real);
  });

  it('knows a blank top document (a popup written by its opener) from other about: pages', () => {
    expect(isBlankTopDocument('about:blank')).toBe(true);
    expect(isBlankTopDocument('about:blank#x')).toBe(true);
    expect(isBlankTopDocument('about:blankest')).toBe(false);
    expect(isBlankTopDocument('about:srcdoc')).toBe(false);
    expect(isBlankTopDocument(undefined)).toBe(false);
  });

  it("a Microsoft sign-in favicon on a foreign page is a signal; on Microsoft's own pages it is not", () => {
    const hosts = ['aadcdn.msftauth.net'];
    expect(faviconLooksMicrosoft('https://aadcdn.msftauth.net/shared/1.0/content/images/favicon_a.ico', 'https://evil.example/', hosts)).toBe(true);
    expect(
      faviconLooksMicrosoft('https://aadcdn.msftauth.net/shared/1.0/content/images/favicon_a.ico', 'https://login.microsoftonline.com/common/login', hosts),
    ).toBe(false);
    expect(faviconLooksMicrosoft('https://example.test/favicon.ico', 'https://example.test/', hosts)).toBe(false);
    expect(faviconLooksMicrosoft('data:image/png;base64,AAAA', 'https://evil.example/', hosts)).toBe(false);
  });

  it("knows Microsoft's sites from lookalikes", () => {
    expect(isMicrosoftSite('https://login.microsoftonline.com/x')).toBe(true);
    expect(isMicrosoftSite('https://dev.azure.com/org')).toBe(true);
    expect(isMicrosoftSite('https://app-vssps-visualstudio.com/')).toBe(false);
    expect(isMicrosoftSite('https://evil.example/')).toBe(false);
    expect(isMicrosoftSite(undefined)).toBe(false);
  });
});

describe('guard entry (src/content/guard-main.ts)', () => {
  it('starts the guard once per document with the view the background left, and hands later views to it', async () => {
    const show = vi.fn();
    const startPageGuard = vi.fn((..._args: unknown[]) => ({ show }));
    const view: PageView = {
      verdict: 'danger',
      requestKey: '0123456789abcdef',
      url: 'https://app-vssps-visualstudio.com/',
      host: { name: 'app-vssps-visualstudio.com', unicode: 'app-vssps-visualstudio.com', trusted: false, imitates: 'app.vssps.visualstudio.com' },
      flow: null,
      fromTrackedFlow: false,
      findings: [],
      scopes: [],
      includes: [],
      pageClaims: { appName: null, publisher: null },
      dismissed: false,
    };
    vi.doMock('../../src/content/page-guard', () => ({ startPageGuard }));
    const world = globalThis as unknown as Record<symbol, unknown>;
    try {
      // The background delivers the view as JSON text (src/messaging/checked.ts encodePush).
      world[Symbol.for('consent-guard.view')] = JSON.stringify(view);
      for (let injection = 0; injection < 3; injection++) {
        vi.resetModules();
        await import('../../src/content/guard-main');
      }
      expect(startPageGuard).toHaveBeenCalledTimes(1);
      expect(startPageGuard).toHaveBeenCalledWith(document, window, view);
      expect(world[Symbol.for('consent-guard.view')]).toBeUndefined();
      const receive = world[Symbol.for('consent-guard.receive')] as (value: unknown) => void;
      receive(JSON.stringify({ ...view, verdict: 'warn' }));
      // Not views by the push's schema (src/messaging/page-messages.ts guardShow), or not JSON text: ignored.
      receive(JSON.stringify({ verdict: 'ok' }));
      receive(JSON.stringify({ ...view, verdict: 'evil' }));
      receive(JSON.stringify({ ...view, findings: [{ id: 'x', severity: 'danger', message: 'm', html: '<b>' }] }));
      receive({ ...view, verdict: 'warn' });
      receive('{not json');
      expect(show).toHaveBeenCalledTimes(1);
      expect(show).toHaveBeenCalledWith(expect.objectContaining({ verdict: 'warn' }));
    } finally {
      vi.doUnmock('../../src/content/page-guard');
      for (const name of ['started', 'view', 'receive']) delete world[Symbol.for(`consent-guard.${name}`)];
    }
  });
});
