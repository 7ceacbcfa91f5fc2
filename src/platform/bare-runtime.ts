/**
 * runtime.sendMessage without the polyfill, for the scripts the extension puts into pages: the thorough mode's
 * scan (src/content/page-scan.ts), which runs on every page while the mode is on and must stay a few hundred
 * bytes, and the guard (src/messaging/page-send.ts), which must be cheap to evaluate so the banner goes up
 * sooner. Both browsers this supports return a promise from runtime.sendMessage (Chromium's `chrome` in MV3,
 * Firefox's `browser`), which is all the polyfill would add here.
 */
interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown> | undefined;
}

/**
 * The extension's runtime, which the page must not be able to replace. Named access on window reaches a content
 * script's global in Chromium, where `browser` is not defined: `<form id="browser"><input name="runtime">` puts
 * the page's elements there (a frame named `browser` puts its window). Elements and windows are never functions,
 * so the runtime is the first whose sendMessage is one (test/e2e/guard-next.spec.ts, DOM clobbering).
 */
function runtime(): RuntimeLike | undefined {
  const scope = globalThis as { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } };
  for (const read of [() => scope.browser?.runtime, () => scope.chrome?.runtime]) {
    try {
      const candidate = read();
      if (typeof candidate?.sendMessage === 'function') return candidate;
    } catch {
      // A frame's window from another origin, put there by the page: not ours.
    }
  }
  return undefined;
}

export function sendAndForget(message: unknown): void {
  try {
    runtime()
      ?.sendMessage(message)
      ?.catch(() => undefined);
  } catch {
    // Extension context invalidated (updated or disabled): nothing to do on this page.
  }
}

/** Sends a message and resolves with the answer; rejects when there is no extension to answer (invalidated, or no listener). */
export async function sendMessage(message: unknown): Promise<unknown> {
  const sending = runtime()?.sendMessage(message);
  if (!sending) throw new Error('runtime.sendMessage is not available');
  return sending;
}
