/**
 * The only code that runs on every page. In the content script's isolated world every DOM interface
 * touched for the first time costs a few tenths of a millisecond, so the check reads only `document`
 * (its URL, its title and one selector that matches nothing on ordinary pages, so no element object is
 * ever created), uses substring tests instead of regular expressions, and no extension API. Only on a
 * match does the content script collect signals and ask the background, which holds the full analyzer.
 */

/** Distinctive pieces of the trusted hosts, their usual misspellings, IDN (punycode) hosts. */
const HOST_TOKENS = ['vssps', 'visualstudio', 'visua1', 'vlsual', 'microsoft', 'micros0ft', 'rnicrosoft', 'msft', 'login', 'signin', 'azure', 'devops', 'windows.net', 'live.com', 'chinacloudapi', 'mcas', 'xn--'];
/** Authorization paths and parameters (Azure DevOps, Entra v1/v2, device code). */
const URL_TOKENS = ['oauth2', 'authoriz', 'authoris', 'scope=', 'client_id=', 'resource=', 'response_type=', 'redirect_uri=', 'devicelogin', 'deviceauth'];
const BRAND_TOKENS = ['azure devops', 'visual studio', 'microsoft'];
/** A password field, or a Microsoft / Azure DevOps logo. Matches nothing on most pages. */
const DOM_SELECTOR =
  'input[type=password],img[alt*="microsoft" i],img[alt*="azure devops" i],img[src*="microsoft_logo" i],svg[aria-label*="microsoft" i],[role=img][aria-label*="microsoft" i]';

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

export function urlLooksRelevant(url: string): boolean {
  const host = hostOf(url);
  // Userinfo (`https://login.microsoftonline.com@evil.example/`) is itself a trick worth a look.
  return containsAny(host, HOST_TOKENS) || isIpLiteral(host) || url.indexOf('@') !== -1 || containsAny(url.slice(0, 8192).toLowerCase(), URL_TOKENS);
}

/**
 * Once the DOM is parsed: a password field or a Microsoft logo, or the brand in the title. A page that
 * clobbers `document.querySelector` or `document.title` to hide from this check is treated as a match.
 */
export function domLooksRelevant(doc: Document): boolean {
  const title: unknown = doc.title;
  if (typeof doc.querySelector !== 'function' || typeof title !== 'string') return true;
  return containsAny(title.toLowerCase(), BRAND_TOKENS) || doc.querySelector(DOM_SELECTOR) !== null;
}
