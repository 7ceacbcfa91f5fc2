/**
 * The thorough mode's scan (policy or option `scanEveryPage`, off by default): registered by the background
 * for every page and frame (about:blank and srcdoc frames too), at document_idle. It catches what gives the
 * background no other signal: a browser-in-the-browser window drawn inside an ordinary page, a clone written
 * into a blank frame. One selector when the page settles and again after it changes (at most once a second);
 * on a match it asks the background to start the guard in this frame, then stops: the guard watches from there.
 * No Preact, no polyfill, no zod: this runs on every page while the mode is on. Its one message is typed
 * against its definition (src/messaging/page-messages.ts), which the compiler checks and the bundle never sees.
 */
import type { WireRequest } from '../messaging/define';
import type { pageScanHit } from '../messaging/page-messages';
import { sendAndForget } from '../platform/bare-runtime';

/** Where a sign-in (or its imitation) starts: a password, e-mail or Microsoft's own sign-in name field. */
const SIGN_IN_FIELDS = 'input[type="password" i], input[type="email" i], input[name="loginfmt" i], input[name="passwd" i]';
const RECHECK_MS = 1000;
const SCAN_HIT: WireRequest<typeof pageScanHit> = { type: 'page/scan-hit' };

const SCANNING = Symbol.for('consent-guard.scan');
const world = globalThis as unknown as Record<symbol, unknown>;

if (world[SCANNING] !== true) {
  world[SCANNING] = true;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (timer === undefined) timer = setTimeout(check, RECHECK_MS);
  });
  function check(): void {
    timer = undefined;
    if (done) return;
    let found: boolean;
    try {
      found = document.querySelector(SIGN_IN_FIELDS) !== null;
    } catch {
      found = false;
    }
    if (!found) return;
    done = true;
    observer.disconnect();
    sendAndForget(SCAN_HIT);
  }
  check();
  if (!done) observer.observe(document, { childList: true, subtree: true });
}
