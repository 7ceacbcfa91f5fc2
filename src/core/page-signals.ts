import type { AddFinding } from './analyze';
import { weighBranding } from './branding';
import { assessHost, type HostAssessment } from './host-assessment';
import { text, type Text, type TextArg, type TextKey } from './text';
import type { BrandingCue, FormSignal, PageAsk, PageSignals } from './types';

/** A page that shows nothing yet (a frame that has not reported, an early check before the DOM). */
export const NO_PAGE_SIGNALS: PageSignals = { isTopFrame: true, forms: [], asks: 'nothing', brandingCues: [] };

const CUE_TEXT: Record<BrandingCue, TextKey> = {
  'brand-title': 'findingCue_brandTitle',
  'brand-logo': 'findingCue_brandLogo',
  'brand-heading': 'findingCue_brandHeading',
  'sign-in-address-bar': 'findingCue_signInAddressBar',
  'microsoft-title': 'findingCue_microsoftTitle',
  'microsoft-assets': 'findingCue_microsoftAssets',
  'sign-in-markup': 'findingCue_signInMarkup',
  'sign-in-wording': 'findingCue_signInWording',
  'consent-wording': 'findingCue_consentWording',
};

const ASK_TEXT: Record<Exclude<PageAsk, 'nothing'>, TextKey> = {
  credentials: 'findingAsk_credentials',
  consent: 'findingAsk_consent',
};

/**
 * Findings from what the content script saw on the page. Page-controlled input: it only ever adds warnings.
 * - `microsoft-branding-off-host`: the page presents itself as Microsoft's (src/core/branding.ts) on a host
 *   that is not Microsoft's; the message names the cues that made it so.
 * - `form-posts-insecurely` / `form-posts-off-host`: a form that asks for a password or an approval sends it
 *   over http or to another site. Only where that matters: an authorization page, or a page imitating
 *   Microsoft. Never for a hand-off (hidden fields carrying an id_token, code, SAMLResponse or wresult
 *   to the relying party: how every sign-in ends), never for a form posting to the page's own site.
 * - `framed-consent-page`: an authorization page that asks for something, shown inside another page.
 */
export function addSignalFindings(add: AddFinding, signals: PageSignals, host: HostAssessment, isAuthorizationContext: boolean): void {
  const isForeignHost = host.kind === 'other' || host.kind === 'ip' || host.kind === 'lookalike';
  const branding = weighBranding(signals.brandingCues, signals.asks);
  if (branding.imitatesMicrosoft && isForeignHost) {
    add('microsoft-branding-off-host', 'danger', text('finding_microsoft_branding_off_host', host.unicode, listCues(branding.cues)));
  }
  if (!signals.isTopFrame && isAuthorizationContext && signals.asks !== 'nothing') {
    add('framed-consent-page', 'warn', text('finding_framed_consent_page'));
  }
  if (!isAuthorizationContext && !branding.imitatesMicrosoft) return;
  addFormFinding(add, signals.forms, host);
}

/** A document opened from a file on this computer has no host: every site its forms post to is another one. */
const NO_HOST: HostAssessment = { name: '', unicode: '', registrableDomain: null, kind: 'other' };

/**
 * Findings for a document opened from a file (src/core/local-file.ts). Microsoft signs no one in and asks no
 * approval from a file, so one that presents itself as Microsoft's and asks for something is a phishing page:
 * `microsoft-branding-local-file`, and where its form sends what it asks.
 */
export function addLocalFileSignalFindings(add: AddFinding, signals: PageSignals, fileName: string): void {
  const branding = weighBranding(signals.brandingCues, signals.asks);
  if (!branding.imitatesMicrosoft) return;
  add('microsoft-branding-local-file', 'danger', text('finding_microsoft_branding_local_file', fileName, listCues(branding.cues)));
  addFormFinding(add, signals.forms, NO_HOST);
}

/** The first form that sends a password or an approval insecurely or off the page's site. */
function addFormFinding(add: AddFinding, forms: readonly FormSignal[], host: HostAssessment): void {
  for (const form of forms) {
    const finding = formFinding(form, host);
    if (finding) {
      add(finding.id, 'danger', finding.text);
      return;
    }
  }
}

function formFinding(form: FormSignal, host: HostAssessment): { id: string; text: Text } | null {
  if (form.asks === 'nothing') return null;
  let target: URL;
  try {
    target = new URL(form.action);
  } catch {
    return null;
  }
  const asks = text(ASK_TEXT[form.asks]);
  if (target.protocol === 'http:') return { id: 'form-posts-insecurely', text: text('finding_form_posts_insecurely', target.host, asks) };
  if (target.protocol !== 'https:') return null;
  const targetHost = assessHost(target.hostname);
  if (targetHost.kind === 'trusted' || targetHost.kind === 'proxy' || targetHost.kind === 'microsoft') return null;
  // The page's own site (its host, or another host of the same registrable domain) is not "off host".
  if (targetHost.name === host.name || (targetHost.registrableDomain !== null && targetHost.registrableDomain === host.registrableDomain)) return null;
  return { id: 'form-posts-off-host', text: text('finding_form_posts_off_host', target.hostname, asks) };
}

function listCues(cues: readonly BrandingCue[]): TextArg {
  return cues.map((cue) => text(CUE_TEXT[cue])).reduceRight<TextArg | null>((rest, cue) => (rest === null ? cue : text('listPair', cue, rest)), null) ?? '';
}
