/**
 * A browser API namespace (`runtime`, `i18n`, `dom`) looked up on the global of a script in a page's frame, where
 * the page has a say in what `browser` and `chrome` are. Named access reaches a content script's global in
 * Chromium wherever the browser defined no name of its own: `<form id="browser"><input name="runtime">` puts the
 * page's elements there where `browser` is not defined (older Chromium), and a frame named `chrome` present when
 * the world was made puts that frame's window there, whose every property read throws when it shows another site.
 * Elements and windows are never functions, so the API is the first candidate whose `method` is one
 * (test/e2e/guard-next.spec.ts, test/unit/page-named-globals.test.ts).
 */
export function lookUpApi<Api>(namespace: string, method: string): Api | undefined {
  const scope = globalThis as unknown as Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;
  for (const name of ['browser', 'chrome']) {
    try {
      const candidate = scope[name]?.[namespace];
      if (typeof candidate?.[method] === 'function') return candidate as Api;
    } catch {
      // The page's stand-in, not ours.
    }
  }
  return undefined;
}
