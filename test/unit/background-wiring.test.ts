/**
 * The background's wiring itself (src/background/index.ts): nothing happens on import, every browser event it
 * needs is listened to once started, and the start-up work (tabs open before the worker, the thorough mode,
 * the context menu) reaches the browser. Run over the in-memory browser, the same wiring the service worker runs.
 */
import { describe, expect, it } from 'vitest';
import { tabKey } from '../../src/background/tab-record';
import { MICROSOFT_ASSET_HOSTS } from '../../src/background/triage';
import { optionsScanEveryPage } from '../../src/messaging/policy-messages';
import { analyzeUrl } from '../../src/core';
import { loadCorpus } from '../corpus/load';
import { createFakePlatform, fromExtensionPage } from './fake-platform';

const LOOKALIKE = 'https://app-vssps-visualstudio.com/oauth2/authorize?client_id=c&response_type=Assertion&scope=vso.code';

describe('the background wiring', () => {
  // The polyfill is an empty object here (test/unit/setup.ts): work at import time would throw on the import itself.
  it('does nothing on import: no listener, no storage, no browser call until it is started', async () => {
    const fake = createFakePlatform();
    const { startBackground } = await import('../../src/background/index');
    fake.navigation({ kind: 'committed', url: LOOKALIKE });
    expect(fake.badges.size).toBe(0);
    expect(fake.session.data.size).toBe(0);
    const background = startBackground(fake.platform);
    fake.navigation({ kind: 'committed', url: LOOKALIKE });
    await background.whenIdle();
    expect(fake.badges.get(5)?.text).toBe('✕');
  });

  // #11: whatever cheap test decides to look at a page, it must never keep a warn or danger verdict from the
  // user. Every corpus address the browser could open is navigated to, and its banner must be injected.
  it('every warn or danger address in the corpus gets its banner injected on navigation', async () => {
    const { startBackground } = await import('../../src/background/index');
    const fake = createFakePlatform();
    const background = startBackground(fake.platform);
    const expected = loadCorpus().flatMap((entry) => {
      if (!/^https?:/i.test(entry.url)) return [];
      const result = analyzeUrl(entry.url);
      return result.ok && (result.analysis.verdict === 'danger' || result.analysis.verdict === 'warn')
        ? [{ url: entry.url, verdict: result.analysis.verdict }]
        : [];
    });
    expect(expected.length).toBeGreaterThan(200);
    expected.forEach(({ url }, index) => fake.navigation({ kind: 'committed', url, tabId: 1000 + index }));
    await background.whenIdle();
    const missed = expected.filter(
      ({ verdict }, index) =>
        !fake.injections.some((injection) => injection.tabId === 1000 + index && injection.banner === true && injection.verdict === verdict),
    );
    expect(missed).toEqual([]);
  });

  it('judges the tabs that were open before the worker started, from their address and title', async () => {
    const { startBackground } = await import('../../src/background/index');
    const fake = createFakePlatform({
      openTabs: [
        { id: 3, url: LOOKALIKE, title: 'Azure DevOps' },
        { id: 4, url: 'https://example.test/', title: 'Sign in to your account' },
        { id: 6, url: 'https://example.test/news', title: 'Local news' },
      ],
    });
    const background = startBackground(fake.platform);
    await background.whenIdle();
    expect(fake.badges.get(3)?.text).toBe('✕');
    expect(fake.injections).toMatchObject([
      { tabId: 3, frameId: 0, verdict: 'danger', banner: true },
      { tabId: 4, frameId: 0, verdict: null },
    ]);
    expect(fake.session.data.has(tabKey(6))).toBe(true);
    expect(fake.injections.some((injection) => injection.tabId === 6)).toBe(false);
  });

  it("watches Microsoft's sign-in asset hosts, and the context menu opens the link check page with the link", async () => {
    const { startBackground } = await import('../../src/background/index');
    const fake = createFakePlatform();
    const background = startBackground(fake.platform);
    fake.assetRequested({ tabId: 5, frameId: 2, url: `https://${MICROSOFT_ASSET_HOSTS[0]}/logo.svg`, requester: 'https://shop.example' });
    fake.menuClicked({ menuItemId: 'consent-guard-check-link', linkUrl: LOOKALIKE });
    await background.whenIdle();
    expect(fake.injections).toMatchObject([{ tabId: 5, frameId: 2 }]);
    expect(fake.openedPages).toEqual([`src/linkcheck/index.html?link=${encodeURIComponent(LOOKALIKE)}`]);
  });

  it("registers the thorough mode's scan exactly while the user (or the policy) wants it", async () => {
    const { startBackground } = await import('../../src/background/index');
    const fake = createFakePlatform();
    const background = startBackground(fake.platform);
    const options = fromExtensionPage('options');
    expect(await fake.send(optionsScanEveryPage, options, { enabled: true })).toEqual({ ok: true });
    expect(fake.state.pageScan).toBe(true);
    expect(await fake.send(optionsScanEveryPage, options, { enabled: false })).toEqual({ ok: true });
    expect(fake.state.pageScan).toBe(false);
    // The organization's policy wins over the user.
    fake.setManaged({ scanEveryPage: true });
    await expect.poll(() => fake.state.pageScan).toBe(true);
    await background.whenIdle();
  });
});
