/**
 * The consent-page guard in the background: per-tab flow, verdict, badge and banner requests.
 * Everything it keeps lives in storage.session (the service worker may be stopped between any two
 * events); every browser call is injected, so unit tests run it against an in-memory fake.
 */
import { analyzeUrl } from '../core';
import { t } from '../platform/i18n';
import type { StorageArea } from '../platform/storage';
import type { PageCheckRequest, PageDismissRequest, PageView } from '../messaging/page-messages';
import { sameDocument, stripFragment, tabRecordKey, type TabRecord } from './tab-record';
export type { TabRecord };
import { isUserInitiated, reduceFlow, type FlowEvent, type FlowState } from './flow';
import { analyzePage, badgeFor, NO_POLICY, worseVerdict, type PolicyContext } from './view';
import { judgedUrl } from './triage';
import type { ActivityChoice, ActivityEntry } from '../policy/activity';
import type { NewActivity } from '../policy/activity-log';

export interface GuardDependencies {
  /** storage.session: the background's own records (written only here). */
  readonly store: StorageArea;
  setBadge(tabId: number, badge: ReturnType<typeof badgeFor>): Promise<void>;
  navigateTab(tabId: number, url: string): Promise<void>;
  now(): number;
  log?(message: string): void;
  /** The organization's policy and the user's settings (src/policy/provider.ts); absent: no policy. */
  policy?(): Promise<PolicyContext>;
  /** The local activity log (src/policy/activity-log.ts). */
  activity?: {
    record(entry: NewActivity, id?: string): Promise<string>;
    update(id: string, change: Pick<ActivityEntry, 'verdict' | 'action' | 'findings' | 'forbiddenScopes'>): Promise<void>;
    choose(id: string, choice: ActivityChoice): Promise<void>;
  };
  /** Adds a client id to the user's trusted apps (storage.local). */
  trustClient?(clientId: string): Promise<void>;
  /** The block page's URL for a block id (an extension page); absent: blocks fall back to the banner. */
  blockPageUrl?(id: string): string;
  randomId?(): string;
  /** The tab's view (the worst of its frames) was saved: the consent inventory follows it. */
  viewSaved?(tabId: number, view: PageView | null): void;
}

/** What storage.session keeps for the block page of a tab (`blocked:<tabId>`); the page's URL carries only `id`. */
export interface BlockedRecord {
  readonly id: string;
  /** The blocked address, as the tab was about to load it. */
  readonly url: string;
  /** Where "Go back" goes when the browser's history cannot (the page the user came from). */
  readonly previousUrl: string | null;
  /** The blocked page had committed (history.back() would land on it again). */
  readonly committed: boolean;
  readonly view: PageView;
  readonly time: number;
  readonly activityId: string | null;
}

/** A user's "Continue anyway", valid once, for that URL in that tab (`override:<tabId>`). */
interface OverrideRecord {
  readonly url: string;
  readonly time: number;
}

/** A dismissal the options page can list and undo (storage.session `dismissals`). */
export interface DismissalRecord {
  readonly tabId: number;
  readonly requestKey: string;
  readonly host: string;
  readonly clientId: string | null;
  readonly scopes: readonly string[];
  readonly time: number;
}

export const blockedKey = (tabId: number): string => `blocked:${tabId}`;
export const overrideKey = (tabId: number): string => `override:${tabId}`;
export const DISMISSALS_KEY = 'dismissals';
/** "Continue anyway" must be used within this time. */
const OVERRIDE_TTL_MS = 60_000;
/** A block for the same address within this time is the same block (the page's own check arriving late). */
const SAME_BLOCK_MS = 3_000;

export const tabKey = tabRecordKey;
export const flowKey = (tabId: number): string => `flow:${tabId}`;

/** Where "Leave this page" goes: a blank page works in every browser and loads nothing. */
export const LEAVE_URL = 'about:blank';

export interface NavigationInput {
  readonly kind: 'before' | 'committed' | 'history' | 'fragment' | 'dom-ready';
  readonly tabId: number;
  /** 0 (the default) for the top frame. */
  readonly frameId?: number;
  readonly url: string;
  readonly transitionType?: string | undefined;
}

export function createGuard(deps: GuardDependencies) {
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

  /** Our own records in storage.session: only this module writes them. */
  const read = async <T>(key: string): Promise<T | undefined> => (await deps.store.get(key)) as T | undefined;
  const loadFlow = async (tabId: number) => (await read<FlowState>(flowKey(tabId))) ?? null;
  const loadRecord = async (tabId: number) => (await read<TabRecord>(tabKey(tabId))) ?? null;

  const stepFlow = async (tabId: number, event: FlowEvent): Promise<FlowState | null> => {
    const before = await loadFlow(tabId);
    const after = reduceFlow(before, event);
    // A failed write only costs the flow its memory across a service-worker restart; the verdict goes on.
    const keep = (error: unknown) => deps.log?.(`consent-guard: could not store the flow: ${String(error)}`);
    if (after === null) {
      if (before !== null) await deps.store.remove(flowKey(tabId)).catch(keep);
    } else if (after !== before) {
      await deps.store.set(flowKey(tabId), after).catch(keep);
    }
    return after;
  };

  const policyContext = async (): Promise<PolicyContext> => (deps.policy ? await deps.policy().catch(() => NO_POLICY) : NO_POLICY);

  const logFailure = (error: unknown) => deps.log?.(`consent-guard: activity log: ${String(error)}`);

  /**
   * One activity entry per warn/danger request per document; a later, worse view of it updates the entry.
   * The ids are chosen here and the writes are not awaited: the log never delays a verdict, badge or block.
   */
  const logActivity = (record: TabRecord): TabRecord['activity'] => {
    const activity = deps.activity;
    if (!activity) return record.activity;
    const ids: Record<string, string> = { ...(record.activity ?? {}) };
    const views = [record.top, ...Object.values(record.frames)].filter((view): view is PageView => view !== null && isBannerVerdict(view));
    for (const view of views) {
      const fields = activityFields(view);
      const known = ids[view.requestKey];
      if (known === undefined) {
        const id = randomHex();
        ids[view.requestKey] = id;
        void activity.record(fields, id).catch(logFailure);
      } else {
        void activity
          .update(known, { verdict: fields.verdict, action: fields.action, findings: fields.findings, forbiddenScopes: fields.forbiddenScopes })
          .catch(logFailure);
      }
    }
    return ids;
  };

  const chooseId = (id: string | null | undefined, choice: ActivityChoice): void => {
    if (id) void deps.activity?.choose(id, choice).catch(logFailure);
  };
  const choose = (record: TabRecord | null, requestKey: string | undefined, choice: ActivityChoice): void => {
    chooseId(requestKey === undefined ? undefined : record?.activity?.[requestKey], choice);
  };

  const saveRecord = async (tabId: number, record: TabRecord): Promise<TabRecord> => {
    const view = worstView(record);
    const activity = logActivity(record);
    const saved = { ...record, view, ...(activity ? { activity } : {}) };
    // The badge first: a full or broken storage must not leave the user without the verdict.
    await deps.setBadge(tabId, badgeFor(view)).catch((error: unknown) => deps.log?.(`badge: ${String(error)}`));
    await deps.store.set(tabKey(tabId), saved).then(
      () => deps.viewSaved?.(tabId, view),
      (error: unknown) => deps.log?.(`consent-guard: could not store tab state: ${String(error)}`),
    );
    return saved;
  };

  /** Replaces the tab with the block page; the details stay in storage.session, the page's URL has only an id. */
  const blockTab = async (
    tabId: number,
    rawUrl: string,
    view: PageView,
    previous: TabRecord | null,
    committed: boolean,
    carry: TabRecord['activity'],
  ): Promise<void> => {
    if (!deps.blockPageUrl) return;
    const url = stripFragment(rawUrl);
    const earlier = await read<BlockedRecord>(blockedKey(tabId));
    // The same address blocked a moment ago (onBeforeNavigate, then its commit won the race): the same block, logged once.
    const again = earlier !== undefined && sameDocument(earlier.url, rawUrl) && deps.now() - earlier.time < SAME_BLOCK_MS;
    const activity = carry ?? (again && previous !== null && sameDocument(previous.url, url) ? previous.activity : undefined);
    const saved = await saveRecord(tabId, { url, top: view, frames: {}, dismissed: previous?.dismissed ?? [], view: null, ...(activity ? { activity } : {}) });
    // The page the user came from; when this address was blocked a moment ago, the one that block remembered.
    const previousUrl =
      previous && previous.url !== url && /^https?:/i.test(previous.url)
        ? previous.url
        : earlier && sameDocument(earlier.url, rawUrl)
          ? earlier.previousUrl
          : null;
    const id = again && earlier ? earlier.id : (deps.randomId?.() ?? randomHex());
    const blocked: BlockedRecord = {
      id,
      url: rawUrl,
      previousUrl,
      committed: committed || (again && earlier ? earlier.committed : false),
      view,
      time: deps.now(),
      activityId: saved.activity?.[view.requestKey] ?? null,
    };
    await deps.store.set(blockedKey(tabId), blocked);
    await deps.navigateTab(tabId, deps.blockPageUrl(id));
  };

  /** Is there a fresh "Continue anyway" for exactly this URL in this tab? `consume` uses it up. */
  const takeOverride = async (tabId: number, url: string, consume: boolean): Promise<boolean> => {
    const override = await read<OverrideRecord>(overrideKey(tabId));
    if (!override) return false;
    const valid = override.url === stripFragment(url) && deps.now() - override.time <= OVERRIDE_TTL_MS;
    if (consume || !valid) await deps.store.remove(overrideKey(tabId));
    return valid;
  };

  const blocks = (view: PageView | null): view is PageView => view !== null && view.decision?.action === 'block' && deps.blockPageUrl !== undefined;

  /** A sub-frame's navigation: its address alone can already be a consent page (framed) or a lookalike. */
  const frameNavigation = async (input: NavigationInput, frameId: number): Promise<PageView | null> => {
    if (input.kind === 'before') return null;
    const record = await loadRecord(input.tabId);
    const judged = judgedUrl(input.url, record?.url ?? null);
    const key = String(frameId);
    const view =
      judged === null
        ? null
        : analyzePage({ url: judged, frameId, flowStartUrl: null, signals: null, dismissedKeys: record?.dismissed ?? [], policy: await policyContext() });
    if (record === null) return view;
    const had = record.frames[key];
    if (view !== null && isBannerVerdict(view)) {
      // A frame's verdict never gets milder within its document (history, fragment).
      const kept = had && input.kind !== 'committed' && worseVerdict(had.verdict, view.verdict) !== view.verdict ? had : view;
      await saveRecord(input.tabId, { ...record, frames: { ...record.frames, [key]: kept } });
      return kept;
    }
    if (had !== undefined && input.kind === 'committed') {
      const { [key]: _gone, ...frames } = record.frames;
      await saveRecord(input.tabId, { ...record, frames });
    }
    return view;
  };

  return {
    /** Resolves when everything queued for the tab so far is done (tests, and orderly shutdown). */
    settled(tabId: number): Promise<void> {
      return serial(tabId, async () => undefined);
    },

    /** The tab's record as it stands after everything queued so far (the popup's verdict, triage's view to carry). */
    tabRecord(tabId: number): Promise<TabRecord | null> {
      return serial(tabId, () => loadRecord(tabId).catch(() => null));
    },

    /**
     * One navigation event of one frame. Resolves with that frame's view of its new address (null when the
     * address says nothing or is not a web document); the tab record and badge are up to date by then.
     */
    navigation(input: NavigationInput): Promise<PageView | null> {
      return serial(input.tabId, async (): Promise<PageView | null> => {
        const frameId = input.frameId ?? 0;
        if (input.kind === 'dom-ready') {
          const record = await loadRecord(input.tabId);
          if (record === null) return null;
          return frameId === 0 ? (sameDocument(record.url, input.url) ? record.top : null) : (record.frames[String(frameId)] ?? null);
        }
        if (frameId !== 0) return frameNavigation(input, frameId);
        // A blob: or data: top frame is judged by the origin that made it; extension pages, about: and other
        // browser pages are not web documents and leave the record alone.
        const judged = judgedUrl(input.url, null);
        if (judged === null) return null;
        const flow = await stepFlow(input.tabId, {
          type: 'navigated',
          url: judged,
          time: deps.now(),
          isAuthorizeRequest: isAuthorizeRequest(judged),
          userInitiated: input.kind === 'committed' && isUserInitiated(input.transitionType),
        });
        if (input.kind === 'before') {
          // Block before the page loads at all, when the address alone is enough to decide.
          if (!deps.blockPageUrl) return null;
          const policy = await policyContext();
          if (policy.policy.blockDanger !== true && (policy.policy.forbiddenScopes ?? []).length === 0) return null;
          const view = analyzePage({ url: judged, frameId: 0, flowStartUrl: flow?.startUrl ?? null, signals: null, dismissedKeys: [], policy });
          if (blocks(view) && !(await takeOverride(input.tabId, input.url, false)))
            await blockTab(input.tabId, input.url, view, await loadRecord(input.tabId), false, undefined);
          return null;
        }
        const policy = await policyContext();
        const previous = await loadRecord(input.tabId);
        const dismissed = previous?.dismissed ?? [];
        const top = analyzePage({ url: judged, frameId: 0, flowStartUrl: flow?.startUrl ?? null, signals: null, dismissedKeys: dismissed, policy });
        const sameDocumentChange = input.kind === 'history' || input.kind === 'fragment';
        const frames = sameDocumentChange ? (previous?.frames ?? {}) : {};
        const url = stripFragment(input.url);
        // "Continue anyway" lets exactly this navigation through; a reload or a later visit is decided afresh.
        const overridden = sameDocumentChange ? (previous?.overridden ?? false) : await takeOverride(input.tabId, url, true);
        // The same document (history), the navigation the user let through, or the consent screen of a tracked flow keep their log entries.
        const sameRequest = top !== null && previous?.activity?.[top.requestKey] !== undefined && (top.fromTrackedFlow || overridden);
        const carry = sameDocumentChange || sameRequest ? previous?.activity : undefined;
        if (input.kind === 'committed' && blocks(top) && !overridden) {
          await blockTab(input.tabId, input.url, top, previous, true, carry);
          return null;
        }
        // Within one document the verdict never gets milder: a page that rewrites its address keeps its danger.
        const kept = sameDocumentChange && previous?.top && top && worseVerdict(previous.top.verdict, top.verdict) !== top.verdict ? previous.top : top;
        await saveRecord(input.tabId, {
          url,
          top: kept,
          frames,
          dismissed,
          view: null,
          ...(carry ? { activity: carry } : {}),
          ...(overridden ? { overridden } : {}),
        });
        return kept;
      });
    },

    /**
     * Answers as soon as the view is computed (the banner waits for it); storing the record and setting
     * the badge follow in the same per-tab queue, so later events still see them in order.
     */
    check(request: PageCheckRequest, context: { tabId: number; frameId: number; url: string; origin?: string | undefined }): Promise<PageView | null> {
      let answer: (view: PageView | null) => void = () => undefined;
      const reply = new Promise<PageView | null>((resolve) => (answer = resolve));
      void serial(context.tabId, async () => {
        // The page's own report also feeds the flow: navigation events can be missed (e.g. while the
        // service worker starts), and the authorize page itself always checks in.
        const topUrl = judgedUrl(context.url, context.origin ?? null) ?? context.url;
        const [flow, record] = await Promise.all([
          context.frameId === 0
            ? stepFlow(context.tabId, {
                type: 'navigated',
                url: topUrl,
                time: deps.now(),
                isAuthorizeRequest: isAuthorizeRequest(topUrl),
                userInitiated: false,
              })
            : loadFlow(context.tabId),
          loadRecord(context.tabId),
        ]);
        // about:blank, srcdoc and blob: documents are judged by the origin that made them.
        const judged = judgedUrl(context.url, context.origin ?? record?.url ?? null);
        if (judged === null) {
          answer(null);
          return;
        }
        const dismissed = record?.dismissed ?? [];
        const policy = await policyContext();
        const view = analyzePage({
          url: judged,
          frameId: context.frameId,
          flowStartUrl: flow?.startUrl ?? null,
          signals: request.signals,
          dismissedKeys: dismissed,
          policy,
        });
        // An approved or trusted app's warn shows nothing on the page (the badge and popup still tell).
        answer(view !== null && view.decision?.action === 'none' ? null : view);
        if (view === null) return;
        const overridden = record !== null && record.overridden === true && (context.frameId !== 0 || sameDocument(record.url, context.url));
        if (blocks(view) && !overridden && (context.frameId !== 0 || record === null || sameDocument(record.url, context.url))) {
          const earlier = await read<BlockedRecord>(blockedKey(context.tabId));
          const topUrl = context.frameId === 0 ? context.url : (record?.url ?? context.url);
          if (earlier && sameDocument(earlier.url, topUrl) && deps.now() - earlier.time < SAME_BLOCK_MS) return;
          await blockTab(context.tabId, topUrl, view, record, true, record && sameDocument(record.url, topUrl) ? record.activity : undefined);
          return;
        }
        if (context.frameId === 0) {
          // A check from a document the tab has already left (or not yet committed) answers that page only.
          if (record === null || sameDocument(record.url, context.url)) {
            // Same document: its log entries and a "Continue anyway" stay with it.
            const kept =
              record === null ? {} : { ...(record.activity ? { activity: record.activity } : {}), ...(record.overridden ? { overridden: true } : {}) };
            // A page that takes its clone down again keeps the verdict it earned in this document.
            const top = record?.top && worseVerdict(record.top.verdict, view.verdict) !== view.verdict ? record.top : view;
            await saveRecord(context.tabId, { url: stripFragment(context.url), top, frames: record?.frames ?? {}, dismissed, view: null, ...kept });
          }
        } else if (record !== null && isBannerVerdict(view)) {
          const had = record.frames[String(context.frameId)];
          const frame = had && worseVerdict(had.verdict, view.verdict) !== view.verdict ? had : view;
          await saveRecord(context.tabId, { ...record, frames: { ...record.frames, [String(context.frameId)]: frame } });
        }
      }).catch((error: unknown) => {
        deps.log?.(`consent-guard: check failed: ${String(error)}`);
        answer(null);
      });
      return reply;
    },

    dismiss(request: PageDismissRequest, context: { tabId: number; frameId: number }): Promise<{ dismissed: boolean }> {
      return serial(context.tabId, async () => {
        const record = await loadRecord(context.tabId);
        if (record === null) return { dismissed: false };
        const view = context.frameId === 0 ? record.top : record.frames[String(context.frameId)];
        // Danger is never dismissible; and only the request this frame was actually shown.
        if (!view || view.verdict !== 'warn' || view.requestKey !== request.requestKey) return { dismissed: false };
        const dismissed = record.dismissed.includes(request.requestKey) ? record.dismissed : [...record.dismissed, request.requestKey].slice(-50);
        const mark = (candidate: PageView): PageView =>
          candidate.requestKey === request.requestKey && candidate.verdict === 'warn' ? { ...candidate, dismissed: true } : candidate;
        const frames = Object.fromEntries(Object.entries(record.frames).map(([id, frame]) => [id, mark(frame)]));
        await saveRecord(context.tabId, { ...record, top: record.top ? mark(record.top) : null, frames, dismissed });
        choose(record, request.requestKey, 'dismissed');
        const list = (await read<DismissalRecord[]>(DISMISSALS_KEY)) ?? [];
        const entry: DismissalRecord = {
          tabId: context.tabId,
          requestKey: request.requestKey,
          host: view.host.name,
          clientId: view.clientId ?? null,
          scopes: view.scopes.map((scope) => scope.id),
          time: deps.now(),
        };
        await deps.store.set(
          DISMISSALS_KEY,
          [...list.filter((item) => !(item.tabId === context.tabId && item.requestKey === request.requestKey)), entry].slice(-200),
        );
        return { dismissed: true };
      });
    },

    /** Takes back a dismissal (options page): the banner shows again from the next check of that request. */
    undismiss(tabId: number, requestKey: string): Promise<{ ok: boolean }> {
      return serial(tabId, async () => {
        const list = (await read<DismissalRecord[]>(DISMISSALS_KEY)) ?? [];
        const remaining = list.filter((item) => !(item.tabId === tabId && item.requestKey === requestKey));
        if (remaining.length !== list.length) await deps.store.set(DISMISSALS_KEY, remaining);
        const record = await loadRecord(tabId);
        if (record === null || !record.dismissed.includes(requestKey)) return { ok: remaining.length !== list.length };
        const unmark = (candidate: PageView): PageView => (candidate.requestKey === requestKey ? { ...candidate, dismissed: false } : candidate);
        const frames = Object.fromEntries(Object.entries(record.frames).map(([id, frame]) => [id, unmark(frame)]));
        await saveRecord(tabId, {
          ...record,
          top: record.top ? unmark(record.top) : null,
          frames,
          dismissed: record.dismissed.filter((key) => key !== requestKey),
        });
        return { ok: true };
      });
    },

    /**
     * "Trust this app" on a warn banner: only for the request this frame was shown, only warn with a banner
     * (never danger, never a block), only on a trusted host, only with a client id.
     */
    trust(request: { requestKey: string }, context: { tabId: number; frameId: number }): Promise<{ trusted: boolean }> {
      return serial(context.tabId, async () => {
        const record = await loadRecord(context.tabId);
        if (record === null || !deps.trustClient) return { trusted: false };
        const view = context.frameId === 0 ? record.top : record.frames[String(context.frameId)];
        if (
          !view ||
          view.requestKey !== request.requestKey ||
          view.verdict !== 'warn' ||
          view.decision?.action !== 'banner' ||
          !view.host.trusted ||
          !view.clientId
        ) {
          return { trusted: false };
        }
        const clientId = view.clientId;
        await deps.trustClient(clientId);
        const note = t('noteUserTrusted');
        const mark = (candidate: PageView): PageView =>
          candidate.clientId === clientId && candidate.verdict === 'warn' && candidate.decision?.action === 'banner'
            ? { ...candidate, decision: { ...candidate.decision, action: 'none', notes: [...candidate.decision.notes, note] } }
            : candidate;
        const frames = Object.fromEntries(Object.entries(record.frames).map(([id, frame]) => [id, mark(frame)]));
        await saveRecord(context.tabId, { ...record, top: record.top ? mark(record.top) : null, frames });
        choose(record, request.requestKey, 'trusted');
        return { trusted: true };
      });
    },

    async leave(context: { tabId: number }): Promise<{ left: boolean }> {
      const record = await loadRecord(context.tabId).catch(() => null);
      choose(record, record?.view?.requestKey, 'left');
      await deps.navigateTab(context.tabId, LEAVE_URL);
      return { left: true };
    },

    /** The block page's details for its tab, when the id matches (a stale page gets nothing). */
    async blocked(tabId: number, id: string): Promise<BlockedRecord | null> {
      const blocked = await read<BlockedRecord>(blockedKey(tabId));
      if (!blocked || blocked.id !== id) return null;
      // The browser clears a tab's badge when it navigates: the block page puts the verdict back.
      await deps.setBadge(tabId, badgeFor(blocked.view)).catch(() => undefined);
      return blocked;
    },

    /** "Continue anyway": only when the policy allowed it for this block; lets that URL through once, in that tab. */
    continueBlocked(tabId: number, id: string): Promise<{ ok: boolean }> {
      return serial(tabId, async () => {
        const blocked = await read<BlockedRecord>(blockedKey(tabId));
        if (!blocked || blocked.id !== id || blocked.view.decision?.canOverride !== true) return { ok: false };
        // The policy may have changed since the block: it must still allow the override.
        const policy = await policyContext();
        if (policy.policy.allowOverride !== true) return { ok: false };
        await deps.store.set(overrideKey(tabId), { url: stripFragment(blocked.url), time: deps.now() } satisfies OverrideRecord);
        await deps.store.remove(blockedKey(tabId));
        chooseId(blocked.activityId, 'continued');
        await deps.navigateTab(tabId, blocked.url);
        return { ok: true };
      });
    },

    /** "Go back" on the block page: logged as "left"; the page itself goes back (or to previousUrl). */
    leaveBlocked(tabId: number, id: string): Promise<{ ok: boolean }> {
      return serial(tabId, async () => {
        const blocked = await read<BlockedRecord>(blockedKey(tabId));
        if (!blocked || blocked.id !== id) return { ok: false };
        chooseId(blocked.activityId, 'left');
        return { ok: true };
      });
    },

    tabClosed(tabId: number): Promise<void> {
      return serial(tabId, async () => {
        await deps.store.remove([flowKey(tabId), tabKey(tabId), blockedKey(tabId), overrideKey(tabId)]);
        const list = (await read<DismissalRecord[]>(DISMISSALS_KEY)) ?? [];
        if (list.some((item) => item.tabId === tabId))
          await deps.store.set(
            DISMISSALS_KEY,
            list.filter((item) => item.tabId !== tabId),
          );
      });
    },
  };
}

export type Guard = ReturnType<typeof createGuard>;

function isAuthorizeRequest(url: string): boolean {
  const own = analyzeUrl(url);
  return own.ok && own.analysis.flow !== null;
}

function activityFields(view: PageView): NewActivity {
  return {
    host: view.host.name,
    clientId: view.clientId ?? null,
    scopes: view.scopes.map((scope) => scope.id),
    verdict: view.verdict === 'danger' ? 'danger' : 'warn',
    action: view.decision?.action ?? 'banner',
    findings: view.findings.map((finding) => finding.id),
    forbiddenScopes: view.decision?.forbiddenScopes ?? [],
  };
}

function randomHex(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function isBannerVerdict(view: PageView): boolean {
  return view.verdict === 'warn' || view.verdict === 'danger';
}

function worstView(record: TabRecord): PageView | null {
  let worst = record.top;
  for (const frame of Object.values(record.frames)) {
    if (worst === null || worseVerdict(worst.verdict, frame.verdict) !== worst.verdict) worst = frame;
  }
  return worst;
}
