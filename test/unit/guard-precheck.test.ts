// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hostOf, pageLooksRelevant, titleLooksRelevant, urlLooksRelevant } from '../../src/content/precheck';

const fixtureTitle = (name: string) => /<title>([^<]*)<\/title>/.exec(readFileSync(path.join(import.meta.dirname, '../e2e/pages', name), 'utf8'))?.[1] ?? '';

describe('pre-check: what matches', () => {
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

  it('a title that is not a string (a page clobbering document.title) counts as a match', () => {
    expect(titleLooksRelevant({ nodeName: 'IMG' })).toBe(true);
    expect(titleLooksRelevant(undefined)).toBe(true);
  });
});

describe('pre-check: what does not match', () => {
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

describe('pre-check content script (src/content/index.ts)', () => {
  const sendMessage = vi.fn((_message: unknown) => Promise.resolve(undefined as unknown));
  const run = async (url: string, title: string) => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
    document.title = title;
    vi.resetModules();
    await import('../../src/content/index');
  };
  beforeEach(() => {
    sendMessage.mockClear();
    vi.stubGlobal('chrome', { runtime: { sendMessage } });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('on a match sends one message that names only its type, and touches no element', async () => {
    const querySelector = vi.spyOn(document, 'querySelector');
    const querySelectorAll = vi.spyOn(document, 'querySelectorAll');
    await run('https://evil.example/approve', 'Sign in to your account');
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(sendMessage).toHaveBeenCalledWith({ type: 'page/precheck-hit' });
    expect(querySelector).not.toHaveBeenCalled();
    expect(querySelectorAll).not.toHaveBeenCalled();
  });

  it('on an ordinary page sends nothing', async () => {
    await run('https://example.test/', 'An ordinary page');
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('prefers the browser namespace, and survives a rejected or throwing sendMessage', async () => {
    const viaBrowser = vi.fn(() => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')));
    vi.stubGlobal('browser', { runtime: { sendMessage: viaBrowser } });
    await run('https://login-portal.example/', 'x');
    expect(viaBrowser).toHaveBeenCalledTimes(1);
    expect(sendMessage).not.toHaveBeenCalled();
    vi.stubGlobal('browser', {
      runtime: {
        sendMessage: () => {
          throw new Error('Extension context invalidated.');
        },
      },
    });
    await expect(run('https://login-portal.example/', 'x')).resolves.toBeUndefined();
  });
});

describe('full guard entry (src/content/guard-main.ts)', () => {
  it('starts the guard once per document, however often it is injected', async () => {
    const startContentGuard = vi.fn();
    vi.doMock('../../src/content/guard', () => ({ startContentGuard }));
    try {
      for (let injection = 0; injection < 3; injection++) {
        vi.resetModules();
        await import('../../src/content/guard-main');
      }
      expect(startContentGuard).toHaveBeenCalledTimes(1);
      expect(startContentGuard).toHaveBeenCalledWith(document, window);
    } finally {
      vi.doUnmock('../../src/content/guard');
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('consent-guard.started')];
    }
  });
});
