/**
 * "Approved in this browser": the consents Consent Guard saw approved in this browser (kept on this device,
 * never sent anywhere), beside the API's list, each with the way to revoke it: the API for Azure DevOps
 * OAuth, My Apps or the Microsoft account page for Microsoft Entra ID. Page-controlled text (the app name
 * and publisher the consent page showed) is rendered as text only.
 */
import { consentAccountKind } from '../manager/consent-account';
import type { AuthorizationView, TierOrUnknown } from '../manager/model';
import { tierRank } from '../manager/model';
import { ENTRA_MY_APPS_URL, PERSONAL_ACCOUNT_CONSENTS_URL } from '../manager/settings';
import { formatDateTime, t } from '../platform/i18n';
import type { ConsentRecord } from '../messaging/manager-messages';
import { TIER_LABEL, TierBadge } from './GrantedScopes';

interface Props {
  readonly records: readonly ConsentRecord[];
  /** The API's list as loaded: an Azure DevOps OAuth consent is revoked through the rows for its client id. */
  readonly views: readonly AuthorizationView[];
  /** Whether the API's list is on screen: until it is, nothing can be said about what Azure DevOps lists. */
  readonly listLoaded: boolean;
  readonly busy: boolean;
  readonly onRevoke: (ids: string[]) => void;
  readonly onForget: () => void;
  /** Offered here only when the API's list (with its own export buttons) is not on screen. */
  readonly onExport: ((format: 'json' | 'csv') => void) | null;
}

export function highestTier(record: ConsentRecord): TierOrUnknown {
  let tier: TierOrUnknown = 'low';
  for (const scope of record.scopes) if (tierRank(scope.tier) > tierRank(tier)) tier = scope.tier;
  return record.scopes.length === 0 ? 'unknown' : tier;
}

const VERDICT_KEY = { ok: 'consentVerdictOk', warn: 'consentVerdictWarn', danger: 'consentVerdictDanger', none: 'consentVerdictNone' } as const;
const external = { target: '_blank', rel: 'noopener noreferrer' } as const;

function appName(record: ConsentRecord): string {
  return record.appName ?? (record.clientId ? t('consentUnnamedWithClient', record.clientId) : t('managerUnnamedApp'));
}

export function ConsentInventory({ records, views, listLoaded, busy, onRevoke, onForget, onExport }: Props) {
  const approved = records.filter((record) => record.outcome === 'approved');
  const others = records.filter((record) => record.outcome !== 'approved');
  return (
    <section class="consents" aria-labelledby="consents-title">
      <h2 id="consents-title" tabIndex={-1}>
        {t('consentTitle')}
      </h2>
      <p class="muted">{t('consentIntro')}</p>
      {approved.length === 0 ? (
        <p class="muted">{t('consentNoneYet')}</p>
      ) : (
        <ul class="consent-list" aria-label={t('consentTitle')}>
          {approved.map((record) => (
            <ApprovedConsent key={record.id} record={record} views={views} listLoaded={listLoaded} busy={busy} onRevoke={onRevoke} />
          ))}
        </ul>
      )}
      {others.length > 0 ? (
        <details class="consent-others">
          <summary>{t('consentOthersSummary', String(others.length))}</summary>
          <ul class="consent-list">
            {others.map((record) => (
              <li key={record.id} data-consent-id={record.id} data-outcome={record.outcome} class="consent">
                <strong class="wrap">{appName(record)}</strong>{' '}
                <span class="flag">{t(record.outcome === 'declined' ? 'consentOutcomeDeclined' : 'consentOutcomeAbandoned')}</span>
                <div class="meta">{formatDateTime(record.endedAt)}</div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {records.length > 0 || onExport ? (
        <div class="actions">
          {onExport && approved.length > 0 ? (
            <>
              <button type="button" onClick={() => onExport('json')}>
                {t('exportJson')}
              </button>
              <button type="button" onClick={() => onExport('csv')}>
                {t('exportCsv')}
              </button>
            </>
          ) : null}
          {records.length > 0 ? (
            <button type="button" onClick={onForget}>
              {t('consentForget')}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ApprovedConsent({
  record,
  views,
  listLoaded,
  busy,
  onRevoke,
}: {
  record: ConsentRecord;
  views: readonly AuthorizationView[];
  listLoaded: boolean;
  busy: boolean;
  onRevoke: (ids: string[]) => void;
}) {
  const name = appName(record);
  const account = consentAccountKind(record);
  const listed = account === 'azure-devops' && record.clientId ? views.filter((view) => view.clientId?.toLowerCase() === record.clientId) : [];
  const titleId = `consent-${record.id}`;
  return (
    <li class={`consent tier-edge-${highestTier(record)}`} data-consent-id={record.id} data-outcome="approved" aria-labelledby={titleId}>
      <h3 id={titleId}>{name}</h3>
      <p class="badges">
        <TierBadge tier={highestTier(record)} />
        <span class="flag">{t(record.kind === 'entra' ? 'consentKindEntra' : 'consentKindAzureDevOps')}</span>
        <span class={`flag verdict-${record.verdict}`}>{t(VERDICT_KEY[record.verdict])}</span>
      </p>
      <p class="meta">{record.publisher ? t('consentPublisherClaimed', record.publisher) : t('consentPublisherNone')}</p>
      <p class="meta">{t('consentClientId', record.clientId ?? t('consentNoClientId'))}</p>
      {record.scopes.length > 0 ? (
        <p class="scopes-inline" aria-label={t('consentScopesLabel')}>
          {/* The risk in words as well as in the edge's colour. */}
          {record.scopes.map((scope) => (
            <span key={scope.id} class={`chip tier-edge-${scope.tier}`}>
              <code>{scope.id}</code> <span class="chip-tier">{TIER_LABEL[scope.tier]}</span>
            </span>
          ))}
        </p>
      ) : null}
      <p class="meta">
        {t('consentApprovedOn', formatDateTime(record.endedAt))}
        {record.redirectHost ? ` · ${t('consentRedirectHost', record.redirectHost)}` : ''}
      </p>
      <div class="consent-revoke">
        {account === 'azure-devops' ? (
          listed.length > 0 ? (
            <button
              type="button"
              class="danger"
              disabled={busy}
              aria-label={t('consentRevokeApiOf', name)}
              onClick={() => onRevoke(listed.map((view) => view.id))}
            >
              {t('consentRevokeApi')}
            </button>
          ) : listLoaded ? (
            <p class="muted">{t('consentNotListed')}</p>
          ) : (
            <p class="muted">{t('consentSignInToRevoke')}</p>
          )
        ) : null}
        {account === 'work' || account === 'either' ? (
          <a href={ENTRA_MY_APPS_URL} {...external} aria-label={t('consentRevokeMyAppsOf', name)}>
            {t('consentRevokeMyApps')}
          </a>
        ) : null}
        {account === 'personal' || account === 'either' ? (
          <a href={PERSONAL_ACCOUNT_CONSENTS_URL} {...external} aria-label={t('consentRevokePersonalOf', name)}>
            {t('consentRevokePersonal')}
          </a>
        ) : null}
      </div>
    </li>
  );
}
