/**
 * Finding the link in text a person selected (a chat message, a ticket, a phishing report). Analysts
 * "defang" links so nobody clicks them by accident (`hxxps://evil[.]example`); those are links too.
 * Pure: the extension's link check and tests share it.
 */
import { parse as parseDomain } from 'tldts';

/** Selections longer than this are not one link someone wants checked; the first link within it still counts. */
const MAX_SELECTION = 64 * 1024;

/**
 * Defanged spellings of the scheme's letters, `://`, `:` and `.`, as security tools and people write them
 * (`hxxps`, `h**ps`, `https[://]`, `[:]`, `(:)`, `[.]`, `(.)`, `{.}`, `[dot]`).
 */
const DEFANGED_SCHEME_LETTERS = /\bh(?:xx|\*\*)p(?=s?(?:\[:|\(:|:))/gi;
const DEFANGED_SEPARATOR = /\[:\/\/\]/g;
const DEFANGED_COLON = /\[\s*:\s*\]|\(\s*:\s*\)/g;
const DEFANGED_DOT = /\[\s*(?:\.|dot)\s*\]|\(\s*(?:\.|dot)\s*\)|\{\s*(?:\.|dot)\s*\}/gi;

/**
 * The text with every defanged spelling written back. The one refanging of the product: the analyzer, the
 * link check and the CLI read a defanged link alike. No name in the DNS holds these spellings, so a real
 * address's host reads as it did.
 */
export function refang(text: string): string {
  return text.replace(DEFANGED_SCHEME_LETTERS, 'http').replace(DEFANGED_SEPARATOR, '://').replace(DEFANGED_COLON, ':').replace(DEFANGED_DOT, '.');
}

const PERHAPS_DEFANGED = /[[({]|xxp|\*\*p/i;

/** Whether `refang` can change the text: one pass, where refanging is four (most links are not defanged). */
export function isPerhapsDefanged(text: string): boolean {
  return PERHAPS_DEFANGED.test(text);
}

/** A scheme and its slashes as a browser reads them (`https:\\host` opens host), or `www.`. */
const LINK_START = /(?:https?:[/\\]+|www\.)/i;
/** Characters that end a link in running text (quotes, brackets that did not open inside it, whitespace). */
const LINK_END = /[\s<>"'`\u00a0\u2028\u2029]/;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}>»”’]+$/;

export type LinkInText = { readonly ok: true; readonly url: string; readonly refanged: boolean } | { readonly ok: false; readonly reason: 'empty' | 'no-link' };

/** The first web link in `text`, refanged; a bare host name with a known public suffix counts (`evil.example.com/path`). */
export function findLinkInText(text: string): LinkInText {
  const trimmed = text.slice(0, MAX_SELECTION).trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const refangedText = refang(trimmed);
  const refanged = refangedText !== trimmed;

  const start = refangedText.search(LINK_START);
  if (start >= 0) {
    const candidate = cutAtEnd(refangedText.slice(start));
    const url = /^www\./i.test(candidate) ? `https://${candidate}` : candidate;
    if (isWebUrl(url)) return { ok: true, url, refanged };
  }
  // No scheme: the first word that is a host name under a real public suffix, with or without a path.
  for (const word of refangedText.split(/\s+/)) {
    const candidate = cutAtEnd(word.replace(/^[(<"'«“‘[]+/, ''));
    const host = candidate.split(/[/?#]/, 1)[0] ?? '';
    if (!host.includes('.') || host.includes('@')) continue;
    const parsed = parseDomain(host);
    if (parsed.domain === null || !parsed.isIcann || parsed.isIp) continue;
    const url = `https://${candidate}`;
    if (isWebUrl(url)) return { ok: true, url, refanged };
  }
  return { ok: false, reason: 'no-link' };
}

function cutAtEnd(text: string): string {
  const end = text.search(LINK_END);
  const link = end < 0 ? text : text.slice(0, end);
  return link.replace(TRAILING_PUNCTUATION, '');
}

function isWebUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}
