/**
 * The full-page block (an extension page: no web_accessible_resources). Its URL carries only a short id;
 * the details come from the background, which keeps them in storage.session for this tab. Every string
 * from the blocked page's URL is rendered as a Preact text node.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { blockedContinue, blockedGet, blockedLeave, type BlockedDetails } from '../messaging/policy-messages';
import { send as sendToBackground, type Send } from '../messaging/send';
import { t } from '../platform/i18n';
import { ScopeList } from '../ui/ScopeList';
import { VERDICT_HEADLINE } from '../ui/tiers';

export interface BlockedPageProps {
  readonly id: string;
  readonly send?: Send;
}

type State = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; details: BlockedDetails };

const SEVERITY_LABEL = { danger: t('severityDanger'), warn: t('severityWarn'), info: t('severityInfo') } as const;

export function BlockedPage({ id, send = sendToBackground }: BlockedPageProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    send(blockedGet, { id })
      .then((reply) => setState(reply.ok ? { status: 'ready', details: reply.details } : { status: 'missing' }))
      .catch(() => setState({ status: 'missing' }));
  }, [id]);
  useEffect(() => heading.current?.focus(), [state.status]);

  const goBack = async (details: BlockedDetails | null) => {
    setBusy(true);
    await send(blockedLeave, { id }).catch(() => undefined);
    // Blocked before it loaded: the previous page is the history entry before this one.
    if (details && !details.committed && history.length > 1) history.back();
    else location.replace(details?.previousUrl ?? 'about:blank');
  };
  const continueAnyway = async () => {
    setBusy(true);
    const reply = await send(blockedContinue, { id }).catch(() => null);
    if (!reply?.ok) setBusy(false);
  };

  if (state.status === 'loading') return <main aria-busy="true">{t('blockedLoading')}</main>;
  if (state.status === 'missing') {
    return (
      <main class="cg-blocked">
        <h1 ref={heading} tabIndex={-1}>
          {t('blockedMissingTitle')}
        </h1>
        <p>{t('blockedMissingBody')}</p>
        <div class="cg-actions">
          <button type="button" class="cg-primary" onClick={() => void goBack(null)}>
            {t('goBack')}
          </button>
        </div>
      </main>
    );
  }

  const { details } = state;
  const { view } = details;
  const who = details.companyName ?? t('yourOrganization');
  const forbidden = view.decision?.forbiddenScopes ?? [];
  return (
    <main class="cg-blocked" data-verdict={view.verdict}>
      <h1 ref={heading} tabIndex={-1}>
        {t('blockedTitle', who)}
      </h1>
      <p>
        {`${t('blockedStopped')} `}
        <strong>{view.host.unicode}</strong>
        {view.host.unicode !== view.host.name ? ` ${t('hostReally', view.host.name)}` : ''}
        {!view.host.trusted && view.host.imitates ? t('hostImitates', view.host.imitates) : ''}: {VERDICT_HEADLINE[view.verdict]}.
      </p>
      <p class="cg-muted">{t('blockedSetByOrganization')}</p>
      {view.decision?.branding?.message ? (
        <p class="cg-org-message" data-org-message>
          <strong>{t('brandingMessageFrom', who)}</strong> {view.decision.branding.message}
        </p>
      ) : null}

      <h2>{t('blockedWhy')}</h2>
      <ul class="cg-findings">
        {(view.decision?.notes ?? []).map((note) => (
          <li key={note} data-note>
            {note}
          </li>
        ))}
        {view.findings.map((finding) => (
          <li key={finding.id} data-finding={finding.id}>
            <strong>{SEVERITY_LABEL[finding.severity]}: </strong>
            {finding.message}
          </li>
        ))}
      </ul>
      {forbidden.length > 0 ? (
        <p data-forbidden>
          {t('blockedNotAllowed', who)} {forbidden.map((scope, index) => [index > 0 ? ', ' : '', <code key={scope}>{scope}</code>])}
        </p>
      ) : null}
      {view.clientId ? (
        <p>
          {t('blockedClientId')} <code>{view.clientId}</code>
        </p>
      ) : null}
      {view.scopes.length > 0 ? (
        <>
          <h2>{t('blockedAskedFor')}</h2>
          <ScopeList scopes={view.scopes} includes={view.includes} />
        </>
      ) : null}

      <div class="cg-actions">
        <button type="button" class="cg-primary" disabled={busy} onClick={() => void goBack(details)}>
          {t('goBack')}
        </button>
        {details.reportLink ? (
          <a class="cg-link-button" href={details.reportLink} target="_blank" rel="noopener noreferrer">
            {t('reportToAdmin')}
          </a>
        ) : null}
        {details.helpUrl ? (
          <a class="cg-link-button" href={details.helpUrl} target="_blank" rel="noopener noreferrer">
            {t('helpFrom', who)}
          </a>
        ) : null}
        {details.canOverride ? (
          <button type="button" disabled={busy} onClick={() => void continueAnyway()}>
            {t('continueAnyway')}
          </button>
        ) : null}
      </div>
    </main>
  );
}
