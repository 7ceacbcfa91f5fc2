/**
 * In a page's frame, `chrome` and `browser` can be what the page put there instead of the browser API: its
 * elements (DOM clobbering), or a frame of another site, whose every property read throws. The guard's own
 * lookups of the API must then answer as if there were none, never throw (a throw at start-up left a clone
 * without its banner: test/e2e/guard-next.spec.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMessages } from './browser-language';

const scope = globalThis as { chrome?: unknown; browser?: unknown };

/** What reading any property of another site's window does. */
const crossOriginWindow = new Proxy(
  {},
  {
    get() {
      throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
    },
  },
);
/** `<form id="browser"><input name="i18n"><input name="dom">`: named access finds elements, never functions. */
const clobbered = { i18n: { tagName: 'INPUT', getMessage: { tagName: 'INPUT' } }, dom: { tagName: 'INPUT', openOrClosedShadowRoot: { tagName: 'INPUT' } } };

afterEach(() => {
  delete scope.chrome;
  delete scope.browser;
  vi.resetModules();
});

describe.each([
  ['a frame of another site named "chrome"', 'chrome', crossOriginWindow],
  ['elements named so under "browser"', 'browser', clobbered],
  ['elements named so under "chrome"', 'chrome', clobbered],
] as const)('where the page put %s', (_, name, standIn) => {
  it('messages come from the templates the background sent, not an error', async () => {
    scope[name] = standIn;
    const { t, useFallbackMessages } = await import('../../src/platform/i18n');
    useFallbackMessages(loadMessages('en'));
    expect(t('leavePage')).toBe(loadMessages('en').leavePage!.message);
  });

  it("shadow roots are read the page's way (open ones), not an error", async () => {
    scope[name] = standIn;
    const { openOrClosedShadowRoot } = await import('../../src/platform/shadow-root');
    const root = { mode: 'open' };
    // Where the browser's own reader is missing, an element's own property is asked (what Firefox offers).
    expect(openOrClosedShadowRoot({ openOrClosedShadowRoot: root } as unknown as Element)).toBe(root);
  });
});
