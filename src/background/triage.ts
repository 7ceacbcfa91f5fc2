/**
 * Triage: the cheap tests the background runs on what the browser tells it about every tab and frame
 * (addresses at navigation start and commit, history and fragment changes, titles, favicons, requests
 * for Microsoft's sign-in assets), without touching the page. Ordinary pages run no extension code at
 * all; a match starts the guard in that document (injector.ts), which reads the page's own signals.
 * Substring tests only: they run for every navigation of every frame.
 */
import { assessHost } from '../core';
import { asRead } from '../core/reading';

/** Distinctive pieces of the trusted hosts, their usual misspellings, IDN (punycode) hosts. */
const HOST_TOKENS = [
  'vssps',
  'visualstudio',
  'visua1',
  'vlsual',
  // 'microsof' also catches the dropped-letter and glued forms (microsofonline, microsoftonline-login).
  'microsof',
  'micros0ft',
  'rnicrosoft',
  'msft',
  'login',
  'signin',
  'azure',
  'devops',
  'windows.net',
  'live.com',
  'chinacloudapi',
  'mcas',
  'xn--',
];
/** Authorization paths and parameters (Azure DevOps, Entra v1/v2, device code). */
const URL_TOKENS = ['oauth2', 'authoriz', 'authoris', 'scope=', 'client_id=', 'resource=', 'response_type=', 'redirect_uri=', 'devicelogin', 'deviceauth'];
/** The brand, and the exact titles of Microsoft's own sign-in and consent pages (what a clone copies). */
const TITLE_TOKENS = ['azure', 'visual studio', 'microsoft', 'entra', 'sign in to your account', 'permissions requested', 'pick an account'];
/**
 * Microsoft's sign-in and Azure DevOps asset hosts (CDNs serving the sign-in page's images, scripts, CSS).
 * Clones and adversary-in-the-middle kits hotlink them; a non-Microsoft page loading them is a signal its
 * own address and title may not give.
 */
export const MICROSOFT_ASSET_HOSTS = [
  'aadcdn.msauth.net',
  'aadcdn.msftauth.net',
  'logincdn.msauth.net',
  'logincdn.msftauth.net',
  'aadcdn.msauthimages.net',
  'aadcdn.msftauthimages.net',
  'secure.aadcdn.microsoftonline-p.com',
  'cdn.vsassets.io',
] as const;
/** Enough of a long URL to find its parameters; tracking-laden URLs can be huge. */
const MAX_URL = 8192;

function containsAny(haystack: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (haystack.indexOf(needle) !== -1) return true;
  return false;
}

/** The host part of an absolute http(s) URL, lowercased, without userinfo or port. */
export function hostOf(url: string): string {
  const start = url.indexOf('//') + 2;
  let end = start;
  while (end < url.length) {
    const code = url.charCodeAt(end);
    if (code === 47 /* / */ || code === 63 /* ? */ || code === 35 /* # */) break;
    end++;
  }
  const authority = url.slice(start, end).toLowerCase();
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.charCodeAt(0) === 91 /* [ */) return host;
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function isIpLiteral(hostname: string): boolean {
  if (hostname.charCodeAt(0) === 91 /* [ */) return true;
  for (let index = 0; index < hostname.length; index++) {
    const code = hostname.charCodeAt(index);
    if (code !== 46 && (code < 48 || code > 57)) return false;
  }
  return hostname.length > 0;
}

/** Plain and percent-encoded (once or twice) forms of `://`, where an address nested in a parameter starts. */
const NESTED_URL_MARKERS = ['://', '%3a%2f%2f', '%253a%252f%252f'];

/**
 * The hosts of addresses nested in this one's parameters (a Safe Links or redirector page, a sign-out's
 * `post_logout_redirect_uri`): the browser goes there next, so a lookalike inside is as relevant as one outside.
 */
function nestedHostLooksRelevant(lowered: string): boolean {
  const afterOwnHost = lowered.indexOf('/', lowered.indexOf('//') + 2);
  if (afterOwnHost === -1) return false;
  for (const marker of NESTED_URL_MARKERS) {
    let at = lowered.indexOf(marker, afterOwnHost);
    while (at !== -1) {
      let host = lowered.slice(at + marker.length, at + marker.length + 256);
      const end = host.search(/[/?#&]|%2f|%3f|%23|%26|%252f/);
      if (end !== -1) host = host.slice(0, end);
      if (containsAny(host, HOST_TOKENS) || isIpLiteral(host)) return true;
      at = lowered.indexOf(marker, at + marker.length);
    }
  }
  return false;
}

export function urlLooksRelevant(url: string): boolean {
  const host = hostOf(url);
  const lowered = url.slice(0, MAX_URL).toLowerCase();
  // Userinfo (`https://login.microsoftonline.com@evil.example/`) is itself a trick worth a look.
  return containsAny(host, HOST_TOKENS) || isIpLiteral(host) || url.indexOf('@') !== -1 || containsAny(lowered, URL_TOKENS) || nestedHostLooksRelevant(lowered);
}

/**
 * The page's title. Anything but a string (a page clobbering `document.title` with a named element)
 * is suspicious in itself and counts as a match.
 */
export function titleLooksRelevant(title: unknown): boolean {
  if (typeof title !== 'string') return true;
  return containsAny(asRead(title.slice(0, 512)).toLowerCase(), TITLE_TOKENS);
}

/** URL or title: should the background start the guard in this document? */
export function pageLooksRelevant(url: string, title: unknown): boolean {
  return urlLooksRelevant(url) || titleLooksRelevant(title);
}

/**
 * Documents whose address says nothing about their content: a blob: or data: document in any frame (a known way
 * to serve a clone from an innocent page: a full-page data: frame is as opaque as a srcdoc one), a srcdoc frame,
 * a file opened from this computer (an HTML attachment, HTML smuggling; rare in ordinary browsing, and the
 * browser lets the extension in only where the user allowed file access). Their content decides, so the guard
 * looks. (about:blank frames are everywhere, ads among them: only the thorough mode and asset requests look there.)
 */
export function isOpaqueDocument(url: string): boolean {
  const lower = url.slice(0, 16).toLowerCase();
  return lower.startsWith('about:srcdoc') || lower.startsWith('blob:') || lower.startsWith('data:') || lower.startsWith('file:');
}

/**
 * A blank top-level document (a popup from `window.open('')` that its opener writes into): its address says
 * nothing, but its title does, and it is judged by the opener's origin (the sender's, see router.ts).
 */
export function isBlankTopDocument(url: string | undefined): boolean {
  return url !== undefined && /^about:blank(?:[?#]|$)/i.test(url);
}

/**
 * A hash-routed app's route as the address it stands for: `https://app.example/#/oauth2/authorize?scope=…`
 * shows the user an authorize address just as a pushState to `/oauth2/authorize?scope=…` would, so it is judged
 * as that. Only routes (`#/…`, `#!/…`) to an authorization address, behind an address that is not one itself; an
 * ordinary fragment (`#section`, a sign-in's `#code=…` response) is not one.
 */
export function hashRoutedUrl(url: string): string | null {
  const hash = url.indexOf('#');
  if (hash === -1) return null;
  const route = /^#!?(\/[^#]*)$/.exec(url.slice(hash, hash + MAX_URL));
  if (route === null || !route[1]!.includes('?') || !containsAny(route[1]!.toLowerCase(), URL_TOKENS)) return null;
  if (containsAny(url.slice(0, Math.min(hash, MAX_URL)).toLowerCase(), URL_TOKENS)) return null;
  try {
    const base = new URL(url);
    return new URL(route[1]!, base.origin).href;
  } catch {
    return null;
  }
}

/**
 * The address a document is judged by (a hash route as the address it stands for). blob: documents carry their
 * creator's origin in the URL; about: and data: documents take it from whoever created them (`creatorUrl`: the
 * sender's origin, or the tab's address). A file is judged as a file (src/core/local-file.ts), whoever framed it,
 * and so is what it makes.
 */
export function judgedUrl(url: string, creatorUrl: string | null): string | null {
  if (/^https?:/i.test(url)) return hashRoutedUrl(url) ?? url;
  if (/^file:/i.test(url)) return url;
  if (/^blob:https?:/i.test(url)) {
    try {
      return `${new URL(url.slice(5)).origin}/`;
    } catch {
      return null;
    }
  }
  if (creatorUrl && /^https?:/i.test(creatorUrl)) {
    try {
      return `${new URL(creatorUrl).origin}/`;
    } catch {
      return null;
    }
  }
  // What a file makes (a blob: of its own, an about:blank, srcdoc or data: frame) is that file's: HTML smuggling.
  if (creatorUrl && /^file:/i.test(creatorUrl)) return creatorUrl;
  return null;
}

/** Is this address on a site Microsoft runs (a trusted sign-in host, a proxy of one, or a Microsoft domain)? */
export function isMicrosoftSite(url: string | undefined): boolean {
  if (!url) return false;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  if (!host) return false;
  const kind = assessHost(host).kind;
  return kind === 'trusted' || kind === 'microsoft' || kind === 'proxy';
}

/** A favicon from Microsoft's sign-in CDNs (or a data: copy is not checked) on a page that is not Microsoft's. */
export function faviconLooksMicrosoft(favIconUrl: string, tabUrl: string | undefined, assetHosts: readonly string[]): boolean {
  if (!/^https?:/i.test(favIconUrl) || isMicrosoftSite(tabUrl)) return false;
  const host = hostOf(favIconUrl);
  return assetHosts.includes(host) || containsAny(host, HOST_TOKENS);
}
