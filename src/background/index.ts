/**
 * Service worker entry: the one place where the background's parts are wired to each other and to the
 * browser. Listeners are registered synchronously at start-up (MV3 wakes the worker with events); all
 * state lives in storage.session.
 */
import { setTabBadge } from '../platform/badge';
import { extensionBaseUrl, onRuntimeMessage, runtimeId } from '../platform/messaging';
import { onStorageChanged } from '../platform/policy-storage';
import { injectGuard, setPageScan } from '../platform/scripting';
import { sessionStore } from '../platform/session-store';
import { openExtensionPage, registerLinkCheckMenu } from '../platform/menus';
import { navigateTab, onNavigation, onTabRemoved, onTabUpdated, openTabs } from '../platform/tabs';
import { MICROSOFT_ASSET_HOSTS, onMicrosoftAssetRequest } from '../platform/web-request';
import { scanEveryPageEnabled } from '../policy/policy';
import { createGuard } from './guard';
import { createInjector } from './injector';
import { createLinkChecker, linkCheckPageFor, unwrapMailLink } from './link-check';
import { policyGuardDependencies, policyProvider, registerPolicyHandlers } from './policy';
import { registerHandler, startRouter } from './router';
import { createTabTriage } from './tab-triage';
// The authorization manager registers its own handlers with registerHandler() from './router' (owned by the other engineer).
import './manager';
// Every consent this browser saw (how each authorization flow ended), kept on this device.
import './consent-inventory';

const log = (message: string) => console.warn(message);
const logFailure = (what: string) => (error: unknown) => log(`consent-guard: ${what}: ${String(error)}`);

const guard = createGuard({
  store: sessionStore,
  setBadge: setTabBadge,
  navigateTab,
  now: () => Date.now(),
  log,
  // Enterprise policy, trusted apps, activity log and the block page (policy.ts).
  ...policyGuardDependencies,
});
registerPolicyHandlers(guard);

// The guard is injected only where triage finds a signal, carrying the background's view (injector.ts).
const injector = createInjector({ inject: injectGuard, log });
const triage = createTabTriage({ guard, injector, assetHosts: MICROSOFT_ASSET_HOSTS, log });

registerHandler('page/check', async (request, context) => {
  if (context.from !== 'page') return null;
  const view = await guard.check(request, context);
  // A frame's danger is shown in the top frame too.
  void guard
    .settled(context.tabId)
    .then(() => triage.pageChecked(context.tabId, context.frameId, view))
    .catch(logFailure('frame danger'));
  return view;
});
registerHandler('page/dismiss', (request, context) => (context.from === 'page' ? guard.dismiss(request, context) : { dismissed: false }));
registerHandler('page/leave', (_request, context) => (context.from === 'page' ? guard.leave(context) : { left: false }));
registerHandler('page/scan-hit', (_request, context) => (context.from === 'page' ? triage.scanHit(context.tabId, context.frameId) : { started: false }));
registerHandler('popup/tab-verdict', async (request) => ({ view: (await guard.tabRecord(request.tabId))?.view ?? null }));
registerHandler('options/scan-every-page', async (request) => {
  await policyProvider.setScanEveryPage(request.enabled);
  await syncPageScan();
  return { ok: true };
});

onNavigation((event) => {
  void triage.navigation(event).catch(logFailure('navigation'));
});
onTabUpdated((change) => {
  void triage.tabChanged(change).catch(logFailure('tab update'));
});
onMicrosoftAssetRequest((request) => {
  void triage.assetRequested(request).catch(logFailure('asset request'));
});
onTabRemoved((tabId) => {
  triage.tabClosed(tabId);
  void guard.tabClosed(tabId);
});

// "Check this link with Consent Guard" (context menu): analysed here, shown by an extension page, never fetched.
const linkChecker = createLinkChecker({ policy: async () => policyProvider.current(), unwrap: unwrapMailLink, now: () => Date.now() });
registerHandler('link/check', (request, context) => (context.from === 'extension' ? linkChecker.check(request) : { ok: false, reason: 'not-web' }));
registerLinkCheckMenu(
  (click) => void openExtensionPage(linkCheckPageFor(click)).catch((error: unknown) => log(`consent-guard: link check: ${String(error)}`)),
  log,
);

startRouter({ runtimeId: runtimeId(), extensionBaseUrl: extensionBaseUrl(), log }, onRuntimeMessage);

/** The thorough mode's scan is registered exactly while the policy (or, where it is silent, the user) wants it. */
async function syncPageScan(): Promise<void> {
  const state = await policyProvider.current();
  await setPageScan(scanEveryPageEnabled(state.policy, state.user));
}
onStorageChanged((area) => {
  if (area === 'managed' || area === 'local') void syncPageScan().catch(logFailure('thorough mode'));
});

// Pages that loaded while the worker was starting (its listeners did not exist yet) are judged now.
void openTabs()
  .then((tabs) => triage.catchUp(tabs))
  .catch(logFailure('open tabs'));

// Start reading the policy now: the first storage.managed read can be slow, and the first page should not wait for it.
void syncPageScan().catch(logFailure('thorough mode'));
