/**
 * Enterprise policy, the user's trusted apps, the activity log and the block page, in the service worker.
 * The guard (guard.ts) takes `policyGuardDependencies`; the options and block pages talk to the handlers
 * registered here (extension pages only: the router has checked the sender and parsed the message).
 */
import { createActivityLog } from '../policy/activity-log';
import { createPolicyProvider, DEV_POLICY_KEY, USER_SETTINGS_KEY } from '../policy/provider';
import { reportLink } from '../policy/report';
import type { BlockedGetResponse, OptionsState } from '../messaging/policy-messages';
import {
  extensionPageUrl,
  extensionVersion,
  isDevelopmentInstall,
  onStorageChanged,
  readLocal,
  readManagedStorage,
  writeLocal,
} from '../platform/policy-storage';
import { sessionStore } from '../platform/session-store';
import { DISMISSALS_KEY, type DismissalRecord, type Guard, type GuardDependencies } from './guard';
import { registerHandler } from './router';
import { createThreatFeeds } from './threat-feeds';
import { createWebhookOutbox } from './webhook-outbox';

const log = (message: string) => console.warn(message);

export const policyProvider = createPolicyProvider({
  readManaged: readManagedStorage,
  readLocal,
  writeLocal,
  isDevelopmentInstall,
  log,
});

/** Threat feeds (policy threatFeeds): refreshed in the background, read by every verdict from storage. */
export const threatFeeds = createThreatFeeds(() => policyProvider.current());
/** Every webhook event goes through the outbox in storage.local (kept until delivered). */
export const webhookOutbox = createWebhookOutbox(() => policyProvider.current());

export const activityLog = createActivityLog({
  readLocal,
  writeLocal,
  now: () => Date.now(),
  webhookUrl: async () => (await policyProvider.current()).policy.webhookUrl,
  // No credentials, no referrer (see sendWebhook); CORS applies, docs/policy.md says what the endpoint answers.
  fetch: (url, init) => fetch(url, init),
  extensionVersion: extensionVersion(),
  log,
  outbox: webhookOutbox,
});

// Policy (managed), the developer policy and the user's settings are read again after any change.
onStorageChanged((area, keys) => {
  if (area === 'managed' || (area === 'local' && (keys.includes(USER_SETTINGS_KEY) || keys.includes(DEV_POLICY_KEY)))) {
    policyProvider.invalidate();
    // A new feed is fetched at once; the webhook may have been set or fixed.
    if (!keys.every((key) => key === USER_SETTINGS_KEY)) {
      void threatFeeds.refresh().catch(() => undefined);
      void webhookOutbox.flush();
    }
  }
});
// At start-up: feeds that are due, events left from before the worker (or the browser) stopped.
void threatFeeds.refresh().catch(() => undefined);
void webhookOutbox.flush();

export const BLOCK_PAGE = 'src/blocked/index.html';

export const policyGuardDependencies: Pick<GuardDependencies, 'policy' | 'activity' | 'trustClient' | 'blockPageUrl'> = {
  // The policy with the stored threat feeds: verdicts never wait on a feed's server.
  policy: async () => {
    const [state, intel] = await Promise.all([policyProvider.current(), threatFeeds.intel()]);
    return { ...state, intel };
  },
  activity: activityLog,
  trustClient: async (clientId) => {
    await policyProvider.trustClient(clientId);
  },
  blockPageUrl: (id) => `${extensionPageUrl(BLOCK_PAGE)}?id=${encodeURIComponent(id)}`,
};

export function registerPolicyHandlers(guard: Guard): void {
  registerHandler('page/trust', (request, context) => (context.from === 'page' ? guard.trust(request, context) : { trusted: false }));

  registerHandler('options/state', async (): Promise<OptionsState> => {
    const [state, activity, dismissals] = await Promise.all([
      policyProvider.current(),
      activityLog.entries(),
      sessionStore.get<DismissalRecord[]>(DISMISSALS_KEY),
    ]);
    const [feeds, outbox] = await Promise.all([threatFeeds.statuses().catch(() => []), webhookOutbox.status().catch(() => null)]);
    return { policy: state.policy, problems: state.problems, source: state.source, user: state.user, dismissals: dismissals ?? [], activity, feeds, outbox };
  });
  registerHandler('options/untrust', async (request) => {
    await policyProvider.untrustClient(request.clientId);
    return { ok: true };
  });
  registerHandler('options/undismiss', (request) => guard.undismiss(request.tabId, request.requestKey));
  registerHandler('options/clear-activity', async () => {
    await activityLog.clear();
    return { ok: true };
  });

  registerHandler('blocked/get', async (request, context): Promise<BlockedGetResponse> => {
    if (context.from !== 'extension' || context.tabId === null) return { ok: false };
    const blocked = await guard.blocked(context.tabId, request.id);
    if (!blocked) return { ok: false };
    const { policy } = await policyProvider.current();
    const view = blocked.view;
    const link = reportLink(policy.reportUrl, {
      host: view.host.name,
      clientId: view.clientId ?? null,
      redirectHost: view.redirectHost ?? null,
      scopes: view.scopes.map((scope) => scope.id),
      verdict: view.verdict,
      findings: view.findings.map(({ id, message }) => ({ id, message })),
      forbiddenScopes: view.decision?.forbiddenScopes ?? [],
      time: blocked.time,
    });
    return {
      ok: true,
      details: {
        view,
        host: view.host.name,
        canOverride: view.decision?.canOverride === true && policy.allowOverride === true,
        companyName: policy.companyName ?? null,
        helpUrl: policy.helpUrl ?? null,
        reportLink: link,
        previousUrl: blocked.previousUrl,
        committed: blocked.committed,
      },
    };
  });
  registerHandler('blocked/continue', (request, context) =>
    context.from === 'extension' && context.tabId !== null ? guard.continueBlocked(context.tabId, request.id) : { ok: false },
  );
  registerHandler('blocked/leave', (request, context) =>
    context.from === 'extension' && context.tabId !== null ? guard.leaveBlocked(context.tabId, request.id) : { ok: false },
  );
}
