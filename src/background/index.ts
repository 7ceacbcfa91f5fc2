/**
 * Service worker entry. Listeners are registered synchronously at start-up (MV3 requires it to be woken
 * by events); all state lives in storage.session.
 */
import { setTabBadge } from '../platform/badge';
import { extensionBaseUrl, onRuntimeMessage, runtimeId, sendToFrame } from '../platform/messaging';
import { sessionStore } from '../platform/session-store';
import { injectGuard } from '../platform/scripting';
import { openExtensionPage, registerLinkCheckMenu } from '../platform/menus';
import { navigateTab, onTabRemoved, onTopFrameNavigation } from '../platform/tabs';
import { createGuard } from './guard';
import { createInjector } from './injector';
import { createLinkChecker, linkCheckPageFor } from './link-check';
import { policyGuardDependencies, policyProvider, registerPolicyHandlers } from './policy';
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
  // Enterprise policy, trusted apps, activity log and the block page (policy.ts).
  ...policyGuardDependencies,
});
registerPolicyHandlers(guard);

registerHandler('page/check', (request, context) => (context.from === 'page' ? guard.check(request, context) : null));
registerHandler('page/dismiss', (request, context) => (context.from === 'page' ? guard.dismiss(request, context) : { dismissed: false }));
registerHandler('page/leave', (_request, context) => (context.from === 'page' ? guard.leave(context) : { left: false }));
// The full content guard is injected on demand (injector.ts): after a pre-check hit, or when the navigation alone says warn/danger.
const injector = createInjector({ store: sessionStore, inject: injectGuard, log });
registerHandler('page/precheck-hit', (_request, context) => (context.from === 'page' ? injector.precheckHit(context) : { started: false }));

onTopFrameNavigation((event) => {
  void guard
    .navigation(event)
    .then(() => injector.navigation(event))
    .catch((error: unknown) => log(`consent-guard: navigation: ${String(error)}`));
});
onTabRemoved((tabId) => {
  void guard.tabClosed(tabId);
});

// "Check this link with Consent Guard" (context menu): analysed here, shown by an extension page, never fetched.
const linkChecker = createLinkChecker({ policy: async () => policyProvider.current(), unwrap: (url) => ({ url, wrappers: [] }), now: () => Date.now() });
registerHandler('link/check', (request, context) => (context.from === 'extension' ? linkChecker.check(request) : { ok: false, reason: 'not-web' }));
registerLinkCheckMenu((click) => void openExtensionPage(linkCheckPageFor(click)).catch((error: unknown) => log(`consent-guard: link check: ${String(error)}`)), log);

startRouter({ runtimeId: runtimeId(), extensionBaseUrl: extensionBaseUrl(), log }, onRuntimeMessage);

// Start reading the policy now: the first storage.managed read can be slow, and the first page should not wait for it.
void policyProvider.current();
