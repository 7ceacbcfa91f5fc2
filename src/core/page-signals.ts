import type { AddFinding } from './analyze';
import { assessHost, type HostAssessment } from './host-assessment';
import { text } from './text';
import type { PageSignals } from './types';

/** Findings from what the content script saw on the page. Page-controlled input: it only ever adds warnings. */
export function addSignalFindings(add: AddFinding, signals: PageSignals, host: HostAssessment, isAuthorizationContext: boolean): void {
  const isForeignHost = host.kind === 'other' || host.kind === 'ip' || host.kind === 'lookalike';
  if (signals.showsMicrosoftBranding && isForeignHost) {
    add('microsoft-branding-off-host', 'danger', text('finding_microsoft_branding_off_host', host.unicode));
  }
  if (!signals.isTopFrame && isAuthorizationContext) {
    add('framed-consent-page', 'warn', text('finding_framed_consent_page'));
  }
  if (!isAuthorizationContext && !signals.showsMicrosoftBranding) return;
  for (const action of signals.formActions) {
    let target: URL;
    try {
      target = new URL(action);
    } catch {
      continue;
    }
    if (target.protocol === 'http:') {
      add('form-posts-insecurely', 'danger', text('finding_form_posts_insecurely', target.host));
      return;
    }
    const targetKind = assessHost(target.hostname).kind;
    if (target.protocol === 'https:' && targetKind !== 'trusted' && targetKind !== 'proxy' && targetKind !== 'microsoft') {
      add('form-posts-off-host', 'danger', text('finding_form_posts_off_host', target.hostname));
      return;
    }
  }
}
