// @vitest-environment happy-dom
/** The guard in a document that has already loaded (src/content/page-guard.tsx): what it does first. */
import { describe, expect, it, vi } from 'vitest';
import { HOST_ATTRIBUTE } from '../../src/content/banner/mount';
import { pageCheck } from '../../src/messaging/page-messages';
import type { PageView } from '../../src/messaging/page-view';

const DANGER: PageView = {
  verdict: 'danger',
  requestKey: '0123456789abcdef',
  url: 'https://deploy-tools.example/oauth2/authorize?client_id=c&response_type=Assertion&scope=vso.code_full',
  host: { name: 'deploy-tools.example', unicode: 'deploy-tools.example', trusted: false, imitates: null },
  flow: 'azure-devops-oauth',
  fromTrackedFlow: false,
  findings: [{ id: 'untrusted-authorize-host', severity: 'danger', message: 'This is not Microsoft.' }],
  scopes: [],
  includes: [],
  pageClaims: { appName: null, publisher: null },
  dismissed: false,
};

describe('the guard started in a loaded page (a pushState to an authorize URL)', () => {
  it('puts the banner it was handed up before it reads the page, then reads the page and reports it', async () => {
    const send = vi.fn(async () => null);
    vi.doMock('../../src/messaging/page-send', () => ({ send }));
    try {
      vi.resetModules();
      const { startPageGuard } = await import('../../src/content/page-guard');
      document.body.innerHTML = '<h1>Deploy tools</h1><p>Deploy Bot would like to access your account.</p><button>Accept</button>';
      expect(document.readyState).toBe('complete');
      startPageGuard(document, window, DANGER);
      // The banner is in the document when the guard returns; the page's signals have not been read yet.
      expect(document.querySelector(`[${HOST_ATTRIBUTE}="danger"]`)).not.toBeNull();
      expect(send).not.toHaveBeenCalled();
      await vi.waitFor(() => expect(send).toHaveBeenCalledWith(pageCheck, { signals: expect.objectContaining({ isTopFrame: true }) }));
    } finally {
      vi.doUnmock('../../src/messaging/page-send');
      // The banner keeps a timer (it re-checks the top layer and the page's zoom); it must not fire into the
      // torn-down window after this file ends.
      await (window as Window & { happyDOM?: { abort(): Promise<void> } }).happyDOM?.abort();
    }
  });
});
