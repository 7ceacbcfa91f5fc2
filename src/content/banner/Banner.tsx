/**
 * The in-page warning for warn and danger verdicts. Every string from the page or the URL is rendered
 * as a Preact text node: never as HTML.
 */
import { useState } from 'preact/hooks';
import type { PageView, ViewFinding } from '../../messaging/page-view';
import { t } from '../../platform/i18n';
import { ScopeList } from '../../ui/ScopeList';
import { VERDICT_HEADLINE } from '../../ui/tiers';

export interface BannerProps {
  readonly view: PageView;
  readonly onLeave: () => void;
  /** Only called for warn: danger is never dismissible. */
  readonly onDismiss: () => void;
  /** "Trust this app": only offered for warn with a client id on a trusted host (the background checks again). */
  readonly onTrust?: () => void;
}

const SEVERITY_LABEL: Record<ViewFinding['severity'], string> = { danger: t('severityDanger'), warn: t('severityWarn'), info: t('severityInfo') };

export function Banner({ view, onLeave, onDismiss, onTrust }: BannerProps) {
  const [expanded, setExpanded] = useState(true);
  const danger = view.verdict === 'danger';
  const kind = danger ? 'danger' : 'warn';
  const { appName, publisher } = view.pageClaims;
  const canTrust = !danger && onTrust !== undefined && Boolean(view.clientId) && view.host.trusted && view.decision?.action !== 'block';
  // Only trusted clicks and key presses: a page script cannot press these buttons for the user.
  const trusted = (action: () => void) => (event: Event) => {
    if (event.isTrusted) action();
  };
  return (
    <div class={`cg-banner cg-${kind}`} lang={t('messagesLanguage')} role="alert" aria-labelledby="cg-title" data-verdict={view.verdict}>
      <div class="cg-head">
        <span class="cg-icon" aria-hidden="true">
          {danger ? '✕' : '!'}
        </span>
        <div class="cg-head-text">
          <h2 id="cg-title" class="cg-title">
            Consent Guard: {VERDICT_HEADLINE[view.verdict]}
          </h2>
          <p class="cg-host">
            {`${view.host.trusted ? t('hostOnTrusted') : view.host.local ? t('hostLocalFile') : t('hostOnOther')} `}
            <strong class="cg-hostname">{view.host.unicode}</strong>
            {view.host.unicode !== view.host.name ? ` ${t('hostReally', view.host.name)}` : ''}
            {!view.host.trusted && view.host.imitates ? t('hostImitates', view.host.imitates) : ''}.
          </p>
        </div>
      </div>
      {view.decision?.branding?.message || view.decision?.branding?.supportUrl ? (
        // The organization's own words (policy): text nodes and an https link the policy parser checked.
        <p class="cg-note" data-org-message>
          {view.decision.branding.message ? (
            <>
              <strong>{t('brandingMessageFrom', view.decision.branding.organization ?? t('yourOrganization'))}</strong> {view.decision.branding.message}{' '}
            </>
          ) : null}
          {view.decision.branding.supportUrl?.startsWith('https://') ? (
            <a href={view.decision.branding.supportUrl} target="_blank" rel="noopener noreferrer">
              {t('helpFrom', view.decision.branding.organization ?? t('yourOrganization'))}
            </a>
          ) : null}
        </p>
      ) : null}
      {/* The choices come first: the details below scroll, the buttons never leave the screen. */}
      <div class="cg-actions">
        <button type="button" class="cg-button cg-primary" onClick={trusted(onLeave)}>
          {t('leavePage')}
        </button>
        {danger ? null : (
          <button type="button" class="cg-button" onClick={trusted(onDismiss)}>
            {t('dismissRequest')}
          </button>
        )}
        {canTrust ? (
          <button type="button" class="cg-button" onClick={trusted(() => onTrust?.())}>
            {t('trustApp')}
          </button>
        ) : null}
        <button type="button" class="cg-button cg-quiet" aria-expanded={expanded} aria-controls="cg-details" onClick={() => setExpanded(!expanded)}>
          {expanded ? t('hideDetails') : t('showDetails')}
        </button>
      </div>
      {expanded ? (
        <div class="cg-body" id="cg-details">
          <h3 class="cg-section">{t('bannerWhy')}</h3>
          <ul class="cg-findings">
            {view.findings.map((finding) => (
              <li key={finding.id} class={`cg-finding cg-sev-${finding.severity}`} data-finding={finding.id}>
                <span class="cg-sev">{SEVERITY_LABEL[finding.severity]}: </span>
                {finding.message}
              </li>
            ))}
          </ul>
          {appName || publisher ? (
            <p class="cg-claims">
              {`${t('bannerClaimApp')} `}
              {appName ? <q>{appName}</q> : t('bannerClaimUnnamed')}
              {publisher ? (
                <>
                  {`${t('bannerClaimPublisher')} `}
                  <q>{publisher}</q>
                </>
              ) : null}
              {t('bannerClaimWarning')}
            </p>
          ) : null}
          {view.scopes.length > 0 ? (
            <>
              <h3 class="cg-section">{t('bannerAsks')}</h3>
              {view.fromTrackedFlow ? <p class="cg-note">{t('bannerFromFlow')}</p> : null}
              <ScopeList scopes={view.scopes} includes={view.includes} />
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
