/**
 * The content script's logic. On an ordinary page it runs two cheap checks (URL at document_start,
 * one selector + the title at DOMContentLoaded) and stops. When one matches, it sends the page's
 * signals to the background, which runs the full analyzer and answers with a view model; warn and
 * danger get the banner.
 */
import type { PageView, ShowBannerPush } from '../messaging/page-view';
import { SHOW_BANNER } from '../messaging/page-view';
import { onRuntimeMessage, runtimeId, sendToBackground } from '../platform/messaging';
import { Banner } from './banner/Banner';
import { mountBanner, type BannerHandle } from './banner/mount';
import { collectSignals, markOwnElement } from './signals';

const RANK = { none: 0, ok: 1, warn: 2, danger: 3 } as const;

/**
 * Starts the guard on a page that passed the pre-check. At document_start (Microsoft's own sign-in
 * hosts) it asks at once from the URL alone, so the banner can be up before the page has finished
 * parsing, and again with the page's signals at DOMContentLoaded; at document_end, once with signals.
 */
export function startContentGuard(doc: Document, win: Window): void {
  let banner: BannerHandle | null = null;
  let shown: PageView | null = null;
  const dismissedKeys = new Set<string>();

  const show = (view: PageView) => {
    if (view.verdict !== 'warn' && view.verdict !== 'danger') return;
    if (view.dismissed || (view.verdict === 'warn' && dismissedKeys.has(view.requestKey))) return;
    // Within one document the banner never gets milder: page signals only add warnings.
    if (shown && RANK[shown.verdict] > RANK[view.verdict]) return;
    shown = view;
    const content = <Banner view={view} onLeave={leave} onDismiss={() => dismiss(view)} onTrust={() => trust(view)} />;
    if (banner) banner.update(view.verdict, content);
    else {
      banner = mountBanner(doc, view.verdict, content);
      markOwnElement(banner.host);
    }
  };

  const leave = () => {
    void sendToBackground({ type: 'page/leave' }).catch(() => undefined);
  };
  const dismiss = (view: PageView) => {
    if (view.verdict !== 'warn') return;
    void sendToBackground<{ dismissed?: boolean }>({ type: 'page/dismiss', requestKey: view.requestKey })
      .then((reply) => {
        if (!reply?.dismissed) return;
        dismissedKeys.add(view.requestKey);
        banner?.unmount();
        banner = null;
        shown = null;
      })
      .catch(() => undefined);
  };

  const trust = (view: PageView) => {
    if (view.verdict !== 'warn') return;
    void sendToBackground<{ trusted?: boolean }>({ type: 'page/trust', requestKey: view.requestKey })
      .then((reply) => {
        if (!reply?.trusted) return;
        dismissedKeys.add(view.requestKey);
        banner?.unmount();
        banner = null;
        shown = null;
      })
      .catch(() => undefined);
  };

  const check = (signals: ReturnType<typeof collectSignals> | null) => {
    sendToBackground<unknown>({ type: 'page/check', signals })
      .then((reply) => {
        if (isView(reply)) show(reply);
      })
      .catch(() => undefined);
  };

  onRuntimeMessage((message, sender) => {
    if (sender.id === runtimeId() && isPush(message)) show(message.view);
    return undefined;
  });

  if (doc.readyState === 'loading') {
    check(null);
    doc.addEventListener('DOMContentLoaded', () => check(collectSignals(doc, win)), { once: true });
  } else {
    check(collectSignals(doc, win));
  }
}

function isPush(message: unknown): message is ShowBannerPush {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === SHOW_BANNER && isView((message as { view?: unknown }).view);
}

/** A shape check on what our own background sent (no zod here: the content script must stay small). */
export function isView(value: unknown): value is PageView {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as Partial<PageView>;
  return (
    typeof view.verdict === 'string' &&
    view.verdict in RANK &&
    typeof view.requestKey === 'string' &&
    Array.isArray(view.findings) &&
    Array.isArray(view.scopes) &&
    Array.isArray(view.includes) &&
    typeof view.host === 'object' &&
    view.host !== null &&
    typeof view.pageClaims === 'object'
  );
}
