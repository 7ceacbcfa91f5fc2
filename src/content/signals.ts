/**
 * Page signals for a page that passed the pre-check. All of it is page-controlled: the background only
 * ever adds warnings because of it, and the banner shows the app name and publisher as plain text.
 */
import type { ContentSignals } from '../messaging/page-messages';
import { all, attribute, baseUri, documentTitle, first, text, within } from './dom';

const BRAND = /\b(?:azure devops|visual studio team services|vsts|microsoft(?: entra| account| azure)?)\b/i;
const INTENT =
  /\b(?:sign[ -]?in|log[ -]?in|accept|authori[sz]e|approve|allow|permissions? requested|request(?:s|ing) (?:access|permission)|wants? to access|would like to|consent|pick an account|enter (?:your )?password|verify your identity)\b/i;
const ACTION_BUTTON = /^(?:accept|authori[sz]e|allow|approve|yes|sign in|next|continue|verify)$/i;

export function collectSignals(doc: Document, win: Window): ContentSignals {
  const showsMicrosoftBranding = detectBranding(doc);
  const claims = showsMicrosoftBranding || looksLikeConsent(doc) ? readClaims(doc) : { appName: null, publisher: null };
  return {
    isTopFrame: win.top === win,
    isSecureContext: win.isSecureContext,
    formActions: formActions(doc),
    showsMicrosoftBranding,
    ...claims,
  };
}

/** Absolute targets of the page's forms and submit buttons with their own formaction. */
export function formActions(doc: Document): string[] {
  const base = baseUri(doc);
  const targets = new Set<string>();
  for (const element of all(doc, 'form, button[formaction], input[formaction]').slice(0, 64)) {
    const raw = element.localName === 'form' ? attribute(element, 'action') : attribute(element, 'formaction');
    try {
      targets.add(new URL(raw ?? '', base).href.slice(0, 4096));
    } catch {
      // An unparsable action submits nowhere.
    }
    if (targets.size >= 32) break;
  }
  return [...targets];
}

/**
 * Strict on purpose: a news article about Microsoft is not a clone. All of these must hold:
 * the brand in the title, a heading or a logo; sign-in or consent wording in the title, a heading or a
 * button; something to type a password into or an approve button; and the page is not an article.
 */
export function detectBranding(doc: Document): boolean {
  const headings = all(doc, 'h1, h2, h3, header, [role="heading"]').slice(0, 12).map((element) => text(element, 200));
  const logos = all(doc, 'img[alt], svg[aria-label], [role="img"][aria-label], img[src*="microsoft" i], img[src*="logo" i]')
    .slice(0, 12)
    .map((element) => `${attribute(element, 'alt') ?? ''} ${attribute(element, 'aria-label') ?? ''} ${attribute(element, 'src') ?? ''}`);
  const title = documentTitle(doc);
  const prominent = [title, ...headings, ...logos].join(' \n ');
  if (!BRAND.test(prominent)) return false;
  const buttons = buttonLabels(doc);
  if (!INTENT.test([title, ...headings, ...buttons].join(' \n '))) return false;
  const canCapture = first(doc, 'input[type="password" i]') !== null || buttons.some((label) => ACTION_BUTTON.test(label));
  if (!canCapture) return false;
  return first(doc, 'article') === null && all(doc, 'p').length < 25;
}

function looksLikeConsent(doc: Document): boolean {
  return buttonLabels(doc).some((label) => /^(?:accept|authori[sz]e|allow|approve)$/i.test(label));
}

function buttonLabels(doc: Document): string[] {
  return all(doc, 'button, input[type="submit" i], input[type="button" i], [role="button"]')
    .slice(0, 20)
    .map((element) => (element.localName === 'input' ? (attribute(element, 'value') ?? '') : text(element, 60)).trim());
}

const APP_REQUESTS = /^(.{1,80}?)\s+(?:is requesting|is asking|requests|wants|would like|needs)\b/i;
const PUBLISHER = /\b(?:publisher|published by|app publisher)\s*:?\s*(.{1,80})$/i;

/** The app name and publisher the page shows, as it shows them (for the banner; never trusted). */
export function readClaims(doc: Document): { appName: string | null; publisher: string | null } {
  let appName: string | null = null;
  let publisher: string | null = null;
  const marked = first(doc, '[id*="appname" i], [class*="app-name" i], [class*="appname" i], [data-app-name]');
  if (marked) appName = text(marked, 80) || null;
  for (const element of all(doc, 'h1, h2, h3, p, li, dd, dt, span, div').slice(0, 300)) {
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
