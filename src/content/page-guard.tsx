/**
 * The guard in one document. It shows the view the background carried with the injection at once, then
 * keeps watching the page (its DOM, shadow roots included through the extension's own view into them,
 * and its title) and reports the page's signals to the background whenever they change; the background
 * judges (it holds the analyzer) and answers with a view. Within one document the banner never gets milder.
 *
 * On Microsoft's sign-in hosts it is declared at document_start, with no view: it asks from the URL alone
 * at once (the banner can be up before the page has parsed), then with the page's signals.
 */
import { pageCheck, pageDismiss, pageLeave, pageTrust } from '../messaging/page-messages';
import { verdictRank, wantsBanner, type PageView } from '../messaging/page-view';
import { send } from '../messaging/page-send';
import { openOrClosedShadowRoot } from '../platform/shadow-root';
import { Banner } from './banner/Banner';
import { mountBanner, type BannerHandle } from './banner/mount';
import { collectSignals, markOwnElement } from './signals';

/**
 * A change is reported this long after it came (a burst, such as a framework rendering, is one report, and
 * the banner is up within 100 ms of the change: `npm run bench -- --only=banner`)...
 */
const BATCH_MS = 30;
/** ...and a page that never stops changing is looked at no more often than this. */
const MIN_INTERVAL_MS = 250;
/** Elements looked at for shadow roots per report (a page of a million nodes must not stall the guard). */
const SHADOW_SCAN_LIMIT = 100_000;

export interface PageGuard {
  /** Shows a view from the background (a later injection's, or a reply). */
  show(view: PageView): void;
}

type Signals = ReturnType<typeof collectSignals>;

export function startPageGuard(doc: Document, win: Window, delivered: PageView | null): PageGuard {
  let banner: BannerHandle | null = null;
  let shown: PageView | null = null;
  const dismissedKeys = new Set<string>();

  const show = (view: PageView) => {
    if (!wantsBanner(view) || (view.verdict === 'warn' && dismissedKeys.has(view.requestKey))) return;
    // Within one document the banner never gets milder: page signals only add warnings.
    if (shown && verdictRank(shown.verdict) > verdictRank(view.verdict)) return;
    shown = view;
    const content = <Banner view={view} onLeave={leave} onDismiss={() => dismiss(view)} onTrust={() => trust(view)} />;
    if (banner) banner.update(view.verdict, content);
    else {
      banner = mountBanner(doc, view.verdict, content);
      // The banner's own words ("Azure DevOps", findings) must never count as the page's branding.
      markOwnElement(banner.host);
    }
  };

  const leave = () => {
    void send(pageLeave).catch(() => undefined);
  };
  const removeBanner = (view: PageView) => {
    dismissedKeys.add(view.requestKey);
    banner?.unmount();
    banner = null;
    shown = null;
  };
  const dismiss = (view: PageView) => {
    if (view.verdict !== 'warn') return;
    void send(pageDismiss, { requestKey: view.requestKey })
      .then((reply) => {
        if (reply.dismissed) removeBanner(view);
      })
      .catch(() => undefined);
  };
  const trust = (view: PageView) => {
    if (view.verdict !== 'warn') return;
    void send(pageTrust, { requestKey: view.requestKey })
      .then((reply) => {
        if (reply.trusted) removeBanner(view);
      })
      .catch(() => undefined);
  };

  const check = (signals: Signals | null) => {
    send(pageCheck, { signals })
      .then((view) => {
        if (view) show(view);
      })
      .catch(() => undefined);
  };

  // Report the page's signals when they differ from the last report: one message per real change.
  let reported: string | null = null;
  const report = () => {
    let signals: Signals;
    try {
      signals = collectSignals(doc, win);
    } catch {
      return;
    }
    const key = JSON.stringify(signals);
    if (key === reported) return;
    reported = key;
    check(signals);
  };

  // Watching: the document and every shadow root the guard can reach (closed ones through the extension's own API).
  let timer: number | undefined;
  // Only reports caused by changes count against MIN_INTERVAL_MS: a clone rendered right after the first report
  // (at DOMContentLoaded) is reported BATCH_MS after it came, not up to MIN_INTERVAL_MS later.
  let lastChangeRun = Number.NEGATIVE_INFINITY;
  const watched = new WeakSet<Node>();
  const observer = new MutationObserver(() => schedule());
  const observe = (root: Node) => {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['type', 'action', 'formaction', 'src', 'alt', 'aria-label', 'value'],
    });
  };
  const watchShadowRoots = () => {
    const walker = doc.createTreeWalker(doc, NodeFilter.SHOW_ELEMENT);
    const pending: Node[] = [];
    let seen = 0;
    for (let node = walker.nextNode(); node !== null && seen < SHADOW_SCAN_LIMIT; node = walker.nextNode(), seen++) {
      const root = openOrClosedShadowRoot(node as Element);
      if (root && !watched.has(root)) pending.push(root);
    }
    for (const root of pending) observe(root);
  };
  const run = () => {
    if (timer !== undefined) win.clearTimeout(timer);
    timer = undefined;
    watchShadowRoots();
    report();
  };
  const runAfterChange = () => {
    lastChangeRun = win.performance.now();
    run();
  };
  const schedule = () => {
    if (timer !== undefined) return;
    timer = win.setTimeout(runAfterChange, Math.max(BATCH_MS, lastChangeRun + MIN_INTERVAL_MS - win.performance.now()));
  };

  if (delivered) show(delivered);
  observe(doc);
  if (doc.readyState === 'loading') {
    // Declared on the sign-in hosts: the URL alone can already decide, before the page has parsed.
    if (!delivered) check(null);
    doc.addEventListener('DOMContentLoaded', run, { once: true });
  } else if (shown) {
    // The banner first: the page's own signals (a walk of the whole document) are read in the next task, so the
    // banner is attached and can be painted without waiting for them.
    win.setTimeout(run, 0);
  } else {
    run();
  }

  return { show };
}
