/**
 * Page signals for a page the guard runs on. All of it is page-controlled: the background only ever adds
 * warnings because of it, and the banner shows the app name and publisher as plain text.
 *
 * Branding is reported as evidence, cue by cue (src/core/branding.ts weighs the cues): a page imitates
 * Microsoft when it presents itself AS Microsoft's sign-in or Azure DevOps' approval page, not when it names
 * them. So "Sign in with Microsoft" buttons (the normal way apps offer Microsoft sign-in), another
 * provider's consent screen for a Microsoft app, quoted and illustrative content (articles, figures, code)
 * and cookie "Accept" buttons are left out before any cue is looked for.
 *
 * The page's own shadow roots, open and closed, are read too (a clone can render inside a closed one),
 * through an injected reader (the extension's API in the browser, open roots in unit tests) and within a
 * node budget, so a page of 50,000 nodes costs a bounded walk.
 */
import { weighBranding, type BrandingEvidence } from '../core/branding';
import { asRead } from '../core/reading';
import { TRUSTED_AUTHORIZATION_HOST_NAMES } from '../core/trusted-host-names';
import type { BrandingCue, FormSignal, PageAsk } from '../core/types';
import type { ContentSignals } from '../messaging/page-messages';
import { openOrClosedShadowRoot } from '../platform/shadow-root';
import { all, attribute, baseUri, documentTitle, first, text, within } from './dom';

export interface SignalOptions {
  /** The element's shadow root, open or closed; the extension's own reader by default. */
  readonly shadowRootOf?: (element: Element) => ShadowRoot | null;
  /** Elements of our own (the banner's host), never read; by default those passed to markOwnElement(). */
  readonly isOwnElement?: (element: Element) => boolean;
  /** How many elements the walk for shadow roots visits at most. */
  readonly nodeBudget?: number;
}

/** A document and the shadow roots found in it, read as one page. */
export type PageRoots = readonly (Document | ShadowRoot)[];

export const DEFAULT_NODE_BUDGET = 20_000;
const MAX_SHADOW_ROOTS = 64;

const ownElements = new WeakSet<Element>();
/** The banner's host: its closed shadow root holds our own words ("Azure DevOps", findings), never the page's. */
export function markOwnElement(element: Element): void {
  ownElements.add(element);
}

export function collectSignals(doc: Document, win: Window, options: SignalOptions = {}): ContentSignals {
  const roots = pageRoots(doc, options);
  const asks = pageAsks(roots);
  const brandingCues = detectCues(doc, roots);
  const branding = weighBranding(brandingCues, asks);
  const claims = branding.imitatesMicrosoft || asks === 'consent' ? readClaims(doc, roots) : { appName: null, publisher: null };
  return {
    isTopFrame: win.top === win,
    isSecureContext: win.isSecureContext,
    forms: formSignals(doc, roots),
    asks,
    brandingCues: [...brandingCues],
    ...claims,
  };
}

// --- Shadow roots ---

/** The document plus every shadow root in it (nested ones too), within the node budget. */
export function pageRoots(doc: Document, options: SignalOptions = {}): PageRoots {
  const shadowRootOf = options.shadowRootOf ?? openOrClosedShadowRoot;
  const isOwn = options.isOwnElement ?? ((element: Element) => ownElements.has(element));
  let budget = options.nodeBudget ?? DEFAULT_NODE_BUDGET;
  const roots: (Document | ShadowRoot)[] = [doc];
  const createTreeWalker = Document.prototype.createTreeWalker;
  for (let index = 0; index < roots.length && budget > 0; index++) {
    const walker = createTreeWalker.call(doc, roots[index]!, 1 /* NodeFilter.SHOW_ELEMENT */);
    for (let node = walker.nextNode(); node !== null && budget > 0; node = walker.nextNode(), budget--) {
      const element = node as Element;
      if (isOwn(element)) continue;
      const root = shadowRootOf(element);
      if (root) {
        roots.push(root);
        if (roots.length > MAX_SHADOW_ROOTS) return roots;
      }
    }
  }
  return roots;
}

function queryAll(roots: PageRoots, selector: string, limit: number): Element[] {
  const found: Element[] = [];
  for (const root of roots) {
    for (const element of all(root as Document, selector)) {
      found.push(element);
      if (found.length >= limit) return found;
    }
  }
  return found;
}

function closest(element: Element, selector: string): Element | null {
  return Element.prototype.closest.call(element, selector);
}

// --- What the page asks for ---

const CONSENT_LABEL = /^(?:accept|allow|approve|authori[sz]e(?:\s+\S+){0,3}|grant(?: access)?|consent|give consent)$/i;
const SIGN_IN_LABEL = /^(?:next|sign[ -]?in|log[ -]?in|login|continue|submit|verify)$/i;
/** Cookie and privacy banners: their "Accept" is about cookies. */
const COOKIE_CONTAINER =
  '[id*="cookie" i], [class*="cookie" i], [aria-label*="cookie" i], [id*="onetrust" i], [class*="onetrust" i], [id*="gdpr" i], [class*="gdpr" i], [id*="cookiebanner" i], [data-cookie-banner]';
const USERNAME_FIELD =
  'input[type="email" i], input[autocomplete~="username" i], input[autocomplete~="email" i], input[name="loginfmt" i], input[name*="user" i], input[name*="login" i], input[name*="email" i], input[id*="user" i], input[id*="email" i]';
const BUTTONS = 'button, input[type="submit" i], input[type="button" i], input[type="image" i], [role="button"]';

function label(element: Element): string {
  const raw =
    element.localName === 'input'
      ? (attribute(element, 'value') ?? attribute(element, 'alt') ?? '')
      : text(element, 80) || (attribute(element, 'aria-label') ?? '');
  return raw.replace(/\s+/g, ' ').trim();
}

function isCookieControl(element: Element): boolean {
  return closest(element, COOKIE_CONTAINER) !== null || /cookie/i.test(label(element));
}

function isConsentButton(element: Element): boolean {
  return CONSENT_LABEL.test(label(element)) && !isCookieControl(element) && !isSignInOffer(element);
}

/** A field the user types into (hidden fields carry the page's own values). */
function isVisibleField(field: Element): boolean {
  return attribute(field, 'type')?.toLowerCase() !== 'hidden';
}

/** What the page as a whole asks for: a password (or an account name with a sign-in button), or an approval. */
export function pageAsks(roots: PageRoots): PageAsk {
  if (queryAll(roots, 'input[type="password" i]', 1).length > 0) return 'credentials';
  const buttons = queryAll(roots, BUTTONS, 40);
  if (queryAll(roots, USERNAME_FIELD, 10).some(isVisibleField) && buttons.some((button) => SIGN_IN_LABEL.test(label(button)) && !isSignInOffer(button)))
    return 'credentials';
  return buttons.some(isConsentButton) ? 'consent' : 'nothing';
}

/** What one form asks for. Hidden fields only (a token, code, SAMLResponse or wresult on its way to the app) ask nothing. */
function formAsks(form: Element): PageAsk {
  if (within(form, 'input[type="password" i]').length > 0 || within(form, USERNAME_FIELD).some(isVisibleField)) return 'credentials';
  return within(form, BUTTONS).some(isConsentButton) ? 'consent' : 'nothing';
}

/** Absolute targets of the page's forms and of submit buttons with their own formaction, with what each asks for. */
export function formSignals(doc: Document, roots: PageRoots = [doc]): FormSignal[] {
  const base = baseUri(doc);
  const forms = new Map<string, PageAsk>();
  const rank: Record<PageAsk, number> = { nothing: 0, consent: 1, credentials: 2 };
  for (const element of queryAll(roots, 'form, button[formaction], input[formaction]', 64)) {
    const isForm = element.localName === 'form';
    const raw = isForm ? attribute(element, 'action') : attribute(element, 'formaction');
    const owner = isForm ? element : closest(element, 'form');
    const asks = owner ? formAsks(owner) : isConsentButton(element) ? 'consent' : 'nothing';
    let action: string;
    try {
      action = new URL(raw ?? '', base).href.slice(0, 4096);
    } catch {
      continue; // An unparsable action submits nowhere.
    }
    const known = forms.get(action);
    if (known === undefined && forms.size >= 32) break;
    if (known === undefined || rank[asks] > rank[known]) forms.set(action, asks);
  }
  return [...forms].map(([action, asks]) => ({ action, asks }));
}

// --- Branding cues ---

/** The brand as a name on its own (a header bar, a logo's alt text, the site part of a title). */
const BRAND_NAME =
  /^(?:microsoft(?: corporation| azure| entra(?: id)?| account| 365| online)?|azure devops(?: services| server)?|visual studio team services|vsts|microsoft office|office 365)$/i;
/** Signing in to the brand, or the brand's account being the one in question. */
const BRAND_ACCOUNT =
  /\b(?:(?:sign|log)[ -]?in to (?:your )?(?:microsoft|azure devops|azure|office 365|microsoft 365|outlook)\b|your (?:microsoft|azure devops|microsoft entra|microsoft 365|office 365|outlook|visual studio) account\b)/i;
/** How apps offer Microsoft sign-in: not the page presenting itself as Microsoft. */
const SIGN_IN_OFFER =
  /\b(?:(?:sign|log)[ -]?(?:in|on|up)|login|continue|connect|register|authenticate)\s+(?:with|using|via|through|by)\s+(?:your\s+|a\s+)?(?:microsoft|azure|office|outlook|entra|work or school|live|hotmail|xbox|skype)(?:\s+(?:account|entra id|ad|365))?\b/gi;
const OFFER_ONLY =
  /^(?:microsoft|microsoft account|microsoft entra id|azure ad|azure active directory|office 365|microsoft 365|outlook|work or school account|personal account)$/i;
const CONTROL = 'a, button, [role="button"], [role="link"], label, [role="menuitem"], [role="option"], li';
/** Content about something (quoted, illustrative, navigation, page furniture): not who the page is. */
const NOT_IDENTITY = 'figure, figcaption, blockquote, pre, code, footer, nav, aside, [role="contentinfo"], [role="complementary"], [role="navigation"]';
/** An article speaks about its subject, but only one that reads like an article: a clone wrapped in <article> still counts. */
const ARTICLE = 'article, [role="article"]';
const ARTICLE_PARAGRAPHS = 3;

/** Microsoft's own page titles (what clones copy word for word). */
const MICROSOFT_TITLES = new Set([
  'sign in to your account',
  'sign in to your microsoft account',
  'permissions requested',
  'pick an account',
  'enter password',
  'verify your identity',
  'stay signed in?',
  'approve sign in request',
  'enter code',
]);
const TITLE_SEPARATOR = /\s+[-|·–—:]\s+/;
const TITLE_SIGN_IN_PART = /^(?:sign[ -]?in|log[ -]?in|login|authori[sz]e(?: application)?|permissions requested|account|home|consent)$/i;

/** Sign-in page assets hotlinked by clones and AiTM kits: Microsoft's sign-in CDNs and Azure DevOps' one. */
const MICROSOFT_ASSET_HOST = /(?:^|\.)(?:msauth\.net|msftauth\.net|msauthimages\.net|msftauthimages\.net|microsoftonline-p\.com|vsassets\.io)$/i;
const ASSET_ELEMENTS = 'img[src], img[srcset], link[href], script[src], source[srcset], image[href], use[href], [style*="url(" i]';
const LOGO_ELEMENTS = 'img, svg, [role="img"], object[data], [style*="url(" i]';
const LOGO_FILE = /(?:^|[/_.-])(?:microsoft|msft|ms)[_-]?logo|logo[_-]?(?:microsoft|msft)\b|azure[_-]?devops[_-]?(?:logo|icon|mark)|vsts[_-]?logo/i;
/** The four squares of Microsoft's logo, as an inline SVG draws them. */
const LOGO_COLOURS = ['#f25022', '#7fba00', '#00a4ef', '#ffb900'];
/** Ids and names of the fields on Microsoft's sign-in page, kept by a saved copy of it. */
const SIGN_IN_MARKUP =
  '#i0116, #i0118, #idSIButton9, #idBtn_Back, #lightbox, #loginHeader, #i0281, #KmsiCheckboxField, #idA_PWD_ForgotPassword, #idTxtBx_SAOTCC_OTC, #displayName, input[name="loginfmt" i], input[name="passwd" i]';
const SIGN_IN_WORDING =
  /\b(?:pick an account|stay signed in\?|can['’]t access your account\?|no account\? create one|email, phone, or skype|sign-in options|approve sign in request|use your password instead|enter password\b)/i;
const CONSENT_WORDING =
  /\b(?:permissions requested|this app would like to|is requesting permission to access your|consent on behalf of your organi[sz]ation|does this app look suspicious|accepting these permissions means)/i;
/** How much of the page's text the wording cues read (per root), enough for any sign-in page. */
const WORDING_CHARS = 20_000;

/** Inside a "Sign in with Microsoft" control (or a provider picker's "Microsoft" entry)? */
function isSignInOffer(element: Element): boolean {
  const control = closest(element, CONTROL);
  if (control === null) return false;
  const words = asRead(
    `${text(control, 120)} ${attribute(control, 'aria-label') ?? ''} ${attribute(control, 'title') ?? ''} ${within(control, 'img[alt]')
      .map((image) => attribute(image, 'alt') ?? '')
      .join(' ')}`,
  );
  SIGN_IN_OFFER.lastIndex = 0;
  return SIGN_IN_OFFER.test(words) || OFFER_ONLY.test(asRead(text(control, 60)));
}

function stripOffers(line: string): string {
  return line.replace(SIGN_IN_OFFER, ' ').replace(/\s+/g, ' ').trim();
}

function speaksAsBrand(line: string): boolean {
  const cleaned = stripOffers(line);
  return BRAND_NAME.test(cleaned) || BRAND_ACCOUNT.test(cleaned);
}

/**
 * "Microsoft Azure - Wikipedia", "Sign in - Google Accounts": the title names another site as the page's
 * own, so the page's headings are about its subject, not who it is.
 */
export function titleNamesOtherSite(title: string): boolean {
  const parts = stripOffers(title.replace(/\s+/g, ' ').trim()).split(TITLE_SEPARATOR);
  if (parts.length < 2) return false;
  const site = parts[parts.length - 1] ?? '';
  return !BRAND_NAME.test(site) && !TITLE_SIGN_IN_PART.test(site) && !BRAND_NAME.test(parts[0] ?? '');
}

function titleCues(title: string): BrandingCue[] {
  const cleaned = title.replace(/\s+/g, ' ').trim();
  const cues: BrandingCue[] = [];
  if (MICROSOFT_TITLES.has(cleaned.toLowerCase())) cues.push('microsoft-title');
  const parts = stripOffers(cleaned).split(TITLE_SEPARATOR);
  const site = parts[parts.length - 1] ?? '';
  const [lead = '', ...rest] = parts;
  const brandLeads = BRAND_NAME.test(lead) && rest.length > 0 && rest.every((part) => TITLE_SIGN_IN_PART.test(part));
  if ((parts.length > 1 && BRAND_NAME.test(site)) || brandLeads || BRAND_NAME.test(cleaned) || BRAND_ACCOUNT.test(cleaned)) cues.push('brand-title');
  return cues;
}

function isIdentityContext(element: Element): boolean {
  if (closest(element, NOT_IDENTITY) !== null || isSignInOffer(element)) return false;
  const article = closest(element, ARTICLE);
  return article === null || within(article, 'p').filter((paragraph) => text(paragraph, 40).length > 0).length < ARTICLE_PARAGRAPHS;
}

function hasBrandLogo(roots: PageRoots): boolean {
  for (const element of queryAll(roots, LOGO_ELEMENTS, 80)) {
    const words = [
      attribute(element, 'alt'),
      attribute(element, 'aria-label'),
      attribute(element, 'title'),
      element.localName === 'svg' ? text(first(element, 'title') ?? element, 60) : null,
    ]
      .filter((value): value is string => value !== null && value.trim() !== '')
      .map((value) =>
        asRead(value)
          .replace(/\s+/g, ' ')
          .trim()
          .replace(/\s+logo$/i, ''),
      );
    const sources = [attribute(element, 'src'), attribute(element, 'srcset'), attribute(element, 'data'), attribute(element, 'style')].filter(
      (value): value is string => value !== null,
    );
    const named = words.some((word) => BRAND_NAME.test(word)) || sources.some((source) => LOGO_FILE.test(source));
    const drawn = element.localName === 'svg' && LOGO_COLOURS.every((colour) => within(element, `[fill="${colour}" i], [style*="${colour}" i]`).length > 0);
    if ((named || drawn) && isIdentityContext(element)) return true;
  }
  return false;
}

function hasBrandHeading(roots: PageRoots): boolean {
  // The page's main heading speaks for it; section headings (h2, h3) only on a page without one.
  const main = queryAll(roots, 'h1', 1).length > 0 ? 'h1, [role="heading"], header, [role="banner"]' : 'h1, h2, [role="heading"], header, [role="banner"]';
  for (const element of queryAll(roots, main, 24)) {
    if (!isIdentityContext(element)) continue;
    // A header bar speaks for the page only through its own words, not through every link and button in it.
    const line = element.localName === 'header' || attribute(element, 'role') === 'banner' ? ownText(element) : text(element, 200);
    if (speaksAsBrand(asRead(line))) return true;
  }
  return false;
}

/** The text of an element outside its links, buttons, forms and lists. */
function ownText(element: Element): string {
  let line = text(element, 400);
  for (const part of within(element, 'a, button, form, ul, ol, nav, [role="button"]').slice(0, 30)) {
    const said = text(part, 400);
    if (said) line = line.replace(said, ' ');
  }
  return line.replace(/\s+/g, ' ').trim();
}

function hotlinksMicrosoftAssets(doc: Document, roots: PageRoots): boolean {
  const base = baseUri(doc);
  for (const element of queryAll(roots, ASSET_ELEMENTS, 200)) {
    for (const name of ['src', 'href', 'srcset', 'style']) {
      const value = attribute(element, name);
      if (!value) continue;
      const urls =
        name === 'src' || name === 'href'
          ? [value]
          : [...value.matchAll(/(?:url\(\s*['"]?|^|,\s*)((?:https?:)?\/\/[^\s'")]+)/gi)].map((match) => match[1] ?? '');
      for (const raw of urls) {
        try {
          if (MICROSOFT_ASSET_HOST.test(new URL(raw, base).hostname)) return true;
        } catch {
          // Not a URL.
        }
      }
    }
  }
  return false;
}

const textContentOf = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')?.get;

function pageText(roots: PageRoots): string {
  const written = roots
    .map((root) => {
      // (first() and the prototype's getter: `<img name="body">` clobbers document.body.)
      const body = root.nodeType === 9 ? (first(root as Document, 'body') ?? (root as Document).documentElement) : root;
      return body ? String(textContentOf?.call(body) ?? '').slice(0, WORDING_CHARS) : '';
    })
    .join('\n');
  return asRead(written).replace(/\s+/g, ' ');
}

// --- A browser window drawn inside the page (browser-in-the-browser) ---

/** Microsoft's sign-in hosts: what a drawn address bar claims the window shows. */
export const SIGN_IN_HOSTS: ReadonlySet<string> = new Set(TRUSTED_AUTHORIZATION_HOST_NAMES);
/** A cheap first look at a text node: does it name one of them at all? */
const SIGN_IN_HOST_MENTION = /login\.|vssps\./i;
/** An address bar's whole text: a lock glyph or "Secure" label at most, the address, nothing else. */
const ADDRESS_LINE = /^[^\p{L}\p{N}]{0,4}(?:(?:not )?secure\s*[|·:–-]?\s*)?(?:https?:\/\/)?([a-z0-9.-]+)(?::\d+)?(?:\s*[/?#]\S*)?$/iu;
/** How far up from the address bar the drawn window's frame may be. */
const WINDOW_DEPTH = 10;
/** A drawn window holds one sign-in dialog, not a page: more text than this is a page that mentions an address. */
const WINDOW_TEXT = 3000;
/** In a window, the address bar comes first: only a window title and its buttons may stand before it. */
const TEXT_BEFORE_ADDRESS = 120;
const TEXT_NODES = 4; /* NodeFilter.SHOW_TEXT */
const TEXT_NODE_BUDGET = 20_000;
const getComputedStyleOf = (element: Element): CSSStyleDeclaration | null => element.ownerDocument.defaultView?.getComputedStyle(element) ?? null;

function addressHost(line: string): string | null {
  const host = ADDRESS_LINE.exec(asRead(line).replace(/\s+/g, ' ').trim())?.[1]?.toLowerCase() ?? null;
  return host !== null && SIGN_IN_HOSTS.has(host) ? host : null;
}

/** The element drawing an address bar, from a text node naming a sign-in host: the outermost one whose whole text is the address. */
function addressBarOf(node: Node): Element | null {
  let bar: Element | null = null;
  for (let element = node.parentElement; element !== null; element = element.parentElement) {
    if (element.localName === 'body' || element.localName === 'html' || addressHost(text(element, 400)) === null) break;
    bar = element;
  }
  return bar;
}

/** Where the drawn window asks: a password or account field, or an approval button. */
function asksInside(element: Element): Element | null {
  const field = within(element, 'input[type="password" i]')[0] ?? within(element, USERNAME_FIELD).find(isVisibleField);
  return field ?? within(element, BUTTONS).find(isConsentButton) ?? null;
}

/** Drawn over the page as a window is: fixed or absolutely placed, or a dialog. */
function isFloating(element: Element): boolean {
  for (let current: Element | null = element; current !== null && current.localName !== 'body'; current = current.parentElement) {
    if (current.localName === 'dialog' || attribute(current, 'role') === 'dialog' || attribute(current, 'aria-modal') === 'true') return true;
    const position = getComputedStyleOf(current)?.position;
    if (position === 'fixed' || position === 'absolute') return true;
  }
  return false;
}

/**
 * The frame of the window an address bar belongs to: the nearest ancestor that also holds what the window asks
 * for, after the address bar, with little else in it, drawn over the page. A link to Microsoft's sign-in, an
 * address quoted in code or an article, an "Authority" field in a settings form are none of that.
 */
function drawnWindowOf(bar: Element): Element | null {
  if (closest(bar, `a, ${NOT_IDENTITY}`) !== null || isSignInOffer(bar)) return null;
  const barText = text(bar, 400);
  let depth = 0;
  for (let element = bar.parentElement; element !== null && depth < WINDOW_DEPTH; element = element.parentElement, depth++) {
    if (element.localName === 'body' || element.localName === 'html' || element.localName === 'main') return null;
    const asks = asksInside(element);
    if (asks === null) continue;
    if (!(bar.compareDocumentPosition(asks) & 4) /* DOCUMENT_POSITION_FOLLOWING */) return null;
    const whole = text(element, WINDOW_TEXT + 1);
    if (whole.length > WINDOW_TEXT) return null;
    const before = whole.indexOf(barText);
    if (before < 0 || before > TEXT_BEFORE_ADDRESS) return null;
    return isFloating(element) ? element : null;
  }
  return null;
}

/** Does the page draw a browser window whose address bar shows Microsoft's sign-in host over a sign-in or consent dialog? */
export function drawsSignInWindow(doc: Document, roots: PageRoots): boolean {
  const createTreeWalker = Document.prototype.createTreeWalker;
  let budget = TEXT_NODE_BUDGET;
  for (const root of roots) {
    const walker = createTreeWalker.call(doc, root, TEXT_NODES);
    for (let node = walker.nextNode(); node !== null && budget > 0; node = walker.nextNode(), budget--) {
      const value = node.nodeValue ?? '';
      if (value.length > 400 || !SIGN_IN_HOST_MENTION.test(asRead(value))) continue;
      const bar = addressBarOf(node);
      if (bar !== null && drawnWindowOf(bar) !== null) return true;
    }
  }
  // An address bar drawn as a read-only text field.
  for (const field of queryAll(roots, 'input[readonly][value], input[disabled][value]', 20)) {
    if (addressHost(attribute(field, 'value') ?? '') !== null && drawnWindowOf(field) !== null) return true;
  }
  return false;
}

/** Which branding cues fire on the page (each once, in no particular order). */
export function detectCues(doc: Document, roots: PageRoots = [doc]): BrandingCue[] {
  const title = asRead(documentTitle(doc));
  const cues = titleCues(title);
  if (hasBrandLogo(roots)) cues.push('brand-logo');
  if (!titleNamesOtherSite(title) && hasBrandHeading(roots)) cues.push('brand-heading');
  if (drawsSignInWindow(doc, roots)) cues.push('sign-in-address-bar');
  if (hotlinksMicrosoftAssets(doc, roots)) cues.push('microsoft-assets');
  if (queryAll(roots, SIGN_IN_MARKUP, 1).length > 0) cues.push('sign-in-markup');
  const words = pageText(roots);
  if (SIGN_IN_WORDING.test(words)) cues.push('sign-in-wording');
  if (CONSENT_WORDING.test(words)) cues.push('consent-wording');
  return cues;
}

/** The branding evidence for a page, weighed (for tests and tracing a verdict to its cues). */
export function detectBranding(doc: Document, options: SignalOptions = {}): BrandingEvidence {
  const roots = pageRoots(doc, options);
  return weighBranding(detectCues(doc, roots), pageAsks(roots));
}

// --- What the page claims ---

const APP_REQUESTS = /^(.{1,80}?)\s+(?:is requesting|is asking|requests|wants|would like|needs)\b/i;
const PUBLISHER = /\b(?:publisher|published by|app publisher)\s*:?\s*(.{1,80})$/i;

/** The app name and publisher the page shows, as it shows them (for the banner; never trusted). */
export function readClaims(doc: Document, roots: PageRoots = [doc]): { appName: string | null; publisher: string | null } {
  let appName: string | null = null;
  let publisher: string | null = null;
  const marked = queryAll(roots, '[id*="appname" i], [class*="app-name" i], [class*="appname" i], [data-app-name]', 1)[0];
  if (marked) appName = text(marked, 80) || null;
  for (const element of queryAll(roots, 'h1, h2, h3, p, li, dd, dt, span, div', 300)) {
    // Only elements whose text is their own (no block children), so containers do not repeat everything.
    if (within(element, 'p, div, li, h1, h2, h3').length > 0) continue;
    const line = text(element, 200);
    if (!line) continue;
    if (appName === null) appName = APP_REQUESTS.exec(line)?.[1]?.trim() ?? null;
    if (publisher === null) publisher = PUBLISHER.exec(line)?.[1]?.trim() ?? null;
    if (appName !== null && publisher !== null) break;
  }
  return { appName, publisher };
}
