/**
 * Service worker entry. Listeners are registered synchronously at start-up (MV3 requires it to be woken
 * by events); all state lives in storage.session.
 */
import { setTabBadge } from '../platform/badge';
import { extensionBaseUrl, onRuntimeMessage, runtimeId, sendToFrame } from '../platform/messaging';
import { sessionStore } from '../platform/session-store';
import { navigateTab, onTabRemoved, onTopFrameNavigation } from '../platform/tabs';
import { createGuard } from './guard';
import { registerHandler, startRouter } from './router';
// The authorization manager registers its own handlers with registerHandler() from './router' (owned by the other engineer).
import './manager';

const log = (message: string) => console.warn(message);

const guard = createGuard({
  store: sessionStore,
  setBadge: setTabBadge,
  sendToFrame,
  navigateTab,
  now: () => Date.now(),
  log,
});

registerHandler('page/check', (request, context) => (context.from === 'page' ? guard.check(request, context) : null));
registerHandler('page/dismiss', (request, context) => (context.from === 'page' ? guard.dismiss(request, context) : { dismissed: false }));
registerHandler('page/leave', (_request, context) => (context.from === 'page' ? guard.leave(context) : { left: false }));

onTopFrameNavigation((event) => {
  void guard.navigation(event).catch((error: unknown) => log(`consent-guard: navigation: ${String(error)}`));
});
onTabRemoved((tabId) => {
  void guard.tabClosed(tabId);
});

startRouter({ runtimeId: runtimeId(), extensionBaseUrl: extensionBaseUrl(), log }, onRuntimeMessage);
