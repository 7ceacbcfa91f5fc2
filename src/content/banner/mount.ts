/**
 * The banner's host element, hardened against the page:
 * - content in a closed shadow root, styles only from inside it (`:host` rules with !important) and inline;
 * - in the top layer (popover="manual" + showPopover), held synchronously: while a danger banner is up the
 *   page's own popovers are refused in `beforetoggle` and its modal dialogs closed in the same task; a warn
 *   banner goes back on top of them; a page that hides the banner gets it back before the next paint;
 * - at its own size whatever the page's CSS zoom (the top layer escapes ancestors' transforms and filters,
 *   but zoom is inherited): the host's zoom cancels the root's;
 * - never under a view transition's snapshots: those are painted above the top layer (a page that starts one
 *   and freezes its old snapshot shows the clone without the banner for as long as it likes), so while the
 *   banner is up any active view transition is skipped before each frame is rendered;
 * - its custom properties under names drawn at random (a page can register any name it knows), and fonts by
 *   generic family only (src/ui/styles.ts);
 * - re-inserted when removed, its attributes re-asserted when changed, `inert` removed from the root;
 * - painted in documents that are not HTML too: an SVG document renders only SVG children of its root, so there
 *   the host sits in a `<foreignObject>` of ours (the top layer then draws it at its own size over the drawing);
 * - DOM methods taken from the prototypes at load time, so page globals and DOM clobbering cannot
 *   replace them (the content script's isolated world has its own prototypes anyway).
 */
import { render, type ComponentChild } from 'preact';
import { BANNER_CSS, HOST_DECLARATIONS } from './styles';

export const HOST_ATTRIBUTE = 'data-consent-guard';

export interface BannerHandle {
  update(verdict: 'warn' | 'danger', content: ComponentChild): void;
  unmount(): void;
  readonly host: HTMLElement;
}

const elementProto = Element.prototype;
const nodeProto = Node.prototype;
const setAttribute = elementProto.setAttribute;
const getAttribute = elementProto.getAttribute;
const removeAttribute = elementProto.removeAttribute;
const prepend = elementProto.prepend;
const append = elementProto.append;
// Namespaced, so that an XML document (an SVG page) gets HTML elements too: its createElement() makes plain XML ones.
const createElementNS = Document.prototype.createElementNS;
const getNamespaceURI = Object.getOwnPropertyDescriptor(elementProto, 'namespaceURI')?.get;
const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const querySelectorAll = Document.prototype.querySelectorAll;
const getDocumentElement = Object.getOwnPropertyDescriptor(Document.prototype, 'documentElement')?.get;
const getParentNode = Object.getOwnPropertyDescriptor(nodeProto, 'parentNode')?.get;
const getAttributeNames = elementProto.getAttributeNames;
const hasPopoverApi = typeof HTMLElement.prototype.showPopover === 'function';
const showPopover = HTMLElement.prototype.showPopover;
const hidePopover = HTMLElement.prototype.hidePopover;
const getActiveViewTransition = Object.getOwnPropertyDescriptor(Document.prototype, 'activeViewTransition')?.get;
const skipTransition = typeof ViewTransition !== 'undefined' ? ViewTransition.prototype.skipTransition : undefined;
const closeDialog = typeof HTMLDialogElement !== 'undefined' ? HTMLDialogElement.prototype.close : undefined;

/**
 * The banner's CSS with its custom properties renamed to names the page cannot know. Registrations by
 * `@property` or `CSS.registerProperty()` are document-wide and reach into shadow roots: a page that registers
 * `--cg-fg` as not inherited, initially transparent, would make the banner's heading invisible.
 */
const bannerCss = (() => {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return BANNER_CSS.replaceAll('--cg-', `--cg-${high!.toString(36)}${low!.toString(36)}-`);
})();

/** The foreignObject that holds the banner in an SVG document: these attributes and no others (see holderUnder). */
const SVG_HOLDER_ATTRIBUTES: Readonly<Record<string, string>> = {
  width: '1',
  height: '1',
  style: 'display: inline !important; visibility: visible !important; overflow: visible !important; opacity: 1 !important;',
};

/** How often the banner checks it is still the top-most thing at its own position (consent pages only). */
const WATCH_INTERVAL_MS = 400;
/** Immediate re-insertions allowed per second before falling back to a timer. */
const REINSERT_BUDGET = 60;

export function mountBanner(doc: Document, verdict: 'warn' | 'danger', content: ComponentChild): BannerHandle {
  const win = doc.defaultView ?? window;
  const createHtml = (name: string) => createElementNS.call(doc, XHTML_NAMESPACE, name) as HTMLElement;
  const host = createHtml('div');
  const inlineStyle = HOST_DECLARATIONS;
  let currentVerdict = verdict;
  let alive = true;
  let ownChange = false;

  // The page's zoom on <html> would shrink or blow up the banner (`html { zoom: .05 }` makes it a speck).
  let counterZoom = 1;
  const attributes = (): Record<string, string> => ({
    [HOST_ATTRIBUTE]: currentVerdict,
    style: counterZoom === 1 ? inlineStyle : `${inlineStyle} zoom: ${counterZoom} !important;`,
    ...(hasPopoverApi ? { popover: 'manual' } : {}),
  });
  const assertAttributes = () => {
    const wanted = attributes();
    ownChange = true;
    for (const name of getAttributeNames.call(host)) if (!(name in wanted)) removeAttribute.call(host, name);
    for (const [name, value] of Object.entries(wanted)) if (getAttribute.call(host, name) !== value) setAttribute.call(host, name, value);
    ownChange = false;
  };
  assertAttributes();

  let currentContent = content;
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = createHtml('style');
  style.textContent = bannerCss;
  const zoomStyle = createHtml('style');
  const container = createHtml('div');
  shadow.append(style, zoomStyle, container);
  render(content, container);

  const root = () => (getDocumentElement ? (getDocumentElement.call(doc) as Element | null) : doc.documentElement);
  /**
   * What goes under the root: the host itself, or under an SVG root a foreignObject holding it. Its attributes are
   * ours alone: `display: none`, a zero size or a `systemLanguage` no reader has would each keep it from rendering.
   */
  let svgHolder: Element | null = null;
  const holderUnder = (documentElement: Element): Element => {
    const namespace = getNamespaceURI ? (getNamespaceURI.call(documentElement) as string | null) : documentElement.namespaceURI;
    if (namespace !== SVG_NAMESPACE) return host;
    if (svgHolder === null) {
      svgHolder = createElementNS.call(doc, SVG_NAMESPACE, 'foreignObject');
      hostObserver.observe(svgHolder, { attributes: true });
    }
    for (const name of getAttributeNames.call(svgHolder)) if (!(name in SVG_HOLDER_ATTRIBUTES)) removeAttribute.call(svgHolder, name);
    for (const [name, value] of Object.entries(SVG_HOLDER_ATTRIBUTES))
      if (getAttribute.call(svgHolder, name) !== value) setAttribute.call(svgHolder, name, value);
    return svgHolder;
  };
  /** The zoom the host inherits (its parent is <html>), so the host's own zoom can cancel it. */
  const inheritedZoom = (): number => {
    const documentElement = root();
    if (!documentElement) return 1;
    const current = (documentElement as Element & { currentCSSZoom?: number }).currentCSSZoom;
    const zoom = typeof current === 'number' ? current : Number.parseFloat(win.getComputedStyle(documentElement).getPropertyValue('zoom'));
    return Number.isFinite(zoom) && zoom > 0 ? zoom : 1;
  };
  const updateZoom = () => {
    const wanted = Math.round((1 / inheritedZoom()) * 1e4) / 1e4;
    if (wanted === counterZoom) return;
    counterZoom = wanted;
    zoomStyle.textContent = wanted === 1 ? '' : `:host { zoom: ${wanted} !important; }`;
    assertAttributes();
  };
  const isPopoverOpen = () => {
    try {
      return host.matches(':popover-open');
    } catch {
      return false;
    }
  };
  const raise = (force: boolean) => {
    if (!alive || !hasPopoverApi || !host.isConnected) return;
    ownChange = true;
    try {
      if (force && isPopoverOpen()) hidePopover.call(host);
      if (!isPopoverOpen()) showPopover.call(host);
    } catch {
      // Not yet rendered (e.g. before <body>): the next mutation tries again.
    } finally {
      ownChange = false;
    }
  };
  // A page that removes the host from its own MutationObserver would start an endless microtask
  // ping-pong with ours and freeze the tab; past a budget, re-insert on a timer instead.
  let reinserts: number[] = [];
  let retryTimer: number | undefined;
  const place = () => {
    if (!alive) return;
    const documentElement = root();
    if (!documentElement) return;
    ownChange = true;
    const holder = holderUnder(documentElement);
    ownChange = false;
    if (getParentNode?.call(holder) !== documentElement || (holder !== host && getParentNode?.call(host) !== holder)) {
      const now = win.performance.now();
      reinserts = reinserts.filter((time) => now - time < 1000);
      if (reinserts.length >= REINSERT_BUDGET) {
        if (retryTimer === undefined) retryTimer = win.setTimeout(() => ((retryTimer = undefined), place()), 100);
        return;
      }
      reinserts.push(now);
      ownChange = true;
      if (holder !== host) append.call(holder, host);
      // First child of <html>: first in the keyboard's tab order.
      prepend.call(documentElement, holder);
      ownChange = false;
      raise(false);
    }
    if (documentElement.hasAttribute('inert')) removeAttribute.call(documentElement, 'inert');
    // `content-visibility: hidden` on the root skips the top layer with the rest, while the canvas still paints the
    // root's background (which can be a picture of a clone). Inline and important, so no stylesheet beats it.
    const rootStyle = (documentElement as HTMLElement).style as CSSStyleDeclaration | undefined;
    if (rootStyle && (rootStyle.getPropertyValue('content-visibility') !== 'visible' || rootStyle.getPropertyPriority('content-visibility') !== 'important'))
      rootStyle.setProperty('content-visibility', 'visible', 'important');
  };
  /** Something else entered the top layer: close page modals and fullscreen over us, then go on top again. */
  const reclaimTopLayer = () => {
    if (!alive) return;
    if (doc.fullscreenElement) void doc.exitFullscreen?.().catch(() => undefined);
    if (closeDialog) for (const dialog of querySelectorAll.call(doc, 'dialog:modal') as unknown as Iterable<HTMLDialogElement>) closeDialog.call(dialog);
    raise(true);
  };

  const treeObserver = new MutationObserver((records) => {
    if (ownChange) return;
    if (records.some((record) => record.target === doc && record.type === 'childList')) rearm();
    place();
    updateZoom();
    for (const record of records) {
      if (record.type === 'attributes' && record.target !== host && (record.attributeName === 'open' || record.attributeName === 'popover')) {
        reclaimTopLayer();
        return;
      }
    }
  });
  const hostObserver = new MutationObserver(() => {
    if (!ownChange) {
      assertAttributes();
      place();
      raise(false);
    }
  });
  const observeTree = () => {
    treeObserver.disconnect();
    treeObserver.observe(doc, { childList: true });
    const documentElement = root();
    if (documentElement)
      treeObserver.observe(documentElement, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['open', 'popover', 'inert', 'style', 'class'],
      });
  };
  let treeObserverTarget = root();
  observeTree();
  hostObserver.observe(host, { attributes: true });

  /**
   * Synchronous, before anything is painted: `beforetoggle` fires inside the page's showPopover()/hidePopover()
   * (and showModal() where dialogs fire it). A microtask queued here runs before the next frame.
   */
  const onBeforeToggle = (event: Event) => {
    if (!alive || ownChange) return;
    const state = (event as ToggleEvent).newState;
    if (event.target === host) {
      // The page hid the banner: it is back before the next paint.
      if (state === 'closed') queueMicrotask(() => raise(false));
      return;
    }
    if (state !== 'open') return;
    if (currentVerdict === 'danger' && event.cancelable) {
      // Over a danger banner the page gets no popover or dialog at all.
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    queueMicrotask(reclaimTopLayer);
  };
  // The asynchronous toggle event: a fallback for what beforetoggle could not refuse.
  const onToggle = (event: Event) => {
    if (event.target === host) {
      if ((event as ToggleEvent).newState === 'closed' && alive) raise(false);
    } else if ((event as ToggleEvent).newState === 'open') {
      if (currentVerdict === 'danger') {
        try {
          (event.target as HTMLElement).hidePopover?.();
        } catch {
          // Not a popover (a dialog): reclaimTopLayer closes it.
        }
      }
      reclaimTopLayer();
    }
  };
  const onFullscreen = () => reclaimTopLayer();
  /** Adding a listener that is already there is a no-op, so this can run again whenever the listeners may be gone. */
  const listen = () => {
    win.addEventListener('beforetoggle', onBeforeToggle, true);
    win.addEventListener('toggle', onToggle, true);
    doc.addEventListener('fullscreenchange', onFullscreen, true);
  };
  listen();
  /**
   * Once per frame, before it is rendered (animation-frame callbacks run first): a transition the page started
   * since the last frame is skipped before its snapshots are ever painted. A read of one property per frame, on a
   * page with a banner only. (Animation-frame callbacks outlive `document.open()`, unlike listeners.)
   */
  let animationFrame = 0;
  const skipViewTransitions = () => {
    if (!alive) return;
    const transition = getActiveViewTransition!.call(doc) as ViewTransition | null;
    if (transition) skipTransition!.call(transition);
    animationFrame = win.requestAnimationFrame(skipViewTransitions);
  };
  if (getActiveViewTransition && skipTransition) animationFrame = win.requestAnimationFrame(skipViewTransitions);

  /**
   * `document.open()` removes every event listener of the document, its window and every node in it (shadow roots
   * included, whichever world added them): the synchronous hold above and the buttons' handlers would be gone, and
   * a page could then open its popover over the banner in every frame. It also empties the document, which is how
   * we notice: when the root element is replaced, the listeners are added again and the content is rendered afresh
   * (Preact keeps its handlers on the elements and would not add them back by itself).
   */
  const rearm = () => {
    listen();
    treeObserverTarget = root();
    observeTree();
    render(null, container);
    render(currentContent, container);
  };

  // Belt and braces: if anything is drawn over our top edge, take the top layer back.
  const timer = win.setInterval(() => {
    if (!alive) return;
    const documentElement = root();
    if (documentElement && documentElement !== treeObserverTarget) {
      treeObserverTarget = documentElement;
      observeTree();
    }
    place();
    updateZoom();
    assertAttributes();
    const rect = host.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0) {
      const topmost = doc.elementFromPoint(rect.left + Math.min(rect.width / 2, 40), rect.top + Math.min(rect.height / 2, 10));
      if (topmost !== null && topmost !== host) reclaimTopLayer();
    } else {
      raise(true);
    }
  }, WATCH_INTERVAL_MS);

  // Before <html> exists (very early document_start) the document observer inserts us when it appears.
  place();
  updateZoom();

  return {
    host,
    update(nextVerdict, nextContent) {
      currentVerdict = nextVerdict;
      currentContent = nextContent;
      assertAttributes();
      render(nextContent, container);
      place();
      raise(false);
    },
    unmount() {
      alive = false;
      treeObserver.disconnect();
      hostObserver.disconnect();
      win.removeEventListener('beforetoggle', onBeforeToggle, true);
      win.removeEventListener('toggle', onToggle, true);
      doc.removeEventListener('fullscreenchange', onFullscreen, true);
      win.clearInterval(timer);
      win.cancelAnimationFrame(animationFrame);
      if (retryTimer !== undefined) win.clearTimeout(retryTimer);
      render(null, container);
      host.remove();
      svgHolder?.remove();
    },
  };
}
