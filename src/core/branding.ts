/**
 * When does a page present itself AS Microsoft's sign-in or Azure DevOps' approval page? The content
 * script reports which cues fired (src/content/signals.ts); this module weighs them, in one place, so a
 * verdict can be traced to the cues behind it. Pure and tiny: the content script imports it too.
 *
 * Two kinds of cue:
 * - identity: the page says it is Microsoft's (the brand as the title's site name, Microsoft's or Azure
 *   DevOps' logo, a heading naming the brand as the page or the account being signed in to, a drawn
 *   browser window whose address bar shows Microsoft's sign-in host over the sign-in form: browser-in-the-browser);
 * - look: the page copies how Microsoft's pages look (their exact titles, assets hotlinked from
 *   Microsoft's sign-in servers, the ids of the sign-in form's fields, their wording).
 * Entra External ID and B2C tenants legitimately render Microsoft's sign-in page with their own logo and
 * name (look cues, no identity), and pages that merely name Microsoft (another provider's consent screen
 * for a Microsoft app, "Sign in with Microsoft" buttons, tutorials) rarely reach the threshold. So a page
 * imitates Microsoft only with at least one identity cue and a total weight of at least the threshold.
 */
import type { BrandingCue, PageAsk } from './types';

export const BRANDING_CUES: readonly BrandingCue[] = [
  'brand-title',
  'brand-logo',
  'brand-heading',
  'sign-in-address-bar',
  'microsoft-title',
  'microsoft-assets',
  'sign-in-markup',
  'sign-in-wording',
  'consent-wording',
];

export const IDENTITY_CUES: ReadonlySet<BrandingCue> = new Set(['brand-title', 'brand-logo', 'brand-heading', 'sign-in-address-bar']);

export const BRANDING_CUE_WEIGHTS: Readonly<Record<BrandingCue, number>> = {
  'brand-title': 2,
  'brand-logo': 2,
  'brand-heading': 2,
  'sign-in-address-bar': 2,
  'microsoft-title': 2,
  'microsoft-assets': 2,
  'sign-in-markup': 2,
  'sign-in-wording': 1,
  'consent-wording': 1,
};

/** Two strong cues, one of them identity: e.g. Microsoft's logo and Microsoft's sign-in title. */
export const BRANDING_THRESHOLD = 4;

export interface BrandingEvidence {
  /** The cues that fired, each once, in the order of BRANDING_CUES. */
  readonly cues: readonly BrandingCue[];
  readonly score: number;
  readonly hasIdentityCue: boolean;
  /** The page presents itself as Microsoft's and asks for something (a password, an approval). */
  readonly imitatesMicrosoft: boolean;
}

export function weighBranding(cues: readonly BrandingCue[], asks: PageAsk): BrandingEvidence {
  const fired = BRANDING_CUES.filter((cue) => cues.includes(cue));
  const score = fired.reduce((sum, cue) => sum + BRANDING_CUE_WEIGHTS[cue], 0);
  const hasIdentityCue = fired.some((cue) => IDENTITY_CUES.has(cue));
  // A page that asks for nothing cannot take anything: a page about Microsoft, a hand-off.
  return { cues: fired, score, hasIdentityCue, imitatesMicrosoft: hasIdentityCue && score >= BRANDING_THRESHOLD && asks !== 'nothing' };
}
