/**
 * Links wrapped by mail security (Safe Links, URL Defense, ...): the wrapper is a redirector run by the mail
 * filter, so where the person really ends up is the URL inside it. We read that URL from the link itself,
 * offline, and judge it; the wrapper's own host never makes a verdict milder or harsher.
 *
 * Pure: shared by the CLI and the extension's link check (no DOM, no Node API; URL and atob are standard).
 */
import { analyzeParsedInput, parseWebUrl, type AnalyzeOptions } from './analyze';
import { RequestParameters } from './request-parameters';
import type { Analysis } from './types';

/** Stable ids, as the CLI's JSON `wrappers` field names them. */
export type WrapperId =
  | 'microsoft-safe-links'
  | 'microsoft-teams-safe-links'
  | 'proofpoint-url-defense-v1'
  | 'proofpoint-url-defense-v2'
  | 'proofpoint-url-defense-v3'
  | 'mimecast'
  | 'cisco-secure-email'
  | 'barracuda-link-protection'
  | 'google-redirect'
  | 'google-amp'
  | 'bing-click-tracking'
  | 'symantec-click-time'
  | 'trellix-url-protection'
  | 'trend-micro-click-time'
  | 'sophos-link-protection'
  | 'facebook-link-shim'
  | 'linkedin-redirect'
  | 'slack-redirect';

/** What a person reads for each wrapper (CLI report). */
export const WRAPPER_NAMES: Readonly<Record<WrapperId, string>> = {
  'microsoft-safe-links': 'Microsoft Defender Safe Links',
  'microsoft-teams-safe-links': 'Microsoft Teams Safe Links',
  'proofpoint-url-defense-v1': 'Proofpoint URL Defense (v1)',
  'proofpoint-url-defense-v2': 'Proofpoint URL Defense (v2)',
  'proofpoint-url-defense-v3': 'Proofpoint URL Defense (v3)',
  mimecast: 'Mimecast URL Protect',
  'cisco-secure-email': 'Cisco Secure Email',
  'barracuda-link-protection': 'Barracuda Link Protection',
  'google-redirect': "Google's redirector",
  'google-amp': "Google's AMP viewer",
  'bing-click-tracking': "Bing's click tracking",
  'symantec-click-time': 'Symantec Email Security click-time protection',
  'trellix-url-protection': 'Trellix (FireEye) URL protection',
  'trend-micro-click-time': 'Trend Micro click-time URL protection',
  'sophos-link-protection': 'Sophos Email link protection',
  'facebook-link-shim': "Facebook's link shim",
  'linkedin-redirect': "LinkedIn's redirector",
  'slack-redirect': "Slack's redirector",
};

/** Wrappers re-wrapped by other wrappers happen (a forwarded mail crosses two filters); more than this is an attack on us. */
export const MAX_WRAPPER_DEPTH = 8;

export interface UnwrappedLink {
  /** The URL to judge: the innermost one that could be read (the input itself when it is not wrapped). */
  readonly target: string;
  /** Every wrapper recognised, outermost first (an opaque one is the last). */
  readonly wrappers: readonly WrapperId[];
  /** True when at least one layer was removed, i.e. `target` differs from the input. */
  readonly unwrapped: boolean;
  /**
   * A wrapper whose destination is not in the link (Mimecast's short links are a database key on Mimecast's
   * side): the target is then that wrapper's own URL, judged as it is. We never fetch it to find out.
   */
  readonly opaque: WrapperId | null;
  /** More than MAX_WRAPPER_DEPTH layers: the target is still wrapped. */
  readonly tooDeep: boolean;
}

/** `innerUrl`: the inner URL as parseWebUrl read it (it was parsed to check that it is a web address). */
type Layer = { readonly wrapper: WrapperId; readonly inner: null } | { readonly wrapper: WrapperId; readonly inner: string; readonly innerUrl: URL };

/** Removes every wrapper layer it can read; never throws. */
export function unwrapLink(input: string): UnwrappedLink {
  return unwrapParsed(input, parseWebUrl(input)).link;
}

/**
 * unwrapLink for an input already parsed (`parsed`: what parseWebUrl gave for it), with the target as
 * parseWebUrl gives it too: each text is parsed once, however many layers read it (parsing is most of the cost
 * of judging an ordinary link, and the same text always parses to the same URL).
 */
export function unwrapParsed(input: string, parsed: URL | string): { link: UnwrappedLink; targetUrl: URL | string } {
  const wrappers: WrapperId[] = [];
  let target = input;
  let targetUrl = parsed;
  let opaque: WrapperId | null = null;
  let tooDeep = false;
  for (let depth = 0; ; depth++) {
    const layer = readLayer(target, targetUrl);
    if (layer === null) break;
    if (depth === MAX_WRAPPER_DEPTH) {
      tooDeep = true;
      break;
    }
    wrappers.push(layer.wrapper);
    if (layer.inner === null) {
      opaque = layer.wrapper;
      break;
    }
    target = layer.inner;
    targetUrl = layer.innerUrl;
  }
  return { link: { target, wrappers, unwrapped: target !== input, opaque, tooDeep }, targetUrl };
}

export type LinkResult =
  | { readonly ok: true; readonly analysis: Analysis; readonly link: UnwrappedLink & { readonly input: string; readonly inputHref: string } }
  | { readonly ok: false; readonly error: string };

/** Unwraps, then analyses the URL inside: the verdict and every finding are the inner URL's. */
export function analyzeLink(input: string, options: AnalyzeOptions = {}): LinkResult {
  const outer = parseWebUrl(input);
  if (typeof outer === 'string') return { ok: false, error: outer };
  const { link, targetUrl } = unwrapParsed(input, outer);
  // A link is judged by where it may lead: an address it carries on a site that forwards counts too.
  const result = analyzeParsedInput(targetUrl, { ...options, judgeEmbeddedLinks: true });
  if (!result.ok) return result;
  return {
    ok: true,
    analysis: result.analysis,
    link: { target: link.target, wrappers: link.wrappers, unwrapped: link.unwrapped, opaque: link.opaque, tooDeep: link.tooDeep, input, inputHref: outer.href },
  };
}

// ---------------------------------------------------------------------------------------------------------
// One layer

/** The wrapper this URL is, and what it wraps (null: opaque). Null when it is not a wrapper we know. */
function readLayer(text: string, url: URL | string): Layer | null {
  if (typeof url === 'string') return null;
  // A trailing dot names the same host; the wrappers' servers answer to it as well.
  const host = url.hostname.toLowerCase().replace(/\.+$/, '');
  const path = url.pathname;
  // Parameter names in any case, as the wrappers' servers (Microsoft's among them) read them. Read only for
  // a wrapper's host: most links are none.
  let query: RequestParameters | null = null;
  const first = (...names: string[]): readonly string[] => {
    query ??= new RequestParameters(url.searchParams);
    const read = query;
    return names.flatMap((name) => read.getAll(name));
  };

  if (/\.safelinks\.protection\.(?:outlook\.com|office365\.us)$/.test(host)) {
    // Every region (nam02, eur01, gcc02, ...) and the US government cloud, mail and Office documents
    // (`/ap/...`): `?url=<percent-encoded>&data=...`.
    return layer('microsoft-safe-links', first('url'));
  }
  if (host === 'statics.teams.cdn.office.net' && /^\/evergreen-assets\/safelinks\//i.test(path)) {
    return layer('microsoft-teams-safe-links', first('url'));
  }
  if (host === 'urldefense.proofpoint.com' || host === 'urldefense.com' || host === 'urldefense.us') {
    if (/^\/v1\/url$/i.test(path)) return layer('proofpoint-url-defense-v1', first('u'));
    if (/^\/v2\/url$/i.test(path)) return layer('proofpoint-url-defense-v2', first('u').map(decodeProofpointV2));
    if (/^\/v3\/__/i.test(path)) return layer('proofpoint-url-defense-v3', [decodeProofpointV3(text)]);
    return null;
  }
  if ((/^protect(-[a-z0-9]+)*\.mimecast\.com$/.test(host) || /(^|\.)mimecastprotect\.com$/.test(host)) && /^\/s\//i.test(path)) {
    // `/s/<key>?domain=...`: the destination is stored at Mimecast. Only its domain is shown, and that is
    // Mimecast's claim we cannot check; the link is judged as it is.
    return { wrapper: 'mimecast', inner: null };
  }
  if (host === 'secure-web.cisco.com') return layer('cisco-secure-email', [decodeCiscoPath(text)]);
  if (host === 'linkprotect.cudasvc.com' && /^\/url$/i.test(path)) return layer('barracuda-link-protection', first('a'));
  if (GOOGLE_HOST.test(host) && /^\/url$/i.test(path)) return layer('google-redirect', first('q', 'url'));
  if (GOOGLE_HOST.test(host) && /^\/amp\//i.test(path)) return layer('google-amp', [decodeGoogleAmp(text)]);
  if (/^(www\.|cn\.)?bing\.com$/.test(host) && /^\/ck\/a$/i.test(path)) return layer('bing-click-tracking', first('u').map(decodeBingTarget));
  if (host === 'clicktime.symantec.com') return layer('symantec-click-time', first('u'));
  if (/^protect\d*\.fireeye\.com$/.test(host) && /^\/v\d+\/url$/i.test(path)) return layer('trellix-url-protection', first('u'));
  if (host.endsWith('.trendmicro.com') && /\/wis\/clicktime\/v\d+\/query$/i.test(path)) return layer('trend-micro-click-time', first('url'));
  if (/\.protection\.sophos\.com$/.test(host))
    return layer(
      'sophos-link-protection',
      first('u').flatMap((value) => [value, decodeBase64Url(value)]),
    );
  if (/^(l|lm)\.facebook\.com$/.test(host) && /^\/l\.php$/i.test(path)) return layer('facebook-link-shim', first('u'));
  if (host === 'l.instagram.com') return layer('facebook-link-shim', first('u'));
  if (/^(www\.)?linkedin\.com$/.test(host) && /^\/redir\/redirect\/?$/i.test(path)) return layer('linkedin-redirect', first('url'));
  if (host === 'slack-redir.net' && /^\/link$/i.test(path)) return layer('slack-redirect', first('url'));
  return null;
}

const GOOGLE_HOST = /^(www\.)?google\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/;

/** Percent-decoding layers a wrapped value may carry beyond the one the query parser removes (a link wrapped twice by hand). */
const EXTRA_DECODE_ROUNDS = 2;

/**
 * A layer counts only when what it wraps is a web address; otherwise the link is judged as it is. The first
 * candidate that is one wins (Google's `q` may be empty while `url` holds the address).
 */
function layer(wrapper: WrapperId, candidates: readonly (string | null)[]): Layer | null {
  for (const candidate of candidates) {
    let inner = candidate?.trim() ?? '';
    for (let round = 0; round < EXTRA_DECODE_ROUNDS && /^https?%3a/i.test(inner); round++) inner = percentDecode(inner).trim();
    if (inner === '') continue;
    const innerUrl = parseWebUrl(inner);
    if (typeof innerUrl !== 'string') return { wrapper, inner, innerUrl };
  }
  return null;
}

/** `https://www.google.com/amp/s/<host>/<path>`: `s/` means https, without it http. Read from the raw text. */
function decodeGoogleAmp(raw: string): string | null {
  const match = /\/amp\/(s\/)?([^?#]+)/i.exec(raw);
  if (!match?.[2]) return null;
  const rest = percentDecode(match[2]);
  return /^[a-z0-9.-]+\.[a-z]{2,}(?:[/:?#]|$)/i.test(rest) ? `${match[1] ? 'https' : 'http'}://${rest}` : null;
}

/** Bing's click tracking carries the destination as `u=a1<base64url>`. */
function decodeBingTarget(value: string): string | null {
  return value.startsWith('a1') ? decodeBase64Url(value.slice(2)) : null;
}

function decodeBase64Url(value: string): string | null {
  return /^[A-Za-z0-9_+/-]+={0,2}$/.test(value) ? decodeBase64UrlUtf8(value.replace(/\+/g, '-').replace(/\//g, '_')) : null;
}

/**
 * URL Defense v2 writes the URL with `-` for `%` and `_` for `/`, so `https-3A__example.com_a` is
 * `https%3A//example.com/a`; then percent-decoding, and HTML entities that the mail's markup left in it.
 */
function decodeProofpointV2(value: string): string {
  const percentEncoded = value.replace(/[-_]/g, (character) => (character === '-' ? '%' : '/'));
  return decodeHtmlEntities(percentDecode(percentEncoded));
}

/**
 * URL Defense v3: `https://urldefense.com/v3/__<URL>__;<base64url>!!<ids>$`. Characters of the URL that
 * would break the link are replaced by `*`, and the replaced characters are the base64url (UTF-8) text after
 * `__;`, taken in order: `*` stands for the next one, `**X` for the next run of n, where X in
 * `A-Z a-z 0-9 - _` means n = 2, 3, ... 65. A lone `https:/` is written for `https://`.
 * Read from the raw text: the URL parser would resolve `..` inside the wrapped URL.
 */
function decodeProofpointV3(raw: string): string | null {
  const start = raw.search(/\/v3\/__/i);
  if (start < 0) return null;
  const body = raw.slice(start + '/v3/__'.length);
  const end = body.indexOf('__;');
  if (end < 0) return null;
  const wrapped = percentDecode(body.slice(0, end));
  const afterUrl = body.slice(end + 3);
  const bang = afterUrl.indexOf('!');
  const substitutions = decodeBase64UrlUtf8(bang < 0 ? afterUrl : afterUrl.slice(0, bang));
  if (substitutions === null) return null;
  const replacements = [...substitutions]; // code points, as the encoder counted them
  let next = 0;
  let failed = false;
  const restored = wrapped.replace(/\*(\*.)?/gu, (token: string, run: string | undefined) => {
    const count = run === undefined ? 1 : runLength(run.slice(1));
    if (count === null || next + count > replacements.length) {
      failed = true;
      return token;
    }
    const piece = replacements.slice(next, next + count).join('');
    next += count;
    return piece;
  });
  if (failed) return null;
  return restored.replace(/^([a-z][a-z0-9+.-]*:\/)(?=[^/])/i, '$1/');
}

const RUN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function runLength(character: string): number | null {
  const index = RUN_ALPHABET.indexOf(character);
  return index < 0 || character.length !== 1 ? null : index + 2;
}

/**
 * Cisco Secure Email rewrites to `https://secure-web.cisco.com/<opaque token>/<percent-encoded URL>`: the
 * original follows the first path segment. Read from the raw text so its own query and fragment stay with it.
 */
function decodeCiscoPath(raw: string): string | null {
  const match = /secure-web\.cisco\.com\/[^/?#]+\/(.+)$/i.exec(raw.trim());
  if (!match?.[1]) return null;
  const rest = match[1];
  const decoded = /^https?%3a/i.test(rest) ? percentDecode(rest) : rest;
  return /^https?:/i.test(decoded) ? decoded : null;
}

/** Decodes each valid `%XX` run and leaves a stray `%` as it is (what the wrappers' own decoders do). */
function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (escape, hex: string) =>
        Number.parseInt(hex, 16) < 0x80 ? String.fromCharCode(Number.parseInt(hex, 16)) : escape,
      );
    }
  });
}

function decodeBase64UrlUtf8(text: string): string | null {
  if (text === '') return '';
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const standard = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}
