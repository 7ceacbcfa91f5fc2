/**
 * The full guard (page signals, messaging, the Preact banner) as one classic script. It is declared at
 * document_start on Microsoft's sign-in hosts (manifest.config.ts) and injected by the background with
 * scripting.executeScript everywhere else, after a pre-check hit or when the background's own analysis
 * of a navigation says warn or danger. Both can happen to the same frame, so the guard starts once per
 * document: the flag lives in the extension's isolated world, which the page cannot see or set.
 */
import { startContentGuard } from './guard';

const STARTED = Symbol.for('consent-guard.started');
const world = globalThis as typeof globalThis & { [STARTED]?: boolean };

if (world[STARTED] !== true) {
  world[STARTED] = true;
  startContentGuard(document, window);
}
