/**
 * What a person, a mail client or a parser that is not the browser's takes for the host of a link, from its
 * text. The browser's own host comes from WHATWG URL parsing (`new URL`); when a link is written so that the
 * two disagree (`https://login.microsoftonline.com\@evil.example/`, `…#@evil.example`, a fraction slash that
 * looks like `/`, ...), someone is meant to be fooled. Pure: no DOM, no Node API.
 */

/** Characters that end the host for the browser (`\` too, in http and https) or that a reader takes for them. */
const DELIMITERS: ReadonlySet<string> = new Set([
  '/',
  '\\',
  '?',
  '#',
  // Look-alikes a reader takes for / \ ? # but the browser keeps inside the host or the user name.
  '\u2044', // ⁄ fraction slash
  '\u2215', // ∕ division slash
  '\u29F8', // ⧸ big solidus
  '\u2571', // ╱ box drawing diagonal
  '\uFF0F', // ／ fullwidth solidus
  '\u2216', // ∖ set minus
  '\u29F5', // ⧵ reverse solidus operator
  '\uFE68', // ﹨ small reverse solidus
  '\uFF3C', // ＼ fullwidth reverse solidus
  '\uFF1F', // ？ fullwidth question mark
  '\uFE56', // ﹖ small question mark
  '\uFF03', // ＃ fullwidth number sign
  '\uFE5F', // ﹟ small number sign
]);

const AT_SIGNS: ReadonlySet<string> = new Set(['@', '\uFF20' /* ＠ */, '\uFE6B' /* ﹫ */]);

/** Dots that IDNA maps to `.`, and a reader reads as one. */
const DOT_LOOKALIKES = /[\u3002\uFF0E\uFF61]/g;

import { assessHost, type HostAssessment } from './host-assessment';
import { INVISIBLE } from './reading';

const SCHEME = /^[a-z][a-z0-9+.-]*:[\\/]*/i;

/**
 * The hosts a reader may take from `text` besides the browser's own: what is shown before the first
 * delimiter (the part before an `@` there, which is what the user-info trick relies on), what a parser that
 * does not stop at `\` takes (after the last `@` before `/`, `?` or `#`), and what follows an `@` placed just
 * after a delimiter (`#@`, `?@`, `\@`). Each is normalised as a reader sees it (invisible characters dropped,
 * compatibility forms folded, lowercase). Empty for an ordinary link, cheaply.
 */
export function hostsAReaderMaySee(text: string): readonly string[] {
  const scheme = SCHEME.exec(text);
  if (scheme === null) return [];
  const start = scheme[0].length;
  if (isPlainAuthority(text, start)) return [];

  const shownEnd = indexOfDelimiter(text, start);
  const shown = text.slice(start, shownEnd);
  const readings: string[] = [];
  const shownAt = indexOfAtSign(shown);
  readings.push(normaliseReading(shownAt === -1 ? shown : shown.slice(0, shownAt)));

  // An RFC 3986 parser (many servers, scanners and mail tools) does not stop at a backslash.
  let rfcEnd = start;
  while (rfcEnd < text.length && text[rfcEnd] !== '/' && text[rfcEnd] !== '?' && text[rfcEnd] !== '#') rfcEnd++;
  const rfcAuthority = text.slice(start, rfcEnd);
  const rfcAt = rfcAuthority.lastIndexOf('@');
  if (rfcAt !== -1) readings.push(normaliseReading(rfcAuthority.slice(rfcAt + 1)));

  // `#@evil.example`, `?@evil.example`, `\@evil.example`: an @ right after the host reads as "the host follows".
  const afterDelimiter = text[shownEnd + 1];
  if (shownEnd < text.length && text[shownEnd] !== '/' && afterDelimiter !== undefined && AT_SIGNS.has(afterDelimiter)) {
    const trickStart = shownEnd + 2;
    readings.push(normaliseReading(text.slice(trickStart, indexOfDelimiter(text, trickStart))));
  }
  return readings.filter((reading) => reading !== '');
}

/** The fast path: letters, digits, dots, hyphens, a port, then `/`, `?`, `#` or the end, with no `@` trick after it. */
function isPlainAuthority(text: string, start: number): boolean {
  let index = start;
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const plain =
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x30 && code <= 0x39) ||
      code === 0x2e ||
      code === 0x2d ||
      code === 0x3a ||
      code === 0x5b ||
      code === 0x5d;
    if (!plain) break;
  }
  if (index === text.length) return true;
  const delimiter = text[index];
  if (delimiter !== '/' && delimiter !== '?' && delimiter !== '#') return false;
  return delimiter === '/' || text[index + 1] !== '@';
}

function indexOfDelimiter(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    if (DELIMITERS.has(text[index] ?? '')) return index;
  }
  return text.length;
}

function indexOfAtSign(text: string): number {
  for (let index = 0; index < text.length; index++) {
    if (AT_SIGNS.has(text[index] ?? '')) return index;
  }
  return -1;
}

function normaliseReading(raw: string): string {
  let host = raw.replace(INVISIBLE, '').normalize('NFKC').replace(DOT_LOOKALIKES, '.').toLowerCase();
  // Drop a port (not the colons of an IPv6 literal).
  const portAt = host.startsWith('[') ? host.indexOf(':', host.indexOf(']')) : host.indexOf(':');
  if (portAt !== -1) host = host.slice(0, portAt);
  return host.replace(/\.+$/, '');
}

/** What counts as "the text shows a Microsoft host": Microsoft's own, a customer name on a Microsoft domain, or an imitation. */
function showsMicrosoft(host: HostAssessment): boolean {
  return host.kind === 'trusted' || host.kind === 'proxy' || host.kind === 'microsoft' || host.kind === 'lookalike' || host.customerDomain !== undefined;
}

/** Tenant names (`contoso.onmicrosoft.com`) name an Entra tenant, not a web server anyone could put a page on. */
const TENANT_NAME_SUFFIXES: ReadonlySet<string> = new Set(['onmicrosoft.com', 'onmicrosoft.us', 'onmschina.cn']);

/** Microsoft's own host or a tenant's name: no reading of it can carry a person anywhere an attacker chose. */
function isMicrosoftsOwn(host: HostAssessment): boolean {
  if (host.customerDomain !== undefined) return TENANT_NAME_SUFFIXES.has(host.customerDomain.suffix) && host.kind !== 'lookalike';
  return host.kind === 'trusted' || host.kind === 'proxy' || host.kind === 'microsoft';
}

const HOST_TEXT = /^[\p{L}\p{N}\p{M}.\-[\]:]+$/u;

/** A reading as the browser would spell it (punycode, IDNA mapping), or the reading itself when it is no host at all. */
function asBrowserHost(reading: string): string {
  if (!HOST_TEXT.test(reading)) return reading;
  try {
    return new URL(`http://${reading}/`).hostname;
  } catch {
    return reading;
  }
}

/** The leading run of host characters: what the eye takes in of `login.microsoftonline.com%40evil.example`. */
function leadingHost(reading: string): string {
  const match = /^[\p{L}\p{N}\p{M}.-]+/u.exec(reading);
  return match === null ? '' : match[0].replace(/\.+$/, '');
}

/**
 * The host a reader may take from `text` when it is not where the browser goes and either side shows a
 * Microsoft host (the reader is being fooled, or a scanner is), or null. The plain user-info trick
 * (`login.microsoftonline.com@evil.example`) has a finding of its own and is not reported again here.
 */
export function findMisreadHost(text: string, url: URL, extraTrustedHosts: readonly string[] = []): string | null {
  const readings = hostsAReaderMaySee(text);
  if (readings.length === 0) return null;
  const browserHost = url.hostname.toLowerCase().replace(/\.$/, '');
  const userinfo = safeDecode(url.username).toLowerCase();
  let browser: HostAssessment | undefined;
  for (const reading of readings) {
    const spelled = asBrowserHost(reading);
    if (spelled === browserHost || (userinfo !== '' && reading === userinfo)) continue;
    browser ??= assessHost(browserHost, extraTrustedHosts);
    const read = assessHost(spelled, extraTrustedHosts);
    // Both Microsoft's (the Azure portal's `portal.azure.com#@contoso.onmicrosoft.com`): nobody is carried anywhere.
    if (isMicrosoftsOwn(browser) && isMicrosoftsOwn(read)) continue;
    if (showsMicrosoft(browser) || showsMicrosoft(read)) return reading;
    const leading = leadingHost(reading);
    if (leading !== '' && leading !== reading && showsMicrosoft(assessHost(asBrowserHost(leading), extraTrustedHosts))) return reading;
  }
  return null;
}

/**
 * An at sign the browser refuses in a host but a tool in the link's way reads as one: `%40` (decoded by
 * servers and mail tools), `%2540` and deeper (decoded once per hop of a redirect chain), and the fullwidth
 * or small at sign (`＠`, `﹫`, which NFKC-normalising tools fold to `@`).
 */
const HIDDEN_AT_SIGN = /%(?:25){0,3}40|[\uFF20\uFE6B]/i;

/**
 * `https://login.microsoftonline.com%40evil.example/` is no URL to the browser (a `%` in a host), but a server
 * or a mail tool that decodes it first goes to evil.example with "login.microsoftonline.com" as the user name.
 * Returns the text with that at sign revealed when it hides a Microsoft-looking user name, or null.
 */
export function revealEncodedAtSign(text: string): string | null {
  const scheme = SCHEME.exec(text);
  if (scheme === null) return null;
  const start = scheme[0].length;
  let end = start;
  while (end < text.length && !DELIMITERS.has(text[end] ?? '')) end++;
  const authority = text.slice(start, end);
  const hidden = HIDDEN_AT_SIGN.exec(authority);
  if (hidden === null || authority.includes('@')) return null;
  const userinfo = authority.slice(0, hidden.index).replace(/:.*$/, '');
  if (!showsMicrosoft(assessHost(asBrowserHost(normaliseReading(userinfo))))) return null;
  return `${text.slice(0, start)}${authority.slice(0, hidden.index)}@${authority.slice(hidden.index + hidden[0].length)}${text.slice(end)}`;
}

function safeDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
