/**
 * The guard's entry (page signals, watching, the Preact banner) as one classic script. It is declared at
 * document_start on Microsoft's sign-in hosts (manifest.config.ts) and injected by the background
 * everywhere else (src/background/injector.ts), together with a small function that leaves the background's
 * view (and the banner's message templates) in this isolated world, so the banner goes up without a round
 * trip. Injections can repeat for one document, so the guard starts once per document, and a later injection
 * hands its view to the running guard instead. These flags live in the extension's isolated world, which the page cannot see or set.
 */
// First: zod is told not to probe for eval (the extension's CSP forbids it) before any schema is built.
import '../messaging/jitless';
// Then: the message templates the background delivered, before any module looks one up.
import './seed-messages';
import { guardShow } from '../messaging/page-messages';
import { readPush } from '../messaging/checked';
import { openOutboxIfNoRuntime } from '../platform/bare-runtime';
import { startPageGuard } from './page-guard';

const STARTED = Symbol.for('consent-guard.started');
/** Set by the background's injection (src/platform/scripting.ts deliverView) before this file runs. */
const DELIVERED_VIEW = Symbol.for('consent-guard.view');
/** Where later injections hand a new view to the running guard. */
const RECEIVE = Symbol.for('consent-guard.receive');
const world = globalThis as unknown as Record<symbol, unknown>;

if (world[STARTED] !== true) {
  world[STARTED] = true;
  openOutboxIfNoRuntime();
  const delivered = world[DELIVERED_VIEW];
  delete world[DELIVERED_VIEW];
  // The background's view is checked against the push's schema: anything else is not shown.
  const guard = startPageGuard(document, window, readPush(guardShow, delivered));
  world[RECEIVE] = (value: unknown) => {
    const view = readPush(guardShow, value);
    if (view) guard.show(view);
  };
}
