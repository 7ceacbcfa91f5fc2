/**
 * The tab state in storage.session: each tab's record and authorization flow, one event at a time per tab.
 * Saving a record is where its consequences happen, once: the badge shows the worst view of the tab, the
 * activity log gets one entry per warn/danger request, and the consent inventory hears of the new view.
 */
import type { PageView } from '../messaging/page-view';
import type { BadgeState } from '../platform/action';
import type { StorageArea } from '../platform/storage';
import { boundListedBy, type ActivityChoice, type ActivityEntry } from '../policy/activity';
import type { NewActivity } from '../policy/activity-log';
import { reduceFlow, type FlowEvent, type FlowState } from './flow';
import { flowKey, tabKey, type TabRecord } from './tab-record';
import { badgeFor } from './view';
import { worseVerdict } from '../messaging/page-view';

export interface TabStoreDependencies {
  /** storage.session: the background's own records (written only by the background). */
  readonly store: StorageArea;
  setBadge(tabId: number, badge: BadgeState): Promise<void>;
  /** The local activity log (src/policy/activity-log.ts); absent: nothing is logged. */
  readonly activity?: {
    record(entry: NewActivity, id?: string): Promise<string>;
    update(id: string, change: Pick<ActivityEntry, 'verdict' | 'action' | 'findings' | 'forbiddenScopes' | 'listedBy'>): Promise<void>;
    choose(id: string, choice: ActivityChoice): Promise<void>;
  };
  /** The tab's view (the worst of its frames) was saved. */
  viewSaved?(tabId: number, view: PageView | null): void;
  log(message: string): void;
}

export function createTabStore(deps: TabStoreDependencies) {
  // Events for one tab are handled one at a time, in arrival order.
  const queues = new Map<number, Promise<unknown>>();
  const serial = <T>(tabId: number, task: () => Promise<T>): Promise<T> => {
    const previous = queues.get(tabId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    queues.set(tabId, next);
    void next.finally(() => {
      if (queues.get(tabId) === next) queues.delete(tabId);
    });
    return next;
  };

  /** Our own records: only the background writes them. */
  const read = async <T>(key: string): Promise<T | null> => ((await deps.store.get(key)) as T | undefined) ?? null;
  const logFailure = (error: unknown) => deps.log(`consent-guard: activity log: ${String(error)}`);

  /**
   * One activity entry per warn/danger request per document; a later, worse view of it updates the entry.
   * The ids are chosen here and the writes are not awaited: the log never delays a verdict, badge or block.
   */
  const logActivity = (record: TabRecord): TabRecord['activity'] => {
    const activity = deps.activity;
    if (!activity) return record.activity;
    const ids: Record<string, string> = { ...(record.activity ?? {}) };
    const views = [record.top, ...Object.values(record.frames)].filter((view): view is PageView => view !== null && isWarning(view));
    for (const view of views) {
      const fields = activityFields(view);
      const known = ids[view.requestKey];
      if (known === undefined) {
        const id = randomHex();
        ids[view.requestKey] = id;
        void activity.record(fields, id).catch(logFailure);
      } else {
        void activity
          .update(known, {
            verdict: fields.verdict,
            action: fields.action,
            findings: fields.findings,
            forbiddenScopes: fields.forbiddenScopes,
            ...(fields.listedBy ? { listedBy: fields.listedBy } : {}),
          })
          .catch(logFailure);
      }
    }
    return ids;
  };

  const chooseId = (id: string | null | undefined, choice: ActivityChoice): void => {
    if (id) void deps.activity?.choose(id, choice).catch(logFailure);
  };

  return {
    serial,

    /** Resolves when everything queued for the tab so far is done. */
    settled: (tabId: number): Promise<void> => serial(tabId, async () => undefined),

    /** The tab's record now (inside the tab's queue). */
    load: (tabId: number): Promise<TabRecord | null> => read<TabRecord>(tabKey(tabId)),

    /** The tab's record as it stands after everything queued so far (the popup's verdict, triage's view to carry). */
    tabRecord: (tabId: number): Promise<TabRecord | null> => serial(tabId, () => read<TabRecord>(tabKey(tabId)).catch(() => null)),

    /** Saves the record with its worst view: the badge first (a full or broken storage must not leave the user without the verdict), then the log. */
    async save(tabId: number, record: TabRecord): Promise<TabRecord> {
      const view = worstView(record);
      const activity = logActivity(record);
      const saved = { ...record, view, ...(activity ? { activity } : {}) };
      await deps.setBadge(tabId, badgeFor(view)).catch((error: unknown) => deps.log(`badge: ${String(error)}`));
      await deps.store.set(tabKey(tabId), saved).then(
        () => deps.viewSaved?.(tabId, view),
        (error: unknown) => deps.log(`consent-guard: could not store tab state: ${String(error)}`),
      );
      return saved;
    },

    /**
     * The tab's flow after one more navigation (src/background/flow.ts). `beforeWrite` sees it before it is
     * stored, so what depends on it (a banner) need not wait for the write.
     */
    async stepFlow(tabId: number, event: FlowEvent, beforeWrite?: (flow: FlowState | null) => void): Promise<FlowState | null> {
      const before = await read<FlowState>(flowKey(tabId));
      const after = reduceFlow(before, event);
      beforeWrite?.(after);
      // A failed write only costs the flow its memory across a service-worker restart; the verdict goes on.
      const keep = (error: unknown) => deps.log(`consent-guard: could not store the flow: ${String(error)}`);
      if (after === null) {
        if (before !== null) await deps.store.remove(flowKey(tabId)).catch(keep);
      } else if (after !== before) {
        await deps.store.set(flowKey(tabId), after).catch(keep);
      }
      return after;
    },

    loadFlow: (tabId: number): Promise<FlowState | null> => read<FlowState>(flowKey(tabId)),

    /** The user's choice on the banner or block page, on the log entry of that request. */
    choose(record: TabRecord | null, requestKey: string | undefined, choice: ActivityChoice): void {
      chooseId(requestKey === undefined ? undefined : record?.activity?.[requestKey], choice);
    },
    chooseId,

    /** Forgets the tab's record and flow. */
    forget: (tabId: number): Promise<void> => deps.store.remove([flowKey(tabId), tabKey(tabId)]),
  };
}

export type TabStore = ReturnType<typeof createTabStore>;

export function isWarning(view: PageView): boolean {
  return view.verdict === 'warn' || view.verdict === 'danger';
}

function activityFields(view: PageView): NewActivity {
  const listedBy = boundListedBy(view.decision?.listedBy);
  return {
    host: view.host.name,
    clientId: view.clientId ?? null,
    scopes: view.scopes.map((scope) => scope.id),
    verdict: view.verdict === 'danger' ? 'danger' : 'warn',
    action: view.decision?.action ?? 'banner',
    findings: view.findings.map((finding) => finding.id),
    forbiddenScopes: view.decision?.forbiddenScopes ?? [],
    ...(listedBy.length > 0 ? { listedBy } : {}),
  };
}

/** The worst view of the tab's top document and frames (the badge's). */
export function worstView(record: Pick<TabRecord, 'top' | 'frames'>): PageView | null {
  let worst = record.top;
  for (const frame of Object.values(record.frames)) {
    if (worst === null || worseVerdict(worst.verdict, frame.verdict) !== worst.verdict) worst = frame;
  }
  return worst;
}

/** An activity entry's id: 64 random bits. */
function randomHex(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
