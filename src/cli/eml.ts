/**
 * Every link in a reported e-mail: plain-text and HTML bodies (quoted-printable and base64 decoded by the
 * MIME parser), HTML `href`s and addresses written in the text, attachments that are HTML or e-mails
 * themselves (forwarded phishing), each link once with every place it was found.
 * MIME is parsed by postal-mime, HTML by htmlparser2: both maintained, pure JavaScript, no network.
 */
import { Parser } from 'htmlparser2';
import PostalMime, { type Email } from 'postal-mime';
import type { FoundAt } from './format';
import { urlsInText } from './log-urls';

/** A forwarded mail inside a forwarded mail inside ...: deeper than this is not unpacked. */
const MAX_MESSAGE_DEPTH = 5;
/** Reported e-mails are at most tens of megabytes; refuse more rather than exhaust memory. */
export const MAX_EML_BYTES = 64 * 1024 * 1024;

export interface EmailLink {
  readonly url: string;
  readonly found: FoundAt[];
}

/** True when the start of a text looks like an Internet message (a block of header fields), not a URL list. */
export function looksLikeEmail(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 40);
  let headers = 0;
  let known = false;
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) continue; // folded header
    const field = /^([A-Za-z0-9-]{1,76}):[ \t]/.exec(line) ?? /^([A-Za-z0-9-]{1,76}):$/.exec(line);
    if (!field) return false;
    headers++;
    if (/^(from|to|subject|date|received|return-path|mime-version|message-id|content-type|delivered-to|x-[a-z0-9-]+)$/i.test(field[1] ?? '')) known = true;
  }
  return headers >= 2 && known;
}

export async function linksInEmail(raw: Uint8Array): Promise<EmailLink[]> {
  const links = new Map<string, EmailLink>();
  const add = (url: string, where: FoundAt): void => {
    const link = links.get(url);
    if (!link) links.set(url, { url, found: [where] });
    else if (!link.found.some((seen) => seen.part === where.part && seen.as === where.as)) link.found.push(where);
  };
  await collect(raw, '', 0, add);
  return [...links.values()];
}

type Add = (url: string, where: FoundAt) => void;

async function collect(raw: Uint8Array, prefix: string, depth: number, add: Add): Promise<void> {
  const email: Email = await PostalMime.parse(raw, { forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
  const part = (name: string) => `${prefix}${name}`;
  if (email.text) for (const url of urlsInText(email.text)) add(url, { part: part('body'), as: 'text' });
  if (email.html) linksInHtml(email.html, part('body (HTML)'), add);
  const pending: Promise<void>[] = [];
  email.attachments.forEach((attachment, index) => {
    const name = attachment.filename ? `attachment "${attachment.filename}"` : `attachment ${index + 1} (${attachment.mimeType})`;
    const bytes = toBytes(attachment.content);
    const type = attachment.mimeType.toLowerCase();
    const filename = (attachment.filename ?? '').toLowerCase();
    if (type === 'message/rfc822' || filename.endsWith('.eml')) {
      if (depth + 1 < MAX_MESSAGE_DEPTH) pending.push(collect(bytes, `${part(name)} > `, depth + 1, add));
    } else if (type === 'text/html' || filename.endsWith('.html') || filename.endsWith('.htm')) {
      linksInHtml(new TextDecoder().decode(bytes), part(name), add);
    } else if (type.startsWith('text/')) {
      for (const url of urlsInText(new TextDecoder().decode(bytes))) add(url, { part: part(name), as: 'text' });
    }
  });
  await Promise.all(pending);
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/** Attributes whose value is where the browser goes (or submits, or loads into a frame). */
const LINK_ATTRIBUTES: Readonly<Record<string, string>> = { a: 'href', area: 'href', form: 'action', iframe: 'src', frame: 'src', base: 'href' };

/** `href`s (entities decoded by the parser) and addresses in the visible text; script and style are not text. */
export function linksInHtml(html: string, part: string, add: Add): void {
  let skipDepth = 0;
  let text = '';
  const flushText = () => {
    if (text !== '') for (const url of urlsInText(text)) add(url, { part, as: 'text' });
    text = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'script' || name === 'style') skipDepth++;
        const attribute = LINK_ATTRIBUTES[name];
        const value = attribute ? attributes[attribute] : undefined;
        if (value && /^\s*(https?|hxxps?):/i.test(value)) add(value.trim(), { part, as: 'href' });
        if (name === 'meta' && /refresh/i.test(attributes['http-equiv'] ?? '')) {
          const target = /url\s*=\s*['"]?([^'"\s]+)/i.exec(attributes.content ?? '')?.[1];
          if (target) add(target, { part, as: 'href' });
        }
        // A block boundary ends a text run: "see" + "https://x" in two cells are not one word.
        text += ' ';
      },
      onclosetag(name) {
        if ((name === 'script' || name === 'style') && skipDepth > 0) skipDepth--;
        text += ' ';
      },
      ontext(data) {
        if (skipDepth === 0) text += data;
        if (text.length > 65536) {
          // Cut at whitespace, never inside a word: half a URL would be judged as a URL of its own.
          const cut = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'), text.lastIndexOf('\t'));
          if (cut > 0 || text.length > 4 * 1024 * 1024) {
            const rest = cut > 0 ? text.slice(cut) : '';
            text = cut > 0 ? text.slice(0, cut) : text;
            flushText();
            text = rest;
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flushText();
}
