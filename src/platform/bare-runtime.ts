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

function runtime(): RuntimeLike | undefined {
  const scope = globalThis as { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } };
  return (scope.browser ?? scope.chrome)?.runtime;
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
