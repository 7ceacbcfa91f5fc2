/**
 * The only code that runs on every ordinary page (the pre-check content script, src/content/index.ts).
 * In the content script's isolated world every DOM interface touched for the first time costs a few
 * tenths of a millisecond, so the check reads two strings only: `location.href` and `document.title`.
 * No querySelector, no element objects, no regular expressions, no extension API: substring tests.
 * Everything else (page signals, the verdict, the banner) happens only after a match, when the
 * background injects the full guard; a lookalike host with nothing telltale in its URL or title is
 * still caught by the background's own analysis of the navigation, which injects the guard itself.
 */

/** Distinctive pieces of the trusted hosts, their usual misspellings, IDN (punycode) hosts. */
const HOST_TOKENS = ['vssps', 'visualstudio', 'visua1', 'vlsual', 'microsoft', 'micros0ft', 'rnicrosoft', 'msft', 'login', 'signin', 'azure', 'devops', 'windows.net', 'live.com', 'chinacloudapi', 'mcas', 'xn--'];
/** Authorization paths and parameters (Azure DevOps, Entra v1/v2, device code). */
const URL_TOKENS = ['oauth2', 'authoriz', 'authoris', 'scope=', 'client_id=', 'resource=', 'response_type=', 'redirect_uri=', 'devicelogin', 'deviceauth'];
/** The brand, and the exact titles of Microsoft's own sign-in and consent pages (what a clone copies). */
const TITLE_TOKENS = ['azure', 'visual studio', 'microsoft', 'entra', 'sign in to your account', 'permissions requested', 'pick an account'];
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

export function urlLooksRelevant(url: string): boolean {
  const host = hostOf(url);
  // Userinfo (`https://login.microsoftonline.com@evil.example/`) is itself a trick worth a look.
  return containsAny(host, HOST_TOKENS) || isIpLiteral(host) || url.indexOf('@') !== -1 || containsAny(url.slice(0, MAX_URL).toLowerCase(), URL_TOKENS);
}

/**
 * The page's title. Anything but a string (a page clobbering `document.title` with a named element)
 * is suspicious in itself and counts as a match.
 */
export function titleLooksRelevant(title: unknown): boolean {
  if (typeof title !== 'string') return true;
  return containsAny(title.slice(0, 512).toLowerCase(), TITLE_TOKENS);
}

/** The whole pre-check: should the background start the full guard in this frame? */
export function pageLooksRelevant(url: string, title: unknown): boolean {
  return urlLooksRelevant(url) || titleLooksRelevant(title);
}
