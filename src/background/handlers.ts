/**
 * The handler of every message of the protocol (src/messaging/protocol.ts), in one map: the fourth column of
 * the protocol's table. The router has already checked the sender (each handler gets it narrowed to the
 * senders its message allows) and parsed the fields. The compiler refuses a message without a handler.
 */
import type { ManagerService } from '../manager/service';
import type { FileAccess } from '../platform/management';
import type { ConsentInventory } from '../manager/consent-inventory';
import { linkCheck } from '../messaging/link-messages';
import {
  managerClearToken,
  managerConsents,
  managerForgetConsents,
  managerList,
  managerRevoke,
  managerSaveSettings,
  managerSetToken,
  managerStatus,
} from '../messaging/manager-messages';
import { pageCheck, pageDismiss, pageLeave, pageScanHit, pageTrust } from '../messaging/page-messages';
import {
  blockedContinue,
  blockedGet,
  blockedLeave,
  optionsClearActivity,
  optionsScanEveryPage,
  optionsState,
  optionsUndismiss,
  optionsUntrust,
} from '../messaging/policy-messages';
import { popupTabVerdict } from '../messaging/popup-messages';
import type { Handlers } from '../messaging/protocol';
import { reportLink } from '../policy/report';
import type { Blocking } from './blocking';
import type { Dismissals } from './dismissals';
import type { createLinkChecker } from './link-check';
import type { PageActions } from './page-actions';
import type { PolicyServices } from './policy';
import type { TabState } from './tab-state';
import type { TabStore } from './tab-store';
import type { TabTriage } from './tab-triage';

export interface HandlerDependencies {
  readonly tabs: TabStore;
  readonly tabState: TabState;
  readonly blocking: Blocking;
  readonly actions: PageActions;
  readonly dismissals: Dismissals;
  readonly triage: TabTriage;
  readonly policy: PolicyServices;
  readonly manager: ManagerService;
  readonly inventory: ConsentInventory;
  readonly linkChecker: ReturnType<typeof createLinkChecker>;
  /** Whether the guard can look into files opened from this computer (the options page says so). */
  readonly fileAccess: () => Promise<FileAccess>;
  /** Runs work the reply does not wait for, logging its failure (index.ts keeps count of it). */
  readonly track: (what: string, work: Promise<unknown>) => void;
}

export function createHandlers(deps: HandlerDependencies): Handlers {
  const { tabs, tabState, blocking, actions, triage, policy, manager, inventory } = deps;

  return {
    [pageCheck.type]: async (request, sender) => {
      const view = await tabState.check(request, sender);
      // A frame's danger is shown in the top frame too.
      deps.track(
        'frame danger',
        tabs.settled(sender.tabId).then(() => triage.pageChecked(sender.tabId, sender.frameId, view)),
      );
      return view;
    },
    [pageDismiss.type]: (request, sender) => actions.dismiss(request, sender),
    [pageLeave.type]: (_request, sender) => actions.leave(sender),
    [pageScanHit.type]: (_request, sender) => triage.scanHit(sender.tabId, sender.frameId),
    [pageTrust.type]: (request, sender) => actions.trust(request, sender),

    [popupTabVerdict.type]: async (request) => ({ view: (await tabs.tabRecord(request.tabId))?.view ?? null }),

    [managerList.type]: () => manager.list(),
    [managerRevoke.type]: (request) => manager.revoke(request.targets),
    [managerStatus.type]: () => manager.status(),
    [managerSaveSettings.type]: (request) => manager.saveSettings(request.settings),
    [managerSetToken.type]: (request) => manager.setToken(request.organization, request.token, request.remember),
    [managerClearToken.type]: (request) => manager.clearToken(request.organization),
    [managerConsents.type]: async () => ({ records: await inventory.records() }),
    [managerForgetConsents.type]: async () => {
      await inventory.forget();
      return { ok: true };
    },

    [optionsState.type]: async () => {
      const [state, activity, dismissals] = await Promise.all([policy.provider.current(), policy.activityLog.entries(), deps.dismissals.list()]);
      const [feeds, outbox, fileAccess] = await Promise.all([
        policy.threatFeeds.statuses().catch(() => []),
        policy.webhookOutbox.status().catch(() => null),
        deps.fileAccess(),
      ]);
      return { policy: state.policy, problems: state.problems, source: state.source, user: state.user, dismissals, activity, feeds, outbox, fileAccess };
    },
    [optionsUntrust.type]: async (request) => {
      await policy.provider.untrustClient(request.clientId);
      return { ok: true };
    },
    [optionsUndismiss.type]: (request) => actions.undismiss(request.tabId, request.requestKey),
    [optionsClearActivity.type]: async () => {
      await policy.activityLog.clear();
      return { ok: true };
    },
    [optionsScanEveryPage.type]: async (request) => {
      await policy.provider.setScanEveryPage(request.enabled);
      await policy.syncPageScan();
      return { ok: true };
    },

    [blockedGet.type]: async (request, sender) => {
      const blocked = await blocking.details(sender.tabId, request.id);
      if (!blocked) return { ok: false };
      const { policy: current } = await policy.provider.current();
      const view = blocked.view;
      const link = reportLink(current.reportUrl, {
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
          canOverride: view.decision?.canOverride === true && current.allowOverride === true,
          companyName: current.companyName ?? null,
          helpUrl: current.helpUrl ?? null,
          reportLink: link,
          previousUrl: blocked.previousUrl,
          committed: blocked.committed,
        },
      };
    },
    [blockedContinue.type]: (request, sender) => blocking.continueAnyway(sender.tabId, request.id),
    [blockedLeave.type]: (request, sender) => blocking.goBack(sender.tabId, request.id),

    [linkCheck.type]: (request) => deps.linkChecker.check(request),
  };
}
