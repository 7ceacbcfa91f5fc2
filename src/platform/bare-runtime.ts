/**
 * runtime.sendMessage without the polyfill, for the thorough mode's scan (src/content/page-scan.ts), which runs
 * on every page while the mode is on and must stay a few hundred bytes. Fire and forget: it needs no answer.
 */
interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown> | undefined;
}

export function sendAndForget(message: unknown): void {
  const scope = globalThis as { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } };
  try {
    (scope.browser ?? scope.chrome)?.runtime?.sendMessage(message)?.catch(() => undefined);
  } catch {
    // Extension context invalidated (updated or disabled): nothing to do on this page.
  }
}
