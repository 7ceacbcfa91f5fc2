/**
 * The background, wired: the one place where its parts are made, connected to each other, and given the
 * browser's events. It takes the browser as a parameter (src/platform/background-platform.ts), so unit tests
 * run this very wiring over the in-memory fake (test/unit/fake-platform.ts); the service worker's entry
 * (main.ts) hands it the real one. Listeners are registered synchronously (MV3 wakes the worker with events);
 * all state lives in storage.
 */
import { CONSENT_KEYS, createConsentInventory } from '../manager/consent-inventory';
import { reportingRecordedConsents } from '../policy/consent-events';
import { createManagerService } from '../manager/service';
import type { BackgroundPlatform } from '../platform/background-platform';
import { followConsents } from './consent-inventory';
import { createBlocking } from './blocking';
import { createDismissals } from './dismissals';
import { createHandlers } from './handlers';
import { createGuardOutbox } from './guard-outbox';
import { createInjector } from './injector';
import { createLinkChecker, linkCheckPageFor, unwrapMailLink } from './link-check';
import { createPageActions } from './page-actions';
import { createPolicyServices } from './policy';
import { createRouter, replyTo, startRouter } from './router';
import { createTabState } from './tab-state';
import { createTabStore } from './tab-store';
import { createTabTriage } from './tab-triage';
import { MICROSOFT_ASSET_HOSTS } from './triage';
import { NO_POLICY } from './view';

export function startBackground(platform: BackgroundPlatform) {
  const { log } = platform;
  const { session, local } = platform.storage;
  const logFailure = (what: string) => (error: unknown) => log(`consent-guard: ${what}: ${String(error)}`);
  /** Work started by a browser event, not awaited by it (the browser does not wait); whenIdle() waits for all of it. */
  const running = new Set<Promise<unknown>>();
  const track = (what: string, work: Promise<unknown>): void => {
    const done = work.catch(logFailure(what)).finally(() => running.delete(done));
    running.add(done);
  };

  // Enterprise policy, trusted apps, threat feeds, the webhook outbox and the activity log, kept in storage.local.
  const policy = createPolicyServices(local, platform);
  // Every consent this browser saw (how each authorization flow ended), kept on this device; each recorded
  // outcome also goes to the webhook when the policy asks for every consent (reportAllConsents).
  const recordsReported = reportingRecordedConsents(local, CONSENT_KEYS.records, policy.reportConsent);
  const inventory = createConsentInventory({ session, local: recordsReported, now: platform.now });
  const consents = followConsents(inventory, log);
  // The verdicts never wait on a broken policy read: no policy then.
  const policyContext = () => policy.context().catch(() => NO_POLICY);
  // The tab state (records, flows, badge, activity log), blocking, the banner's buttons, and the one store of dismissals.
  const tabs = createTabStore({ store: session, setBadge: platform.action.setBadge, activity: policy.activityLog, viewSaved: consents.viewSaved, log });
  const dismissals = createDismissals(session);
  const blocking = createBlocking({
    store: session,
    tabs,
    setBadge: platform.action.setBadge,
    navigateTab: platform.tabs.navigate,
    policy: policyContext,
    blockPageUrl: policy.blockPageUrl,
    randomId: platform.randomId,
    now: platform.now,
  });
  const tabState = createTabState({ tabs, blocking, dismissals, policy: policyContext, now: platform.now, log });
  const actions = createPageActions({ tabs, dismissals, navigateTab: platform.tabs.navigate, trustClient: policy.trustClient, now: platform.now });
  // The guard is injected only where triage finds a signal, carrying the background's view (injector.ts); a guard
  // left without a runtime by the page is collected from (guard-outbox.ts).
  const outbox = createGuardOutbox({
    runtimeId: platform.runtime.id,
    collect: platform.scripting.collectOutbox,
    answer: platform.scripting.answerGuardOutbox,
    // Looked up when a message comes: the router is made below, from handlers that need the injector.
    reply: (message, sender) => replyTo(router, log)(message, sender),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  const injector = createInjector({
    inject: async (target, view, guardRunning) => {
      // Looked for only where the guard may have just started; one already running is collected from since it started.
      if (await platform.scripting.injectGuard(target, view, guardRunning)) track('guard outbox', outbox.guardStarted(target));
    },
    log,
  });
  const triage = createTabTriage({
    guard: { navigation: tabState.navigation, tabRecord: tabs.tabRecord },
    injector,
    assetHosts: MICROSOFT_ASSET_HOSTS,
    hasOpener: platform.tabs.hasOpener,
    log,
  });
  // The authorization manager: credentialed fetch from the service worker (the host permission lets the session cookies go along).
  const manager = createManagerService({ fetch: platform.fetch, session, local, browser: platform.runtime.family });
  // "Check this link with Consent Guard" (context menu): analysed here, shown by an extension page, never fetched.
  const linkChecker = createLinkChecker({ policy: () => policy.provider.current(), unwrap: unwrapMailLink, now: platform.now });

  const router = createRouter({
    runtimeId: platform.runtime.id,
    extensionBaseUrl: platform.runtime.baseUrl,
    handlers: createHandlers({
      tabs,
      tabState,
      blocking,
      actions,
      dismissals,
      triage,
      policy,
      manager,
      inventory,
      linkChecker,
      fileAccess: platform.management.fileAccess,
      track,
    }),
    log,
  });
  startRouter(router, platform.runtime.onMessage, log);

  platform.navigation.onNavigation((event) => {
    track('navigation', triage.navigation(event));
    consents.navigation(event);
  });
  platform.tabs.onUpdated((change) => track('tab update', triage.tabChanged(change)));
  platform.webRequest.onAssetRequest(MICROSOFT_ASSET_HOSTS, (request) => track('asset request', triage.assetRequested(request)));
  platform.tabs.onRemoved((tabId) => {
    triage.tabClosed(tabId);
    track(
      'tab closed',
      tabs.serial(tabId, () => Promise.all([tabs.forget(tabId), blocking.forget(tabId), dismissals.tabClosed(tabId)])),
    );
    consents.tabClosed(tabId);
  });
  platform.storage.onChanged((area, changes) => policy.storageChanged(area, changes));
  platform.menus.registerLinkCheckMenu((click) => void platform.tabs.openExtensionPage(linkCheckPageFor(click)).catch(logFailure('link check')), log);

  policy.start();
  // Pages that loaded while the worker was starting (its listeners did not exist yet) are judged now.
  track(
    'open tabs',
    platform.tabs.openTabs().then((tabs) => triage.catchUp(tabs)),
  );

  return {
    router,
    tabs,
    triage,
    policy,
    manager,
    inventory,
    /** Resolves once the work every event so far started is done (tests; the browser never waits). */
    async whenIdle(): Promise<void> {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}

export type Background = ReturnType<typeof startBackground>;
