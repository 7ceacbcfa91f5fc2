/**
 * Settings and policy view: the organization's effective policy (and what of it was ignored), the user's
 * trusted apps and dismissals where policy does not fix them, and the local activity log with export.
 * Everything is read from and changed through the background (one writer for each storage key).
 */
import { useEffect, useState } from 'preact/hooks';
import { optionsClearActivity, optionsScanEveryPage, optionsState, optionsUndismiss, optionsUntrust, type OptionsState } from '../messaging/policy-messages';
import { send as sendToBackground, type Send } from '../messaging/send';
import { activityToCsv, activityToJson, type ActivityChoice, type ActivityEntry } from '../policy/activity';
import type { Action, ListedBy } from '../policy/decide';
import type { FeedError, FeedErrorCode } from '../policy/feed-store';
import type { ManagedPolicy } from '../policy/policy';
import { formatDateTime, formatNumber, t, type MessageKey } from '../platform/i18n';
import { downloadText } from '../ui/download';

export interface OptionsProps {
  readonly send?: Send;
  readonly download?: (filename: string, text: string, type: string) => void;
  readonly confirm?: (question: string) => boolean;
}

const POLICY_LABELS: Record<keyof ManagedPolicy, string> = {
  companyName: t('optionsPolicyCompanyName'),
  blockDanger: t('optionsPolicyBlockDanger'),
  allowOverride: t('optionsPolicyAllowOverride'),
  forbiddenScopes: t('optionsPolicyForbiddenScopes'),
  approvedClientIds: t('optionsPolicyApprovedClientIds'),
  approvedRedirectHosts: t('optionsPolicyApprovedRedirectHosts'),
  extraTrustedHosts: t('optionsPolicyExtraTrustedHosts'),
  helpUrl: t('optionsPolicyHelpUrl'),
  reportUrl: t('optionsPolicyReportUrl'),
  webhookUrl: t('optionsPolicyWebhookUrl'),
  scanEveryPage: t('optionsPolicyScanEveryPage'),
  blockedClientIds: t('optionsPolicyBlockedClientIds'),
  threatFeeds: t('optionsPolicyThreatFeeds'),
  threatFeedRefreshMinutes: t('optionsPolicyThreatFeedRefreshMinutes'),
  reportAllConsents: t('optionsPolicyReportAllConsents'),
  webhookFormat: t('optionsPolicyWebhookFormat'),
  splunkHecToken: t('optionsPolicySplunkHecToken'),
  webhookQueueSize: t('optionsPolicyWebhookQueueSize'),
  warningMessage: t('optionsPolicyWarningMessage'),
};

/** Never shown: whoever can open the options page must not learn the SIEM's token from it. */
const SECRET_KEYS: ReadonlySet<keyof ManagedPolicy> = new Set(['splunkHecToken']);

const FEED_ERROR: Record<FeedErrorCode, MessageKey> = {
  timeout: 'feedErrorTimeout',
  'too-large': 'feedErrorTooLarge',
  http: 'feedErrorHttp',
  redirected: 'feedErrorRedirected',
  'not-json': 'feedErrorNotJson',
  'wrong-shape': 'feedErrorWrongShape',
  network: 'feedErrorNetwork',
};

function feedError(error: FeedError): string {
  if (error.code === 'http') return t('feedErrorHttp', error.detail ?? '?');
  if (error.code === 'redirected' && error.detail) return `${t('feedErrorRedirected')} (${error.detail})`;
  return t(FEED_ERROR[error.code]);
}

const SOURCE_TEXT = {
  managed: t('optionsSourceManaged'),
  development: t('optionsSourceDevelopment'),
  none: t('optionsSourceNone'),
} as const;

const SHOWN_ENTRIES = 200;

// The log and its exports keep the raw values; the table says them in the user's language.
const VERDICT_LABEL: Record<ActivityEntry['verdict'], MessageKey> = { warn: 'activityVerdictWarn', danger: 'activityVerdictDanger' };
const ACTION_LABEL: Record<Action, MessageKey> = { none: 'activityActionNone', banner: 'activityActionBanner', block: 'activityActionBlock' };
const CHOICE_LABEL: Record<ActivityChoice, MessageKey> = {
  none: 'activityChoiceNone',
  dismissed: 'activityChoiceDismissed',
  trusted: 'activityChoiceTrusted',
  left: 'activityChoiceLeft',
  continued: 'activityChoiceContinued',
};

function formatValue(key: keyof ManagedPolicy, value: unknown): string {
  if (SECRET_KEYS.has(key)) return t('optionsSecretSet');
  if (key === 'blockedClientIds' && Array.isArray(value)) {
    const entries = value as { clientId: string; reason?: string }[];
    return entries.length === 0
      ? t('optionsEmptyValue')
      : entries.map((entry) => (entry.reason ? `${entry.clientId} (${entry.reason})` : entry.clientId)).join(', ');
  }
  if (Array.isArray(value)) return value.length === 0 ? t('optionsEmptyValue') : value.join(', ');
  if (typeof value === 'boolean') return value ? t('optionsYes') : t('optionsNo');
  return String(value);
}

/** What the options page says of files opened from this computer, by what the browser allows. */
const FILE_ACCESS_TEXT = { allowed: 'optionsFilesAllowed', off: 'optionsFilesOff', unavailable: 'optionsFilesUnavailable' } as const;

export function Options({ send = sendToBackground, download = downloadText, confirm = (question) => window.confirm(question) }: OptionsProps) {
  const [state, setState] = useState<OptionsState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const load = () =>
    send(optionsState)
      .then((reply) => {
        setState(reply);
        setError(null);
      })
      .catch(() => setError(t('optionsReadFailed')));
  useEffect(() => void load(), []);

  /** One of the options page's changes, then the page shown again as the background now has it. */
  const act = async (change: () => Promise<unknown>, done: string) => {
    await change().catch(() => undefined);
    await load();
    setStatus(done);
  };

  if (error)
    return (
      <main>
        <h1>{t('optionsTitle')}</h1>
        <p role="alert">{error}</p>
      </main>
    );
  if (!state)
    return (
      <main aria-busy="true">
        <h1>{t('optionsTitle')}</h1>
        <p>{t('optionsLoading')}</p>
      </main>
    );

  const { policy, problems, source, user, dismissals, activity, feeds = [], outbox = null, fileAccess } = state;
  const policyKeys = (Object.keys(POLICY_LABELS) as (keyof ManagedPolicy)[]).filter((key) => policy[key] !== undefined);
  const approved = policy.approvedClientIds ?? [];
  const recent = [...activity].reverse().slice(0, SHOWN_ENTRIES);
  const stamp = new Date().toISOString().slice(0, 10);

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <p class="cg-sr-only" role="status" aria-live="polite">
        {status}
      </p>

      <section aria-labelledby="policy-title" data-section="policy">
        <h2 id="policy-title">{t('optionsPolicyTitle')}</h2>
        <p data-policy-source={source}>{SOURCE_TEXT[source]}</p>
        {problems.length > 0 ? (
          <div role="alert">
            {problems.map((problem) => (
              <p key={problem.key} class="cg-problem" data-problem={problem.key}>
                {t('optionsProblemIgnored')} <code>{problem.key}</code>: {problem.message}
              </p>
            ))}
          </div>
        ) : null}
        {policyKeys.length > 0 ? (
          <table>
            <caption>{t('optionsPolicyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('optionsSetting')}</th>
                <th scope="col">{t('optionsValue')}</th>
              </tr>
            </thead>
            <tbody>
              {policyKeys.map((key) => (
                <tr key={key} data-policy-key={key}>
                  <th scope="row">{POLICY_LABELS[key]}</th>
                  <td>
                    <code>{formatValue(key, policy[key])}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section aria-labelledby="scan-title" data-section="scan-every-page">
        <h2 id="scan-title">{t('optionsScanTitle')}</h2>
        <p class="cg-muted">{t('optionsScanBody')}</p>
        <label>
          <input
            type="checkbox"
            data-scan-every-page
            aria-label={t('optionsScanLabel')}
            checked={policy.scanEveryPage ?? user.scanEveryPage ?? false}
            disabled={policy.scanEveryPage !== undefined}
            onChange={(event) => void act(() => send(optionsScanEveryPage, { enabled: (event.target as HTMLInputElement).checked }), t('optionsScanSaved'))}
          />{' '}
          {t('optionsScanLabel')}
        </label>
        {policy.scanEveryPage !== undefined ? <p class="cg-muted">{t('optionsScanManaged')}</p> : null}
      </section>

      {fileAccess ? (
        <section aria-labelledby="files-title" data-section="local-files" data-file-access={fileAccess}>
          <h2 id="files-title">{t('optionsFilesTitle')}</h2>
          <p>{t(FILE_ACCESS_TEXT[fileAccess])}</p>
        </section>
      ) : null}

      <section aria-labelledby="feeds-title" data-section="feeds">
        <h2 id="feeds-title">{t('optionsFeedsTitle')}</h2>
        <p class="cg-muted">{t('optionsFeedsBody')}</p>
        {feeds.length === 0 ? (
          <p>{t('optionsFeedsNone')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('optionsFeedColFeed')}</th>
                <th scope="col">{t('optionsFeedColFetched')}</th>
                <th scope="col">{t('optionsFeedColEntries')}</th>
                <th scope="col">{t('optionsFeedColError')}</th>
              </tr>
            </thead>
            <tbody>
              {feeds.map((feed) => (
                <tr key={feed.url} data-feed={feed.url}>
                  <th scope="row">
                    {feed.name}
                    <br />
                    <code>{feed.url}</code>
                  </th>
                  <td data-feed-fetched={feed.lastFetched ?? ''}>{feed.lastFetched === null ? t('optionsFeedNever') : formatDateTime(feed.lastFetched)}</td>
                  <td data-feed-entries={feed.counts.apps + feed.counts.redirectHosts + feed.counts.lookalikeHosts}>
                    {t('optionsFeedEntries', formatNumber(feed.counts.apps), formatNumber(feed.counts.redirectHosts), formatNumber(feed.counts.lookalikeHosts))}
                    {feed.skipped > 0 ? (
                      <>
                        <br />
                        {t('optionsFeedSkipped', formatNumber(feed.skipped))}
                      </>
                    ) : null}
                  </td>
                  <td data-feed-error={feed.lastError?.code ?? ''}>
                    {feed.lastError
                      ? `${feedError(feed.lastError)}${feed.lastAttempt !== null ? ` (${formatDateTime(feed.lastAttempt)})` : ''}`
                      : t('optionsFeedNoError')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="trusted-title" data-section="trusted">
        <h2 id="trusted-title">{t('optionsTrustedTitle')}</h2>
        <p class="cg-muted">{t('optionsTrustedBody')}</p>
        {approved.length === 0 && user.trustedClientIds.length === 0 ? <p>{t('optionsNoTrusted')}</p> : null}
        <ul>
          {approved.map((id) => (
            <li key={`policy-${id}`} data-trusted={id} data-by="policy">
              <code>{id}</code> <span class="cg-badge">{t('optionsSetByOrganization')}</span>
            </li>
          ))}
          {user.trustedClientIds
            .filter((id) => !approved.includes(id))
            .map((id) => (
              <li key={id} data-trusted={id} data-by="user">
                <code>{id}</code>{' '}
                <button
                  type="button"
                  aria-label={t('optionsStopTrusting', id)}
                  onClick={() => void act(() => send(optionsUntrust, { clientId: id }), t('optionsNoLongerTrusting', id))}
                >
                  {t('optionsRemove')}
                </button>
              </li>
            ))}
        </ul>
      </section>

      <section aria-labelledby="dismissed-title" data-section="dismissals">
        <h2 id="dismissed-title">{t('optionsDismissedTitle')}</h2>
        <p class="cg-muted">{t('optionsDismissedBody')}</p>
        {dismissals.length === 0 ? (
          <p>{t('optionsNoDismissed')}</p>
        ) : (
          <ul>
            {dismissals.map((item) => (
              <li key={`${item.tabId}-${item.requestKey}`} data-dismissal={item.requestKey}>
                {formatDateTime(item.time)}: <strong>{item.host}</strong>
                {item.clientId ? (
                  <>
                    {' '}
                    {t('optionsDismissalApp')} <code>{item.clientId}</code>
                  </>
                ) : null}
                {item.scopes.length > 0 ? (
                  <>
                    {' '}
                    {t('optionsDismissalAsking')} <code>{item.scopes.join(' ')}</code>
                  </>
                ) : null}{' '}
                <button
                  type="button"
                  aria-label={t('optionsShowWarningAgain', item.host)}
                  onClick={() => void act(() => send(optionsUndismiss, { tabId: item.tabId, requestKey: item.requestKey }), t('optionsWarningWillShow'))}
                >
                  {t('optionsRemove')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="activity-title" data-section="activity">
        <h2 id="activity-title">{t('optionsActivityTitle')}</h2>
        <p class="cg-muted">
          {t('optionsActivityIntro')}
          {policy.webhookUrl ? t('optionsActivityWebhook') : ''}.
        </p>
        {policy.webhookUrl && outbox ? (
          <div data-section="outbox">
            <h3>{t('optionsOutboxTitle')}</h3>
            <ul>
              <li data-outbox-queued={outbox.queued}>{t('optionsOutboxQueued', formatNumber(outbox.queued))}</li>
              {outbox.droppedTotal > 0 ? (
                <li data-outbox-dropped={outbox.droppedTotal}>{t('optionsOutboxDropped', formatNumber(outbox.droppedTotal))}</li>
              ) : null}
              {outbox.rejected > 0 ? <li data-outbox-rejected={outbox.rejected}>{t('optionsOutboxRejected', formatNumber(outbox.rejected))}</li> : null}
              {outbox.lastDeliveredAt !== null ? <li>{t('optionsOutboxDelivered', formatDateTime(outbox.lastDeliveredAt))}</li> : null}
              {outbox.lastError ? (
                <li data-outbox-error>
                  {t('optionsOutboxLastError')} <code>{outbox.lastError}</code>
                </li>
              ) : null}
              {outbox.nextAttemptAt !== null ? <li>{t('optionsOutboxNextAttempt', formatDateTime(outbox.nextAttemptAt))}</li> : null}
            </ul>
          </div>
        ) : null}
        <div class="cg-actions">
          <button
            type="button"
            disabled={activity.length === 0}
            onClick={() => download(`consent-guard-activity-${stamp}.json`, activityToJson(activity, new Date()), 'application/json')}
          >
            {t('exportJson')}
          </button>
          <button
            type="button"
            disabled={activity.length === 0}
            onClick={() => download(`consent-guard-activity-${stamp}.csv`, activityToCsv(activity), 'text/csv')}
          >
            {t('exportCsv')}
          </button>
          <button
            type="button"
            disabled={activity.length === 0}
            onClick={() => {
              if (confirm(t('optionsClearConfirm'))) void act(() => send(optionsClearActivity), t('optionsActivityCleared'));
            }}
          >
            {t('optionsClearLog')}
          </button>
        </div>
        {activity.length === 0 ? (
          <p>{t('optionsNoActivity')}</p>
        ) : (
          <table>
            <caption>
              {activity.length > SHOWN_ENTRIES
                ? `${t('optionsActivityLatest', formatNumber(SHOWN_ENTRIES))} ${t('optionsActivityOfTotal', formatNumber(activity.length))}`
                : t('optionsActivityCount', formatNumber(activity.length))}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('optionsColTime')}</th>
                <th scope="col">{t('optionsColHost')}</th>
                <th scope="col">{t('optionsColApp')}</th>
                <th scope="col">{t('optionsColScopes')}</th>
                <th scope="col">{t('optionsColVerdict')}</th>
                <th scope="col">{t('optionsColAction')}</th>
                <th scope="col">{t('optionsColChoice')}</th>
                <th scope="col">{t('optionsActivityListedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((entry) => (
                <tr key={entry.id} data-activity={entry.verdict}>
                  <td>{formatDateTime(entry.time)}</td>
                  <td>{entry.host}</td>
                  <td>{entry.clientId ? <code>{entry.clientId}</code> : '—'}</td>
                  <td>
                    <code>{entry.scopes.join(' ')}</code>
                  </td>
                  <td data-value={entry.verdict}>{t(VERDICT_LABEL[entry.verdict])}</td>
                  <td data-value={entry.action}>{t(ACTION_LABEL[entry.action])}</td>
                  <td data-value={entry.choice}>{t(CHOICE_LABEL[entry.choice])}</td>
                  <td>{entry.listedBy?.length ? <ListedByList listedBy={entry.listedBy} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

/** Which list made an entry a known threat, and why: the feed's name and reason are its own text, shown as text. */
function ListedByList({ listedBy }: { readonly listedBy: readonly ListedBy[] }) {
  return (
    <ul class="cg-listed-by">
      {listedBy.map((listed, index) => {
        const reason = listed.reason ?? t('intelNoReason');
        return (
          <li key={index} data-listed-by={listed.source} title={listed.url ?? undefined}>
            {listed.source === 'policy'
              ? t('optionsActivityListedByPolicy', reason)
              : t('optionsActivityListedByFeed', listed.feed ?? listed.url ?? '', reason)}
          </li>
        );
      })}
    </ul>
  );
}
