/**
 * The consent-page guard in the background: per-tab flow, verdict, badge and banner requests.
 * Everything it keeps lives in storage.session (the service worker may be stopped between any two
 * events); every browser call is injected, so unit tests run it against an in-memory fake.
 */
import { analyzeUrl } from '../core';
import type { KeyValueStore } from '../platform/session-store';
import type { PageCheckRequest, PageDismissRequest, PageView, ShowBannerPush } from '../messaging/page-messages';
import { SHOW_BANNER, tabRecordKey, type TabRecord } from '../messaging/page-view';
export type { TabRecord };
import { isUserInitiated, reduceFlow, type FlowEvent, type FlowState } from './flow';
import { analyzePage, badgeFor, worseVerdict } from './view';

export interface GuardDependencies {
  readonly store: KeyValueStore;
  setBadge(tabId: number, badge: ReturnType<typeof badgeFor>): Promise<void>;
  sendToFrame(tabId: number, frameId: number, message: unknown): Promise<unknown>;
  navigateTab(tabId: number, url: string): Promise<void>;
  now(): number;
  log?(message: string): void;
}

export const tabKey = tabRecordKey;
export const flowKey = (tabId: number): string => `flow:${tabId}`;

/** Where "Leave this page" goes: a blank page works in every browser and loads nothing. */
export const LEAVE_URL = 'about:blank';

export interface NavigationInput {
  readonly kind: 'before' | 'committed' | 'history' | 'dom-ready';
  readonly tabId: number;
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

  const loadFlow = async (tabId: number) => (await deps.store.get<FlowState>(flowKey(tabId))) ?? null;
  const loadRecord = async (tabId: number) => (await deps.store.get<TabRecord>(tabKey(tabId))) ?? null;

  const stepFlow = async (tabId: number, event: FlowEvent): Promise<FlowState | null> => {
    const before = await loadFlow(tabId);
    const after = reduceFlow(before, event);
    if (after === null) {
      if (before !== null) await deps.store.remove(flowKey(tabId));
    } else if (after !== before) {
      await deps.store.set(flowKey(tabId), after);
    }
    return after;
  };

  const saveRecord = async (tabId: number, record: TabRecord): Promise<TabRecord> => {
    const view = worstView(record);
    const saved = { ...record, view };
    await deps.store.set(tabKey(tabId), saved);
    await deps.setBadge(tabId, badgeFor(view)).catch((error: unknown) => deps.log?.(`badge: ${String(error)}`));
    return saved;
  };

  return {
    /** Resolves when everything queued for the tab so far is done (tests, and orderly shutdown). */
    settled(tabId: number): Promise<void> {
      return serial(tabId, async () => undefined);
    },

    navigation(input: NavigationInput): Promise<void> {
      return serial(input.tabId, async () => {
        if (input.kind === 'dom-ready') {
          const record = await loadRecord(input.tabId);
          const view = record?.top;
          if (record && view && sameDocument(record.url, input.url) && isBannerVerdict(view) && !view.dismissed) {
            const push: ShowBannerPush = { type: SHOW_BANNER, view };
            // Not awaited: the content script never answers a push, and this tab's queue must not wait on it.
            void deps.sendToFrame(input.tabId, 0, push).catch(() => undefined);
          }
          return;
        }
        const flow = await stepFlow(input.tabId, {
          type: 'navigated',
          url: input.url,
          time: deps.now(),
          isAuthorizeRequest: isAuthorizeRequest(input.url),
          userInitiated: input.kind === 'committed' && isUserInitiated(input.transitionType),
        });
        if (input.kind === 'before') return;
        const previous = await loadRecord(input.tabId);
        const dismissed = previous?.dismissed ?? [];
        const top = analyzePage({ url: input.url, frameId: 0, flowStartUrl: flow?.startUrl ?? null, signals: null, dismissedKeys: dismissed });
        const frames = input.kind === 'history' ? (previous?.frames ?? {}) : {};
        await saveRecord(input.tabId, { url: stripFragment(input.url), top, frames, dismissed, view: null });
      });
    },

    /**
     * Answers as soon as the view is computed (the banner waits for it); storing the record and setting
     * the badge follow in the same per-tab queue, so later events still see them in order.
     */
    check(request: PageCheckRequest, context: { tabId: number; frameId: number; url: string }): Promise<PageView | null> {
      let answer: (view: PageView | null) => void = () => undefined;
      const reply = new Promise<PageView | null>((resolve) => (answer = resolve));
      void serial(context.tabId, async () => {
        // The page's own report also feeds the flow: navigation events can be missed (e.g. while the
        // service worker starts), and the authorize page itself always checks in.
        const [flow, record] = await Promise.all([
          context.frameId === 0
            ? stepFlow(context.tabId, { type: 'navigated', url: context.url, time: deps.now(), isAuthorizeRequest: isAuthorizeRequest(context.url), userInitiated: false })
            : loadFlow(context.tabId),
          loadRecord(context.tabId),
        ]);
        const dismissed = record?.dismissed ?? [];
        const view = analyzePage({ url: context.url, frameId: context.frameId, flowStartUrl: flow?.startUrl ?? null, signals: request.signals, dismissedKeys: dismissed });
        answer(view);
        if (view === null) return;
        if (context.frameId === 0) {
          // A check from a document the tab has already left (or not yet committed) answers that page only.
          if (record === null || sameDocument(record.url, context.url)) {
            await saveRecord(context.tabId, { url: stripFragment(context.url), top: view, frames: record?.frames ?? {}, dismissed, view: null });
          }
        } else if (record !== null && isBannerVerdict(view)) {
          await saveRecord(context.tabId, { ...record, frames: { ...record.frames, [String(context.frameId)]: view } });
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
        const mark = (candidate: PageView): PageView => (candidate.requestKey === request.requestKey && candidate.verdict === 'warn' ? { ...candidate, dismissed: true } : candidate);
        const frames = Object.fromEntries(Object.entries(record.frames).map(([id, frame]) => [id, mark(frame)]));
        await saveRecord(context.tabId, { ...record, top: record.top ? mark(record.top) : null, frames, dismissed });
        return { dismissed: true };
      });
    },

    async leave(context: { tabId: number }): Promise<{ left: boolean }> {
      await deps.navigateTab(context.tabId, LEAVE_URL);
      return { left: true };
    },

    tabClosed(tabId: number): Promise<void> {
      return serial(tabId, async () => {
        await deps.store.remove([flowKey(tabId), tabKey(tabId)]);
      });
    },
  };
}

export type Guard = ReturnType<typeof createGuard>;

function isAuthorizeRequest(url: string): boolean {
  const own = analyzeUrl(url);
  return own.ok && own.analysis.flow !== null;
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

function stripFragment(url: string): string {
  const index = url.indexOf('#');
  return index === -1 ? url : url.slice(0, index);
}

function sameDocument(a: string, b: string): boolean {
  return stripFragment(a) === stripFragment(b);
}
