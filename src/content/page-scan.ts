/**
 * The thorough mode's scan (policy or option `scanEveryPage`, off by default): registered by the background
 * for every page and frame (about:blank and srcdoc frames too), at document_start; it looks once the document is
 * parsed. It catches what gives the background no other signal: a browser-in-the-browser window drawn inside an
 * ordinary page, a clone written into a blank frame. Three selectors once the page is parsed, and again soon after
 * it changes (at most once a second): a sign-in field, or Microsoft's logo (a consent dialog has no field; its
 * clone shows the logo); inside a shadow root when the pointer or the focus reaches its host.
 * On a match it asks the background to start the guard in this frame, then stops: the guard watches from there.
 * Only selectors: reading the page's text (`textContent`) cost a large page several milliseconds
 * (`npm run bench -- --only=thorough`). No Preact, no polyfill, no zod: this runs on every page while the mode
 * is on; its one message is typed against its definition (src/messaging/page-messages.ts). DOM methods come
 * from the prototypes, so a page's named elements (`<img name="querySelector">`) cannot blind it.
 */
import type { WireRequest } from '../messaging/define';
import type { pageScanHit } from '../messaging/page-messages';
import { sendAndForget } from '../platform/bare-runtime';
import { openOrClosedShadowRoot } from '../platform/shadow-root';

/**
 * Where a sign-in or consent (or its imitation) starts: a password, e-mail or Microsoft's own sign-in name
 * field; Microsoft's logo by name, file or its first square's colour. Three selectors asked one at a time, not
 * one list: Chromium matches a list of selectors far more slowly than each alone (on the bench's 4,968-element
 * page the seven as one list cost 1.56 ms, these three 0.58 ms: `npm run bench -- --quick --only=thorough`).
 */
const SIGN_IN_OR_BRAND = [
  'input:is([type="password" i],[type="email" i],[name="loginfmt" i],[name="passwd" i])',
  'img:is([alt*="microsoft" i],[src*="microsoft" i])',
  '[fill="#f25022" i]',
] as const;
/** A burst of changes (a framework rendering) is looked at once, this long after it started... */
const BATCH_MS = 20;
/** ...and a page that never stops changing at most once a second. */
const RECHECK_MS = 1000;
const SCAN_HIT: WireRequest<typeof pageScanHit> = { type: 'page/scan-hit' };
/** Shadow roots inside a shadow root looked into (a host nests them), and elements read per root for that. */
const MAX_SHADOW_DEPTH = 4;
const MAX_ELEMENTS_PER_ROOT = 2000;

const SCANNING = Symbol.for('consent-guard.scan');
const world = globalThis as unknown as Record<symbol, unknown>;
const querySelector = Document.prototype.querySelector;
const rootQuerySelector = DocumentFragment.prototype.querySelector;
const rootQuerySelectorAll = DocumentFragment.prototype.querySelectorAll;
const addEventListener = EventTarget.prototype.addEventListener;

/** Whether any of the selectors finds something, asked through `query` (the document's or a shadow root's). */
function holdsSignInOrBrand(query: (selector: string) => Element | null): boolean {
  try {
    return SIGN_IN_OR_BRAND.some((selector) => query(selector) !== null);
  } catch {
    return false;
  }
}

/** Whether the shadow root of `host` (open or closed), or one nested in it, holds a sign-in or the brand. */
function shadowHolds(host: Element, depth: number): boolean {
  const root = openOrClosedShadowRoot(host);
  if (root === null) return false;
  if (holdsSignInOrBrand((selector) => rootQuerySelector.call(root, selector))) return true;
  if (depth >= MAX_SHADOW_DEPTH) return false;
  const inside = rootQuerySelectorAll.call(root, '*');
  for (let index = 0; index < inside.length && index < MAX_ELEMENTS_PER_ROOT; index++) {
    if (shadowHolds(inside[index] as Element, depth + 1)) return true;
  }
  return false;
}

if (world[SCANNING] !== true) {
  world[SCANNING] = true;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Only looks caused by changes count against the once-a-second limit: a page that turns into a clone right
  // after it settled is looked at BATCH_MS later, not up to a second later (`npm run bench -- --only=banner`).
  // The first look also leaves `performance` untouched: its first use in this world cost the page ~0.3 ms.
  let lastChangeCheck = Number.NEGATIVE_INFINITY;
  const observer = new MutationObserver(() => {
    if (timer === undefined) timer = setTimeout(afterChange, Math.max(BATCH_MS, lastChangeCheck + RECHECK_MS - performance.now()));
  });
  function afterChange(): void {
    timer = undefined;
    lastChangeCheck = performance.now();
    check();
  }
  function check(): void {
    if (!done && holdsSignInOrBrand((selector) => querySelector.call(document, selector))) found();
  }
  function found(): void {
    done = true;
    observer.disconnect();
    sendAndForget(SCAN_HIT);
  }
  // The selectors do not reach into shadow roots, and finding every shadow host of a page would mean touching
  // every element (2.6 ms on the bench's page for far less). A clone drawn inside one is looked into when the user
  // reaches it, before any click or key press: pointer and focus events cross shadow boundaries named after the
  // outermost host. Listening on the window at document_start puts these listeners before any of the page's.
  const lookedInto = new WeakSet<Element>();
  function lookIntoShadowRoot(event: Event): void {
    const host = event.target;
    if (done || !(host instanceof Element) || lookedInto.has(host)) return;
    lookedInto.add(host);
    if (shadowHolds(host, 0)) found();
  }
  for (const type of ['pointerover', 'focusin']) addEventListener.call(window, type, lookIntoShadowRoot, true);
  function start(): void {
    check();
    // The attributes the selectors read too: a clone can be drawn harmless and turned into one by setAttribute().
    if (!done) observer.observe(document, { childList: true, subtree: true, attributeFilter: ['type', 'name', 'alt', 'src', 'fill'] });
  }
  // Registered at document_start so that this world is made before the page has any element: a frame named
  // `chrome` or `browser` already there when an extension's world is made becomes that world's browser API, and
  // the scan would have no way to report (guards injected into this frame later share the world, so they are
  // spared too). It looks once the document is parsed.
  if (document.readyState === 'loading') addEventListener.call(document, 'DOMContentLoaded', start, { once: true });
  else start();
}
