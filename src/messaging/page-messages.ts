import { z } from 'zod';
import { BRANDING_CUES } from '../core/branding';
import type { BrandingCue } from '../core/types';
import type { PageView } from './page-view';

/**
 * Consent-page guard messages (owned by the consent-page guard). Each request schema is a strict
 * z.object with a literal `type`; the background router checks the sender first, then parses.
 *
 * The content script never imports zod (it has to stay tiny on every page): it imports only the
 * types below, which disappear at build time.
 */

const text = (max: number) => z.string().max(max);

const pageAsk = z.enum(['credentials', 'consent', 'nothing']);

/** What the content script saw. Page-controlled: it only ever adds warnings. */
export const pageSignalsSchema = z.strictObject({
  isTopFrame: z.boolean(),
  isSecureContext: z.boolean(),
  /** Each form's target and what it asks for (a hand-off of a token asks nothing). */
  forms: z.array(z.strictObject({ action: text(4096), asks: pageAsk })).max(32),
  asks: pageAsk,
  /** The branding cues that fired (src/core/branding.ts weighs them). */
  brandingCues: z.array(z.enum(BRANDING_CUES as [BrandingCue, ...BrandingCue[]])).max(BRANDING_CUES.length),
  /** The app name and publisher the page displays (shown to the user as plain text, never trusted). */
  appName: text(200).nullable(),
  publisher: text(200).nullable(),
});
export type ContentSignals = z.infer<typeof pageSignalsSchema>;

export const REQUEST_KEY_PATTERN = /^[0-9a-f]{16}$/;

export const pageRequestSchemas = [
  /** The content script asks for the verdict on its own frame. The URL, tab and frame come from the sender, never from here. */
  z.strictObject({ type: z.literal('page/check'), signals: pageSignalsSchema.nullable() }),
  /** "Dismiss for this request" on a warn banner (refused for danger). */
  z.strictObject({ type: z.literal('page/dismiss'), requestKey: z.string().regex(REQUEST_KEY_PATTERN) }),
  /** "Leave this page" on the banner. */
  z.strictObject({ type: z.literal('page/leave') }),
  /** The thorough mode's page scan saw a sign-in form or a fake address bar: the background starts the guard in the sender's tab and frame (from `sender`). */
  z.strictObject({ type: z.literal('page/scan-hit') }),
  /** "Trust this app" on a warn banner (refused for danger, blocks, and hosts that are not trusted). */
  z.strictObject({ type: z.literal('page/trust'), requestKey: z.string().regex(REQUEST_KEY_PATTERN) }),
] as const;

export type PageCheckRequest = z.infer<(typeof pageRequestSchemas)[0]>;
export type PageDismissRequest = z.infer<(typeof pageRequestSchemas)[1]>;
export type PageLeaveRequest = z.infer<(typeof pageRequestSchemas)[2]>;
export type PageScanHitRequest = z.infer<(typeof pageRequestSchemas)[3]>;
export type PageTrustRequest = z.infer<(typeof pageRequestSchemas)[4]>;

/** Extension pages → background, about the guard (the router accepts them only from our own pages). */
export const guardExtensionRequestSchemas = [
  /** The popup asks for a tab's verdict (it never reads the background's storage). */
  z.strictObject({ type: z.literal('popup/tab-verdict'), tabId: z.number().int().min(0) }),
  /** The options page turns the thorough mode (look at every page's DOM) on or off for this user. */
  z.strictObject({ type: z.literal('options/scan-every-page'), enabled: z.boolean() }),
] as const;

/** The reply to `popup/tab-verdict`: the worst verdict of the tab's top frame and its frames. */
export interface TabVerdictResponse {
  readonly view: PageView | null;
}

export type { PageView, ViewFinding, ViewScope, ViewTier, ViewVerdict } from './page-view';
