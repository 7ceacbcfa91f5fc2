/**
 * The link check page → background: "what would Consent Guard say of this link?" (extension pages only;
 * the router checks the sender first). The link is only ever analysed, never fetched.
 */
import { z } from 'zod';
import type { PageView } from './page-view';

/** Chromium refuses URLs over 2 MiB; a selection is cut to the same bound before it is searched for a link. */
const MAX_LINK = 2 * 1024 * 1024;

export const linkRequestSchemas = [
  /** `link`: the address the user right-clicked; `text`: the text they selected (the background finds the link in it). */
  z.strictObject({ type: z.literal('link/check'), link: z.string().max(MAX_LINK).optional(), text: z.string().max(MAX_LINK).optional() }),
] as const;

export type LinkCheckRequest = z.infer<(typeof linkRequestSchemas)[number]>;

export type LinkCheckReply =
  | {
      readonly ok: true;
      /** The link as found (refanged when the selection was defanged). */
      readonly link: string;
      readonly refanged: boolean;
      /** For a link wrapped by mail security: the wrappers, outermost first, and the address that was judged. */
      readonly wrappers: readonly string[];
      readonly inner: string | null;
      readonly view: PageView;
      /** Plain text for a ticket: host, path, client id, scopes, verdict and findings; never the rest of the query. */
      readonly report: string;
      /** "Report to my admin", when the organization's policy sets reportUrl. */
      readonly reportLink: string | null;
    }
  | { readonly ok: false; readonly reason: 'empty' | 'no-link' | 'not-web' };
