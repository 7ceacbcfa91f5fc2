/**
 * The link check page → background: "what would Consent Guard say of this link?" The link is only ever
 * analysed, never fetched.
 */
import { z } from 'zod';
import { message, type DeepReadonly } from './define';
import { pageViewSchema } from './page-view';

/** Chromium refuses URLs over 2 MiB; a selection is cut to the same bound before it is searched for a link. */
const MAX_LINK = 2 * 1024 * 1024;

export const linkCheck = message({
  type: 'link/check',
  from: ['linkcheck'],
  /** `link`: the address the user right-clicked; `text`: the text they selected (the background finds the link in it). */
  request: z.strictObject({ link: z.string().max(MAX_LINK).optional(), text: z.string().max(MAX_LINK).optional() }),
  reply: z.discriminatedUnion('ok', [
    z.strictObject({
      ok: z.literal(true),
      /** The link as found (refanged when the selection was defanged). */
      link: z.string(),
      refanged: z.boolean(),
      /** For a link wrapped by mail security: the wrappers, outermost first, and the address that was judged. */
      wrappers: z.array(z.string()),
      inner: z.string().nullable(),
      view: pageViewSchema,
      /** Plain text for a ticket: host, path, client id, scopes, verdict and findings; never the rest of the query. */
      report: z.string(),
      /** "Report to my admin", when the organization's policy sets reportUrl. */
      reportLink: z.string().nullable(),
    }),
    z.strictObject({ ok: z.literal(false), reason: z.enum(['empty', 'no-link', 'not-web']) }),
  ]),
});

export type LinkCheckRequest = DeepReadonly<z.output<typeof linkCheck.request>>;
export type LinkCheckReply = DeepReadonly<z.output<typeof linkCheck.reply>>;

export const LINK_MESSAGES = [linkCheck] as const;
