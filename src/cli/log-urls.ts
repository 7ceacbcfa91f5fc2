/**
 * URLs inside arbitrary log lines: Squid (and any proxy) access logs with full URLs or `CONNECT host:443`,
 * W3C extended logs (IIS, proxies) where the URL is split into fields named by a `#Fields:` directive, CSV
 * exports, JSON lines (strings are read after JSON unescaping, so `https:\/\/` is found), and the forms web
 * proxies and firewalls log without a scheme, encoded or split (see findInText). Also the links of an e-mail's
 * text. Pure (the host rules are the analyzer's).
 */
import { isInternetName } from '../core/host-assessment';

/**
 * A URL in running text: the scheme, defanged or not (`hxxps`, `h**ps`, `https[:]`, `https[://]`), then slashes as a
 * browser reads them (any run of `/` and `\`: `https:\\evil.example` opens evil.example; none at all before a
 * dotted name that starts with a letter: `https:evil.example/x` opens evil.example too, where `https: ` or
 * `http:localhost` in prose is not taken for a URL), then the rest. It ends at whitespace, quotes, angle brackets
 * and the characters URLs never carry raw (but for a defanged dot, `{.}`). Not at a backslash: a browser reads `\` as `/` in an http(s) URL, so
 * `https://evil.example\@login.microsoftonline.com/` opens evil.example and
 * `https://login.microsoftonline.com\common/oauth2/...` a request; stopping there would hand the analyzer a
 * harmless host in their place. The analyzer refangs what is found (src/core/link-text.ts).
 */
const URL_IN_TEXT =
  /\bh(?:tt|xx|\*\*)ps?(?:\[:\/\/\]|(?::|\[:\]|\(:\))(?:[/\\]+|(?=[a-z][a-z0-9-]*(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\])[a-z0-9])))(?:[^\s"'<>`^{}|]|\{(?:\.|dot)\})+/gi;
/** A scheme's colon right before a name, as in `https:evil.example` (not before a port: `CONNECT a.app:443`). */
const SCHEME_WITHOUT_SLASHES = /ps?:[a-z]/i;
/** Text without these holds no URL_IN_TEXT (cheap tests first: a tunnel's line has none of the first four). */
const mayHoldUrl = (text: string): boolean =>
  text.includes(':/') || text.includes(':\\') || text.includes(':]') || text.includes(':)') || SCHEME_WITHOUT_SLASHES.test(text);
/** A proxy's tunnel request: the host is all it logs for HTTPS. */
const CONNECT_TARGET = /\bCONNECT\s+(\[[0-9a-f:.]+\]|[^\s:/"]+):(\d{1,5})\b/gi;
/**
 * Punctuation that ends a sentence or closes a bracket is not part of the URL before it. Nor is a backslash at its
 * end: there it escapes the quote that closes an escaped string (`\"url\":\"https://a.example/x\"` in logfmt or a
 * JSON string inside a string), and a browser would only add a `/` for it.
 */
const TRAILING_PUNCTUATION = new Set('.,;:!?)]}\'"*\\');

/** The URL without its trailing punctuation (a loop: a `+$` regex retries at every character of a long URL). */
function withoutTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(url[end - 1] as string)) end--;
  return end === url.length ? url : url.slice(0, end);
}

/**
 * Distinct URLs in the order found. A log line has one or two, where a list's includes() is cheaper than a Set's
 * allocation and hashing; past a few (an e-mail body, a hostile JSON line) a Set keeps adding linear.
 */
class DistinctUrls {
  readonly list: string[] = [];
  private set: Set<string> | null = null;

  add(url: string): void {
    if (this.set !== null) {
      if (this.set.has(url)) return;
      this.set.add(url);
    } else if (this.list.includes(url)) return;
    else if (this.list.length >= 8) this.set = new Set([...this.list, url]);
    this.list.push(url);
  }
}

/** How many strings of one JSON line are looked at (a hostile line can hold millions). */
const MAX_JSON_STRINGS = 1000;

export class LogUrlFinder {
  /** The current `#Fields:` of a W3C extended log (each directive applies to the lines after it). */
  private w3cFields: readonly string[] | null = null;

  constructor(w3cFields: readonly string[] | null = null) {
    this.w3cFields = w3cFields;
  }

  get fields(): readonly string[] | null {
    return this.w3cFields;
  }

  /** The distinct URLs of one line, in the order they appear. */
  find(line: string): string[] {
    if (line.charCodeAt(0) === 35 /* # */) {
      this.w3cFields = w3cFieldsOf(line) ?? this.w3cFields;
      return [];
    }
    const found = new DistinctUrls();
    if (this.w3cFields !== null) {
      const fromFields = urlFromW3cFields(this.w3cFields, line);
      if (fromFields) found.add(fromFields);
    }
    const trimmed = line.trimStart();
    if (trimmed.charCodeAt(0) === 123 /* { */ || trimmed.charCodeAt(0) === 91 /* [ */) {
      const strings = jsonStrings(trimmed);
      if (strings) {
        for (const text of strings) findInText(text, found);
        return found.list;
      }
    }
    findInText(line, found);
    return found.list;
  }
}

/** The field names of a W3C `#Fields:` directive line (lowercase), or null when the line is not one. */
export function w3cFieldsOf(line: string): string[] | null {
  const directive = /^#Fields:\s*(.*)$/i.exec(line);
  if (!directive) return null;
  return (directive[1] ?? '')
    .trim()
    .split(/\s+/)
    .map((field) => field.toLowerCase());
}

/**
 * Where the text comes from, which decides what else than URLs with a scheme is looked for:
 * - `log`: a log line (or a JSON string of one): tunnels, URLs logged without their scheme, encoded or split.
 * - `prose`: running text (an e-mail): URLs written without their scheme as a mail client links them
 *   (`microsoft.com/devicelogin`, `www.example.com`), as device-code phishing writes them.
 * - `decoded`: what an encoded URL decodes to: only the URL itself.
 */
type TextKind = 'log' | 'prose' | 'decoded';

function findInText(text: string, found: DistinctUrls, kind: TextKind = 'log'): void {
  // Where the URLs written with a scheme are: a scheme-less or encoded one is never looked for inside them
  // (their own parameters are the analyzer's to read).
  const schemeUrlSpans: number[] | null = kind === 'decoded' ? null : [];
  if (mayHoldUrl(text)) {
    URL_IN_TEXT.lastIndex = 0;
    for (let match = URL_IN_TEXT.exec(text); match !== null; match = URL_IN_TEXT.exec(text)) {
      const url = withoutTrailingPunctuation(match[0]);
      if (url.length > 8) found.add(url);
      schemeUrlSpans?.push(match.index, match.index + match[0].length);
    }
  }
  if (schemeUrlSpans === null) return;
  if (kind === 'prose') {
    findUrlsAtSlashes(text, found, schemeUrlSpans, false);
    if (text.includes('www.') || text.includes('WWW.')) findWwwHosts(text, found, schemeUrlSpans);
    return;
  }
  if (text.includes('CONNECT ') || text.includes('connect ')) {
    CONNECT_TARGET.lastIndex = 0;
    for (let match = CONNECT_TARGET.exec(text); match !== null; match = CONNECT_TARGET.exec(text)) {
      const port = match[2] === '443' ? '' : `:${match[2]}`;
      found.add(`https://${match[1]}${port}/`);
    }
  }
  findUrlsAtSlashes(text, found, schemeUrlSpans, true);
  // A line without `%` has no encoded URL (most proxy-log lines: one test saves a regex over each).
  if (text.includes('%')) findEncodedUrls(text, found, schemeUrlSpans);
}

/** The matches of a global regex in the text that start outside the spans (start, end pairs in order) of the URLs found. */
function* matchesOutside(pattern: RegExp, text: string, spans: readonly number[]): Generator<RegExpExecArray> {
  let span = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    while (span < spans.length && (spans[span + 1] as number) <= match.index) span += 2;
    if (span < spans.length && (spans[span] as number) <= match.index) continue;
    yield match;
  }
}

/** A host that starts with `www.` at the start of a word, which mail clients link without a scheme or a path. */
const WWW_HOST = /(?<![^\s"'(<[,;])www\.[^\s"'<>`^{}|,;()[\]/?#\\]+/gi;

/** `www.` hosts in running text with no path after them (those with one are findUrlsAtSlashes'), outside the URLs found. */
function findWwwHosts(text: string, found: DistinctUrls, schemeUrlSpans: readonly number[]): void {
  for (const match of matchesOutside(WWW_HOST, text, schemeUrlSpans)) {
    const end = match.index + match[0].length;
    if (text[end] === '/' || text[end] === '?' || text[end] === '#') continue;
    const host = withoutTrailingPunctuation(match[0]);
    if (!SCHEMELESS_HOST.test(host) || !isInternetName(hostPart(host))) continue;
    const parsed = parseOrNull(`https://${host}/`);
    if (parsed !== null) found.add(parsed.href);
  }
}

/** A URL written percent-encoded as a whole (once or more: `%253A`), as a log's `referrer=` or `url=` field may hold it. */
const ENCODED_URL = /\bh(?:tt|xx)ps?%(?:25)*3a%(?:25)*2f%(?:25)*2f[^\s"'<>`^{}|,;&]+/gi;
/** Rounds of decoding an encoded URL gets (each `25` is one more). */
const MAX_URL_DECODE_ROUNDS = 3;

/** URLs logged percent-encoded, outside the URLs already found (inside one they are its parameters, the analyzer's to read). */
function findEncodedUrls(text: string, found: DistinctUrls, schemeUrlSpans: readonly number[]): void {
  for (const match of matchesOutside(ENCODED_URL, text, schemeUrlSpans)) {
    let url = match[0];
    for (let round = 0; round < MAX_URL_DECODE_ROUNDS && /^h(?:tt|xx)ps?%/i.test(url); round++) {
      try {
        url = decodeURIComponent(url);
      } catch {
        break;
      }
    }
    if (!/^h(?:tt|xx)ps?%/i.test(url)) findInText(url, found, 'decoded');
  }
}

/**
 * A firewall's web-filter line that logs the host and the path in fields of their own (FortiGate's
 * `hostname="…" url="/…"`): the URL is rebuilt from the two, as a W3C line's is.
 */
const SPLIT_HOST_FIELD = /(?:^|\s)(?:hostname|host|dhost)=("?)([^\s"/]+)\1(?=\s|$)/;
const SPLIT_PATH_FIELD = /(?:^|\s)url=("?)(\/[^\s"]*)\1(?=\s|$)/;

function findSplitUrl(text: string, found: DistinctUrls): void {
  const host = SPLIT_HOST_FIELD.exec(text)?.[2];
  const path = SPLIT_PATH_FIELD.exec(text)?.[2];
  if (host === undefined || path === undefined || path.startsWith('//')) return;
  const parsed = parseOrNull(`https://${host}${path}`);
  if (parsed !== null) found.add(parsed.href);
}

/** ASCII characters of a host name and its port as a log writes it: letters, digits, `-`, `.`, `:`. */
const ASCII_HOST_CHARACTERS = new Uint8Array(128);
for (const character of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.:') ASCII_HOST_CHARACTERS[character.charCodeAt(0)] = 1;
/** A character of a host name (and its port): ASCII_HOST_CHARACTERS, and any non-ASCII but spaces (an IDN written as read). */
function isHostCharacter(code: number): boolean {
  return code < 128 ? ASCII_HOST_CHARACTERS[code] === 1 : code !== 0xa0 && code !== 0x2028 && code !== 0x2029 && code !== 0x3000;
}
/** What may stand before a field holding a scheme-less URL: the line's start, white space, a quote, a field separator, `=`, an opening bracket. */
function isFieldStart(code: number): boolean {
  switch (code) {
    case 32: // space
    case 9: // tab
    case 34: // "
    case 39: // '
    case 44: // ,
    case 59: // ;
    case 124: // |
    case 61: // =
    case 40: // (
    case 91: // [
    case 60: // <
      return true;
    default:
      return false;
  }
}
/** A scheme-less URL ends where a field does: white space, quotes, brackets, and (in a CSV cell or a key=value pair) a comma. */
const SCHEMELESS_URL_END = /[\s"'<>`^{}|,]/g;
/** A host a scheme-less URL may start with: dotted labels, the last a name (not a number), an optional port. */
const SCHEMELESS_HOST = /^(?:[^\s.:/]+\.)+[^\s.:/\d][^\s.:/]*(?::\d{1,5})?$/u;
/** Longer than any host name and port: a token walked back this far is not one. */
const MAX_HOST_AND_PORT = 260;

/**
 * What the slashes outside the URLs already found start or end, in one walk over the line:
 * - URLs written without their scheme, as web proxies and firewalls log them (Zscaler's and Netskope's `url`,
 *   Palo Alto's URL-filtering field, Forcepoint and Cisco exports): a field that is `host/path...`, the host a
 *   name on the internet (its suffix on the Public Suffix List, or reserved for examples). Read as https: the log
 *   says nothing of the scheme, and an http one would add findings the request may not deserve. A host alone
 *   (`dst=host:443`, a DNS or SNI log) is not a URL and is not taken.
 * - In a log line, a path in a field of its own (`url="/…"`), its host in another: see findSplitUrl.
 * Linear: each slash is walked back over one token at most.
 */
function findUrlsAtSlashes(text: string, found: DistinctUrls, schemeUrlSpans: readonly number[], logLine: boolean): void {
  let span = 0;
  let slash = text.indexOf('/');
  let splitLooked = false;
  while (slash >= 0) {
    while (span < schemeUrlSpans.length && (schemeUrlSpans[span + 1] as number) <= slash) span += 2;
    if (span < schemeUrlSpans.length && (schemeUrlSpans[span] as number) <= slash) {
      // Inside a URL already found: go on after it.
      slash = text.indexOf('/', schemeUrlSpans[span + 1] as number);
      continue;
    }
    let start = slash;
    let dotted = false;
    for (; start > 0 && slash - start <= MAX_HOST_AND_PORT; start--) {
      const code = text.charCodeAt(start - 1);
      if (!isHostCharacter(code)) break;
      if (code === 46) dotted = true;
    }
    if (logLine && start === slash && !splitLooked && (text.startsWith('url="', slash - 5) || text.startsWith('url=', slash - 4))) {
      splitLooked = true;
      findSplitUrl(text, found);
    }
    const end = dotted && (start === 0 || isFieldStart(text.charCodeAt(start - 1))) ? schemelessUrlAt(text, start, slash, found) : slash + 1;
    slash = text.indexOf('/', end);
  }
}

/** The URL whose host runs from `start` to the slash, when the host is a name on the internet; where to look on. */
function schemelessUrlAt(text: string, start: number, slash: number, found: DistinctUrls): number {
  const host = text.slice(start, slash);
  if (!SCHEMELESS_HOST.test(host) || !isInternetName(hostPart(host))) return slash + 1;
  SCHEMELESS_URL_END.lastIndex = slash;
  const end = SCHEMELESS_URL_END.exec(text)?.index ?? text.length;
  const parsed = parseOrNull(`https://${withoutTrailingPunctuation(text.slice(start, end))}`);
  if (parsed !== null) found.add(parsed.href);
  return end;
}

/**
 * The URL a whole input written without its scheme stands for (`login.example.com/common/...`, as a proxy
 * console shows it), by the rule of findUrlsAtSlashes; null when it is not one.
 */
export function schemelessUrlOf(input: string): string | null {
  const text = input.trim();
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  if (slash < 0 && !/^www\./i.test(host)) return null;
  if (!SCHEMELESS_HOST.test(host) || !isInternetName(hostPart(host)) || /[\s"'<>`^{}|]/.test(text)) return null;
  return parseOrNull(`https://${text}`)?.href ?? null;
}

/** The host of `host:port`. */
const hostPart = (hostAndPort: string): string => hostAndPort.replace(/:\d+$/, '');

function parseOrNull(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Reassembles the URL of a W3C extended log line from `cs-uri`, or scheme, host, port, stem and query. */
function urlFromW3cFields(fields: readonly string[], line: string): string | null {
  const values = line.split(/\s+/);
  const field = (name: string): string | null => {
    const index = fields.indexOf(name);
    const value = index < 0 ? undefined : values[index];
    return value === undefined || value === '-' || value === '' ? null : value;
  };
  const full = field('cs-uri');
  if (full && /^https?:\/\//i.test(full)) return full;
  const host = field('cs-host') ?? field('cs(host)') ?? field('r-host');
  const stem = field('cs-uri-stem') ?? field('cs-uri-path');
  if (!host || !stem) return null;
  const port = field('cs-uri-port') ?? field('s-port');
  const scheme = field('cs-uri-scheme') ?? (port === '80' ? 'http' : 'https');
  const query = field('cs-uri-query');
  const portPart = port && port !== '80' && port !== '443' ? `:${port}` : '';
  return `${scheme}://${host}${portPart}${stem.startsWith('/') ? stem : `/${stem}`}${query ? `?${query.replace(/^\?/, '')}` : ''}`;
}

/**
 * JSON fields that name the host a connection or request went to (Defender's `RemoteUrl` is often a host alone,
 * an SNI or a DNS query is one): their value, when it is a host name alone, stands for that host's URL.
 */
const HOST_FIELD_NAME =
  /^(?:remote_?url|url|uri|host(?:_?name)?|dest(?:ination)?_?host(?:_?name)?|dst_?host|server_?name|sni|fqdn|domain(?:_?name)?|query(?:_?name)?|site|request_?host)$/i;
/** A host name alone: dotted labels of letters, digits and `-`, the last a name (not a number), no port, no path. */
const PLAIN_HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z][a-z0-9-]{0,61}[a-z0-9]|xn--[a-z0-9-]{1,59})\.?$/i;

const isPlainInternetHost = (text: string): boolean => PLAIN_HOST_NAME.test(text) && isInternetName(text.replace(/\.$/, ''));

/** Every string in a JSON line (keys included, they can be URLs too); null when the line is not JSON. */
function jsonStrings(text: string): string[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const strings: string[] = [];
  // Iterative: a line of ten thousand nested arrays must not exhaust the stack.
  const stack: unknown[] = [value];
  while (stack.length > 0 && strings.length < MAX_JSON_STRINGS) {
    const item = stack.pop();
    if (typeof item === 'string') strings.push(item);
    else if (Array.isArray(item)) for (let index = item.length - 1; index >= 0; index--) stack.push(item[index]);
    else if (item !== null && typeof item === 'object') {
      // Pushed last to first, so the line's strings come out in the order they are written.
      const entries = Object.entries(item);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index] as [string, unknown];
        // A field that names the host a request went to holds its host alone: the request's URL is all we can rebuild.
        stack.push(typeof child === 'string' && HOST_FIELD_NAME.test(key) && isPlainInternetHost(child) ? `https://${child}/` : child);
        if (key.includes('://')) stack.push(key);
      }
    }
  }
  return strings;
}

/** The distinct URLs written in running text (an e-mail body, a document). */
export function urlsInText(text: string): string[] {
  const found = new DistinctUrls();
  findInText(text, found, 'prose');
  return found.list;
}
