/**
 * The verdict for a link, before anyone opens it: the page the context menu opens. Everything shown comes
 * from the link (attacker-controlled) and is rendered as Preact text nodes, never as markup.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { linkCheck, type LinkCheckReply } from '../messaging/link-messages';
import type { ViewVerdict } from '../messaging/page-view';
import { t, type MessageKey } from '../platform/i18n';
import { send as sendToBackground, type Send } from '../messaging/send';
import { ScopeList } from '../ui/ScopeList';

export interface LinkCheckProps {
  readonly request: { readonly link: string } | { readonly text: string };
  readonly send?: Send;
  readonly copy?: (text: string) => Promise<void>;
}

type State = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; reply: LinkCheckReply };

const HEADLINE: Record<ViewVerdict, MessageKey> = {
  danger: 'linkCheckVerdictDanger',
  warn: 'linkCheckVerdictWarn',
  ok: 'linkCheckVerdictOk',
  none: 'linkCheckVerdictNone',
};

const NOT_CHECKED: Record<Extract<LinkCheckReply, { ok: false }>['reason'], MessageKey> = {
  empty: 'linkCheckEmpty',
  'no-link': 'linkCheckNoLink',
  'not-web': 'linkCheckNotWeb',
};

const SEVERITY_LABEL = { danger: t('severityDanger'), warn: t('severityWarn'), info: t('severityInfo') } as const;

const copyToClipboard = (text: string) => navigator.clipboard.writeText(text);

export function LinkCheck({ request, send = sendToBackground, copy = copyToClipboard }: LinkCheckProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    send(linkCheck, request)
      .then((reply) => setState({ status: 'ready', reply }))
      .catch(() => setState({ status: 'failed' }));
  }, []);
  useEffect(() => heading.current?.focus(), [state.status]);

  if (state.status === 'loading') return <main aria-busy="true">{t('linkCheckLoading')}</main>;
  if (state.status === 'failed' || !state.reply.ok) {
    const reason = state.status === 'ready' && !state.reply.ok ? NOT_CHECKED[state.reply.reason] : 'linkCheckNotWeb';
    return (
      <main class="cg-link-check" data-verdict="none">
        <h1 ref={heading} tabIndex={-1}>
          {t('linkCheckHeading')}
        </h1>
        <p role="status" data-link-check-message>
          {t(reason)}
        </p>
      </main>
    );
  }

  const { view, link, refanged, wrappers, inner, report, reportLink } = state.reply;
  const onCopy = () => {
    copy(report).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <main class="cg-link-check" data-verdict={view.verdict}>
      <h1 ref={heading} tabIndex={-1} data-link-check-verdict={view.verdict}>
        {t(HEADLINE[view.verdict])}
      </h1>
      <p class="cg-muted">{t('linkCheckNotOpened')}</p>
      <dl class="cg-facts">
        <dt>{t('linkCheckAddress')}</dt>
        <dd>
          <code data-link-check-link>{link}</code>
          {refanged ? <p class="cg-muted">{t('linkCheckRefanged')}</p> : null}
        </dd>
        {inner !== null ? (
          <>
            <dt>{t('linkReportWrappers')}</dt>
            <dd data-link-check-wrappers>
              <p>{t('linkCheckWrapped', wrappers.join(' → '))}</p>
              <code data-link-check-inner>{inner}</code>
            </dd>
          </>
        ) : null}
        <dt>{t('linkCheckHost')}</dt>
        <dd data-link-check-host>
          {view.host.unicode === view.host.name ? view.host.name : `${view.host.unicode} (${view.host.name})`}
          {` ${view.host.trusted ? t('popupHostTrusted') : t('popupHostUntrusted')}`}
          {view.host.imitates ? <strong data-link-check-imitates>{` ${t('linkCheckImitates', view.host.imitates)}`}</strong> : null}
        </dd>
        {view.clientId ? (
          <>
            <dt>{t('linkCheckClientId')}</dt>
            <dd>
              <code data-link-check-client>{view.clientId}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {view.findings.length > 0 ? (
        <section aria-labelledby="cg-findings-heading">
          <h2 id="cg-findings-heading">{t('linkCheckFindings')}</h2>
          <ul class="cg-findings">
            {view.findings.map((finding) => (
              <li key={finding.id} data-finding={finding.id}>
                <span class="cg-badge">{SEVERITY_LABEL[finding.severity]}</span> {finding.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.scopes.length > 0 ? (
        <section aria-labelledby="cg-scopes-heading">
          <h2 id="cg-scopes-heading">{t('linkCheckScopes')}</h2>
          <ScopeList scopes={view.scopes} includes={view.includes} />
        </section>
      ) : null}
      <div class="cg-actions">
        <button type="button" class="cg-primary" onClick={onCopy}>
          {t('linkCheckCopy')}
        </button>
        {reportLink ? (
          <a class="cg-link-button" href={reportLink} target="_blank" rel="noopener noreferrer">
            {t('reportToAdmin')}
          </a>
        ) : null}
      </div>
      <p role="status" aria-live="polite">
        {copied === 'yes' ? t('linkCheckCopied') : copied === 'failed' ? t('linkCheckCopyFailed') : ''}
      </p>
      <label for="cg-report" class="cg-label">
        {t('linkCheckReportLabel')}
      </label>
      <textarea id="cg-report" class="cg-report" readOnly value={report} data-link-check-report />
    </main>
  );
}
