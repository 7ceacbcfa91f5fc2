/**
 * The thorough mode's scan (policy or option `scanEveryPage`, off by default): registered by the background
 * for every page and frame (about:blank and srcdoc frames too), at document_idle. It catches what gives the
 * background no other signal: a browser-in-the-browser window drawn inside an ordinary page, a clone written
 * into a blank frame. Two cheap looks when the page settles and again after it changes (at most once a
 * second): a sign-in field, or text naming Microsoft's sign-in hosts or its permission request (a drawn
 * address bar over a consent dialog has no field). On a match it asks the background to start the guard in
 * this frame, then stops: the guard watches from there.
 * No Preact, no polyfill, no zod: this runs on every page while the mode is on. DOM methods come from the
 * prototypes, so a page's named elements (`<img name="querySelector">`) cannot blind it.
 */
interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown> | undefined;
}

/** Where a sign-in (or its imitation) starts: a password, e-mail or Microsoft's own sign-in name field. */
const SIGN_IN_FIELDS = 'input[type="password" i], input[type="email" i], input[name="loginfmt" i], input[name="passwd" i]';
/** Microsoft's sign-in hosts as an address bar shows them, and the heading of its permission request. */
const SIGN_IN_TEXT = /login\.microsoftonline\.|login\.microsoft\.com|login\.live\.com|login\.windows\.net|vssps\.visualstudio\.com|permissions requested/i;
/** Enough of the page's text for a drawn window near its start (a page's text can be megabytes). */
const TEXT_CHARS = 200_000;
const RECHECK_MS = 1000;

const scope = globalThis as { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } };
const SCANNING = Symbol.for('consent-guard.scan');
const world = globalThis as unknown as Record<symbol, unknown>;
const querySelector = Document.prototype.querySelector;
const documentElementOf = Object.getOwnPropertyDescriptor(Document.prototype, 'documentElement')?.get;
const textContentOf = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')?.get;

if (world[SCANNING] !== true) {
  world[SCANNING] = true;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (timer === undefined) timer = setTimeout(check, RECHECK_MS);
  });
  const looksLikeSignIn = (): boolean => {
    if (querySelector.call(document, SIGN_IN_FIELDS) !== null) return true;
    const root = documentElementOf?.call(document) as Node | null | undefined;
    const words = root ? (textContentOf?.call(root) as string | null | undefined) : null;
    return typeof words === 'string' && SIGN_IN_TEXT.test(words.length > TEXT_CHARS ? words.slice(0, TEXT_CHARS) : words);
  };
  function check(): void {
    timer = undefined;
    if (done) return;
    let found: boolean;
    try {
      found = looksLikeSignIn();
    } catch {
      found = false;
    }
    if (!found) return;
    done = true;
    observer.disconnect();
    try {
      (scope.browser ?? scope.chrome)?.runtime?.sendMessage({ type: 'page/scan-hit' })?.catch(() => undefined);
    } catch {
      // Extension context invalidated (updated or disabled): nothing to do on this page.
    }
  }
  check();
  if (!done) observer.observe(document, { childList: true, subtree: true });
}
