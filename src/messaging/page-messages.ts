/**
 * The guard in a page ↔ the background. The guard's messages name no tab, frame or address: the router takes
 * those from the browser's sender. Everything the page's signals say is page-controlled and only ever adds warnings.
 *
 * zod/mini, like ./page-view.ts: the guard carries these schemas into every page it starts in.
 */
import * as z from 'zod/mini';
import { BRANDING_CUES } from '../core/branding';
import type { BrandingCue } from '../core/types';
import { message, push, type ParsedRequest, type DeepReadonly } from './define';
import { pageViewSchema, REQUEST_KEY_PATTERN } from './page-view';

const text = (max: number) => z.string().check(z.maxLength(max));
const pageAsk = z.enum(['credentials', 'consent', 'nothing']);
const requestKey = z.string().check(z.regex(REQUEST_KEY_PATTERN));

/** What the guard saw in its document. */
export const pageSignalsSchema = z.strictObject({
  isTopFrame: z.boolean(),
  isSecureContext: z.boolean(),
  /** Each form's target and what it asks for (a hand-off of a token asks nothing). */
  forms: z.array(z.strictObject({ action: text(4096), asks: pageAsk })).check(z.maxLength(32)),
  asks: pageAsk,
  /** The branding cues that fired (src/core/branding.ts weighs them). */
  brandingCues: z.array(z.enum(BRANDING_CUES as [BrandingCue, ...BrandingCue[]])).check(z.maxLength(BRANDING_CUES.length)),
  /** The app name and publisher the page displays (shown to the user as plain text, never trusted). */
  appName: z.nullable(text(200)),
  publisher: z.nullable(text(200)),
});
export type ContentSignals = DeepReadonly<z.output<typeof pageSignalsSchema>>;

/**
 * The verdict on the sender's own document, from its address and (null before the page has parsed) its signals.
 * The reply is the view to show, or null for nothing to show.
 */
export const pageCheck = message({
  type: 'page/check',
  from: ['page'],
  request: z.strictObject({ signals: z.nullable(pageSignalsSchema) }),
  reply: z.nullable(pageViewSchema),
});

/** "Dismiss for this request" on a warn banner (refused for danger). */
export const pageDismiss = message({
  type: 'page/dismiss',
  from: ['page'],
  request: z.strictObject({ requestKey }),
  reply: z.strictObject({ dismissed: z.boolean() }),
});

/** "Leave this page" on the banner: the background navigates the sender's tab away. */
export const pageLeave = message({
  type: 'page/leave',
  from: ['page'],
  request: z.strictObject({}),
  reply: z.strictObject({ left: z.boolean() }),
});

/** The thorough mode's scan saw a sign-in form or a fake address bar: the background starts the guard in the sender's frame. */
export const pageScanHit = message({
  type: 'page/scan-hit',
  from: ['page'],
  request: z.strictObject({}),
  reply: z.strictObject({ started: z.boolean() }),
});

/** "Trust this app" on a warn banner (refused for danger, blocks, and hosts that are not trusted). */
export const pageTrust = message({
  type: 'page/trust',
  from: ['page'],
  request: z.strictObject({ requestKey }),
  reply: z.strictObject({ trusted: z.boolean() }),
});

export type PageCheckRequest = ParsedRequest<typeof pageCheck>;
export type PageDismissRequest = ParsedRequest<typeof pageDismiss>;
export type PageTrustRequest = ParsedRequest<typeof pageTrust>;

export const PAGE_MESSAGES = [pageCheck, pageDismiss, pageLeave, pageScanHit, pageTrust] as const;

/**
 * Background → guard: the view to show, delivered with the guard's injection (src/platform/scripting.ts),
 * or null when the background starts the guard only to look. The guard checks it with this schema.
 */
export const guardShow = push({ type: 'guard/show', payload: z.nullable(pageViewSchema) });

export type { PageView, ViewFinding, ViewScope, ViewTier, ViewVerdict } from './page-view';
