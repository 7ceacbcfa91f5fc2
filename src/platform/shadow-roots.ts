/**
 * The extension's own view into a page's shadow roots, closed ones included, from a content script:
 * `chrome.dom.openOrClosedShadowRoot(element)` in Chromium, `element.openOrClosedShadowRoot` in Firefox.
 * A page cannot hide a clone from the guard by rendering it into a closed shadow root. No polyfill: the
 * guard stays small.
 */
interface DomApi {
  openOrClosedShadowRoot?(element: Element): ShadowRoot | null;
}

const chromeDom = (globalThis as { chrome?: { dom?: DomApi } }).chrome?.dom;

export function shadowRootOf(element: Element): ShadowRoot | null {
  try {
    const firefox = (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
    if (firefox !== undefined) return firefox ?? null;
    return chromeDom?.openOrClosedShadowRoot?.(element) ?? element.shadowRoot ?? null;
  } catch {
    return null;
  }
}
