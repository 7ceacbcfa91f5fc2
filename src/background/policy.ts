/**
 * Enterprise policy, the user's trusted apps, threat feeds, the webhook outbox and the activity log, in the
 * service worker, over the browser areas they need. Nothing starts on import: src/background/index.ts calls
 * createPolicyServices() with the storage.local area all of them keep their state in, and connects its storage
 * listener and start-up work.
 */
import type { BackgroundPlatform } from '../platform/background-platform';
import type { StorageArea, StorageChanges } from '../platform/storage';
import { createActivityLog } from '../policy/activity-log';
import { consentSink } from '../policy/consent-events';
import { scanEveryPageEnabled } from '../policy/policy';
import { createPolicyProvider, DEV_POLICY_KEY, USER_SETTINGS_KEY } from '../policy/provider';
import { EXTENSION_PAGE_PATHS } from '../messaging/define';
import type { PolicyContext } from './view';
import { createThreatFeeds } from './threat-feeds';
import { createWebhookOutbox } from './webhook-outbox';

export type PolicyPlatform = Pick<BackgroundPlatform, 'runtime' | 'management' | 'alarms' | 'scripting' | 'fetch' | 'now' | 'log'> & {
  readonly storage: Pick<BackgroundPlatform['storage'], 'readManaged'>;
};

export function createPolicyServices(local: StorageArea, platform: PolicyPlatform) {
  const log = platform.log;

  const provider = createPolicyProvider({
    readManaged: () => platform.storage.readManaged(),
    local,
    isDevelopmentInstall: () => platform.management.isDevelopmentInstall(),
    log,
  });
  /** Threat feeds (policy threatFeeds): refreshed in the background, read by every verdict from storage. */
  const threatFeeds = createThreatFeeds(() => provider.current(), local, platform);
  /** Every webhook event goes through the outbox in storage.local (kept until delivered). */
  const webhookOutbox = createWebhookOutbox(() => provider.current(), local, platform);
  /** Every finished authorization flow, to the outbox when the policy asks for every consent (reportAllConsents). */
  const reportConsent = consentSink({
    reportAllConsents: async () => (await provider.current()).policy.reportAllConsents === true,
    enqueue: (event) => webhookOutbox.enqueue(event),
    extensionVersion: platform.runtime.version,
  });
  const activityLog = createActivityLog({
    local,
    now: platform.now,
    webhookUrl: async () => (await provider.current()).policy.webhookUrl,
    // No credentials, no referrer (see sendWebhook); CORS applies, docs/policy.md says what the endpoint answers.
    fetch: (url, init) => platform.fetch(url, init),
    extensionVersion: platform.runtime.version,
    log,
    outbox: webhookOutbox,
  });

  /** The thorough mode's scan is registered exactly while the policy (or, where it is silent, the user) wants it. */
  const syncPageScan = async (): Promise<void> => {
    const state = await provider.current();
    await platform.scripting.setPageScan(scanEveryPageEnabled(state.policy, state.user));
  };
  const logFailure = (what: string) => (error: unknown) => log(`consent-guard: ${what}: ${String(error)}`);

  /** The policy with the stored threat feeds: verdicts never wait on a feed's server, they read the stored copy. */
  const context = async (): Promise<PolicyContext> => {
    const [state, intel] = await Promise.all([provider.current(), threatFeeds.intel()]);
    return { ...state, intel };
  };

  /** "Trust this app": the client id joins the user's trusted apps. */
  const trustClient = async (clientId: string): Promise<void> => {
    await provider.trustClient(clientId);
  };
  /** The block page's address for one block: it carries only the block's id. */
  const blockPageUrl = (id: string): string => `${platform.runtime.pageUrl(EXTENSION_PAGE_PATHS.blocked)}?id=${encodeURIComponent(id)}`;

  return {
    provider,
    threatFeeds,
    webhookOutbox,
    reportConsent,
    activityLog,
    context,
    trustClient,
    blockPageUrl,
    syncPageScan,

    /** Policy (managed), the developer policy and the user's settings are read again after any change to them. */
    storageChanged(area: string, changes: StorageChanges): void {
      const keys = Object.keys(changes);
      if (area === 'managed' || (area === 'local' && (keys.includes(USER_SETTINGS_KEY) || keys.includes(DEV_POLICY_KEY)))) {
        provider.invalidate();
        // A new feed is fetched at once; the webhook may have been set or fixed.
        if (!keys.every((key) => key === USER_SETTINGS_KEY)) {
          void threatFeeds.refresh().catch(() => undefined);
          void webhookOutbox.flush();
        }
      }
      if (area === 'managed' || area === 'local') void syncPageScan().catch(logFailure('thorough mode'));
    },

    /**
     * At start-up: feeds that are due, events left from before the worker (or the browser) stopped, and the
     * policy read early (the first storage.managed read can be slow; the first page should not wait for it).
     */
    start(): void {
      void threatFeeds.refresh().catch(() => undefined);
      void webhookOutbox.flush();
      void syncPageScan().catch(logFailure('thorough mode'));
    },
  };
}

export type PolicyServices = ReturnType<typeof createPolicyServices>;
