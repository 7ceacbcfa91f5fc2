/**
 * The tab state kept current from what happens in the tab: each navigation event of each frame, and each report
 * of a guard in a page. Each document is analysed once per change (view.ts analyzeDocument); the result is the
 * tab's record (tab-store.ts), a block where the policy says so (blocking.ts), and the view a guard shows.
 */
import { wantsBanner, worseVerdict, type PageView } from '../messaging/page-view';
import type { PageCheckRequest } from '../messaging/page-messages';
import type { PageSender } from '../messaging/define';
import type { NavigationKind } from '../platform/navigation';
import type { Blocking } from './blocking';
import type { Dismissals } from './dismissals';
import { isUserInitiated } from './flow';
import { sameDocument, stripFragment, type TabRecord } from './tab-record';
import { isWarning, type TabStore } from './tab-store';
import { judgedUrl } from './triage';
import { analyzeDocument, NO_POLICY, viewOf, type PolicyContext } from './view';

export interface NavigationInput {
  readonly kind: NavigationKind;
  readonly tabId: number;
  /** 0 (the default) for the top frame. */
  readonly frameId?: number;
  readonly url: string;
  readonly transitionType?: string | undefined;
}

export interface TabStateDependencies {
  readonly tabs: TabStore;
  readonly blocking: Blocking;
  readonly dismissals: Dismissals;
  policy?(): Promise<PolicyContext>;
  now(): number;
  log(message: string): void;
}

export function createTabState(deps: TabStateDependencies) {
  const { tabs, blocking, dismissals } = deps;
  const policyContext = async (): Promise<PolicyContext> => (deps.policy ? await deps.policy().catch(() => NO_POLICY) : NO_POLICY);

  /** A sub-frame's navigation: its address alone can already be a consent page (framed) or a lookalike. */
  const frameNavigation = async (input: NavigationInput, frameId: number): Promise<PageView | null> => {
    if (input.kind === 'before') return null;
    const record = await tabs.load(input.tabId);
    const judged = judgedUrl(input.url, record?.url ?? null);
    const key = String(frameId);
    const view =
      judged === null
        ? null
        : viewOf(analyzeDocument({ url: judged, frameId, signals: null, policy: await policyContext() }), {
            flowStartUrl: null,
            dismissedKeys: await dismissals.keysFor(input.tabId),
          });
    if (record === null) return view;
    const had = record.frames[key];
    if (view !== null && isWarning(view)) {
      // A frame's verdict never gets milder within its document (history, fragment).
      const kept = had && input.kind !== 'committed' && worseVerdict(had.verdict, view.verdict) !== view.verdict ? had : view;
      await tabs.save(input.tabId, { ...record, frames: { ...record.frames, [key]: kept } });
      return kept;
    }
    if (had !== undefined && input.kind === 'committed') {
      const { [key]: _gone, ...frames } = record.frames;
      await tabs.save(input.tabId, { ...record, frames });
    }
    return view;
  };

  return {
    /**
     * One navigation event of one frame. Resolves with that frame's view of its new address (null when the
     * address says nothing or is not a web document); the tab record and badge are up to date by then.
     * `onView` hears the top frame's record-to-be as soon as its view is known, before it is stored (a
     * blocked document's never: the block page replaces it).
     */
    navigation(input: NavigationInput, onView?: (record: Pick<TabRecord, 'top' | 'frames'>) => void): Promise<PageView | null> {
      return tabs.serial(input.tabId, async (): Promise<PageView | null> => {
        const frameId = input.frameId ?? 0;
        if (input.kind === 'dom-ready') {
          // Nothing changed for the address: the view stands as the commit left it.
          const record = await tabs.load(input.tabId);
          if (record === null) return null;
          return frameId === 0 ? (sameDocument(record.url, input.url) ? record.top : null) : (record.frames[String(frameId)] ?? null);
        }
        if (frameId !== 0) return frameNavigation(input, frameId);
        // A blob: or data: top frame is judged by the origin that made it; extension pages, about: and other
        // browser pages are not web documents and leave the record alone.
        const judged = judgedUrl(input.url, null);
        if (judged === null) return null;
        if (input.kind === 'before') {
          // Block before the page loads at all, when the address alone is enough to decide; otherwise the
          // commit (which always follows) is where the address is judged.
          const policy = await blocking.blocksEarly();
          const document = analyzeDocument({ url: judged, frameId: 0, signals: null, ...(policy ? { policy } : {}) });
          const flow = await tabs.stepFlow(input.tabId, {
            type: 'navigated',
            url: judged,
            time: deps.now(),
            isAuthorizeRequest: document.isAuthorizeRequest,
            userInitiated: false,
          });
          if (policy === null) return null;
          const view = viewOf(document, { flowStartUrl: flow?.startUrl ?? null, dismissedKeys: [] });
          if (blocking.blocks(view) && !(await blocking.takeOverride(input.tabId, input.url, false)))
            await blocking.block(input.tabId, input.url, view, await tabs.load(input.tabId), false, undefined);
          return null;
        }
        // Read together: the banner waits for all three.
        const [policy, previous, dismissedKeys] = await Promise.all([policyContext(), tabs.load(input.tabId), dismissals.keysFor(input.tabId)]);
        const document = analyzeDocument({ url: judged, frameId: 0, signals: null, policy });
        const sameDocumentChange = input.kind === 'history' || input.kind === 'fragment';
        const frames = sameDocumentChange ? (previous?.frames ?? {}) : {};
        let top = null as PageView | null;
        let kept = null as PageView | null;
        await tabs.stepFlow(
          input.tabId,
          {
            type: 'navigated',
            url: judged,
            time: deps.now(),
            isAuthorizeRequest: document.isAuthorizeRequest,
            userInitiated: input.kind === 'committed' && isUserInitiated(input.transitionType),
          },
          (flow) => {
            top = viewOf(document, { flowStartUrl: flow?.startUrl ?? null, dismissedKeys });
            // Within one document the verdict never gets milder: a page that rewrites its address keeps its danger.
            kept = sameDocumentChange && previous?.top && top && worseVerdict(previous.top.verdict, top.verdict) !== top.verdict ? previous.top : top;
            // The view is final here unless the new document is blocked: the banner need not wait for the writes below.
            if (sameDocumentChange || !blocking.blocks(top)) onView?.({ top: kept, frames });
          },
        );
        const url = stripFragment(input.url);
        // "Continue anyway" lets exactly this navigation through; a reload or a later visit is decided afresh.
        const overridden = sameDocumentChange ? (previous?.overridden ?? false) : await blocking.takeOverride(input.tabId, url, true);
        // The same document (history), the navigation the user let through, or the consent screen of a tracked flow keep their log entries.
        const sameRequest = top !== null && previous?.activity?.[top.requestKey] !== undefined && (top.fromTrackedFlow || overridden);
        const carry = sameDocumentChange || sameRequest ? previous?.activity : undefined;
        if (input.kind === 'committed' && blocking.blocks(top) && !overridden) {
          await blocking.block(input.tabId, input.url, top, previous, true, carry);
          return null;
        }
        await tabs.save(input.tabId, {
          url,
          top: kept,
          frames,
          view: null,
          ...(carry ? { activity: carry } : {}),
          ...(overridden ? { overridden } : {}),
        });
        return kept;
      });
    },

    /**
     * A guard's report from its document. Answers as soon as the view is computed (the banner waits for it):
     * the view to show, or null when the document gets no banner (wantsBanner, the one rule). Storing the record
     * and setting the badge follow in the same per-tab queue, so later events still see them in order.
     */
    check(request: PageCheckRequest, sender: Pick<PageSender, 'tabId' | 'frameId' | 'url' | 'origin'>): Promise<PageView | null> {
      let answer: (view: PageView | null) => void = () => undefined;
      const reply = new Promise<PageView | null>((resolve) => (answer = resolve));
      const { tabId, frameId } = sender;
      void tabs
        .serial(tabId, async () => {
          const record = await tabs.load(tabId);
          // about:blank, srcdoc and blob: documents are judged by the origin that made them.
          const judged = judgedUrl(sender.url, sender.origin ?? record?.url ?? null);
          if (judged === null) {
            answer(null);
            return;
          }
          const policy = await policyContext();
          const document = analyzeDocument({ url: judged, frameId, signals: request.signals, policy });
          // The page's own report also feeds the flow: navigation events can be missed (e.g. while the
          // service worker starts), and the authorize page itself always checks in.
          const flow =
            frameId === 0
              ? await tabs.stepFlow(tabId, {
                  type: 'navigated',
                  url: judged,
                  time: deps.now(),
                  isAuthorizeRequest: document.isAuthorizeRequest,
                  userInitiated: false,
                })
              : await tabs.loadFlow(tabId);
          const view = viewOf(document, { flowStartUrl: flow?.startUrl ?? null, dismissedKeys: await dismissals.keysFor(tabId) });
          answer(view !== null && wantsBanner(view) ? view : null);
          if (view === null) return;
          const overridden = record !== null && record.overridden === true && (frameId !== 0 || sameDocument(record.url, sender.url));
          if (blocking.blocks(view) && !overridden && (frameId !== 0 || record === null || sameDocument(record.url, sender.url))) {
            const topUrl = frameId === 0 ? sender.url : (record?.url ?? sender.url);
            if (await blocking.blockedJustNow(tabId, topUrl)) return;
            await blocking.block(tabId, topUrl, view, record, true, record && sameDocument(record.url, topUrl) ? record.activity : undefined);
            return;
          }
          if (frameId === 0) {
            // A check from a document the tab has already left (or not yet committed) answers that page only.
            if (record === null || sameDocument(record.url, sender.url)) {
              // Same document: its log entries and a "Continue anyway" stay with it.
              const kept =
                record === null ? {} : { ...(record.activity ? { activity: record.activity } : {}), ...(record.overridden ? { overridden: true } : {}) };
              // A page that takes its clone down again keeps the verdict it earned in this document.
              const top = record?.top && worseVerdict(record.top.verdict, view.verdict) !== view.verdict ? record.top : view;
              await tabs.save(tabId, { url: stripFragment(sender.url), top, frames: record?.frames ?? {}, view: null, ...kept });
            }
          } else if (record !== null && isWarning(view)) {
            const had = record.frames[String(frameId)];
            const frame = had && worseVerdict(had.verdict, view.verdict) !== view.verdict ? had : view;
            await tabs.save(tabId, { ...record, frames: { ...record.frames, [String(frameId)]: frame } });
          }
        })
        .catch((error: unknown) => {
          deps.log(`consent-guard: check failed: ${String(error)}`);
          answer(null);
        });
      return reply;
    },
  };
}

export type TabState = ReturnType<typeof createTabState>;
