/**
 * The authorization manager: loads the list through the background from every sign-in (the browser
 * session and each organization's token), shows each state (loading, signed out, throttled, offline,
 * failed, unexpected shape, empty, list), confirms and tracks revokes, and shows the consents this
 * browser saw beside the API's list.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeError, describeSourceError, type ApiError } from '../manager/api/errors';
import { toCsv, toJson } from '../manager/export';
import { mergeResults, type AuthorizationView } from '../manager/model';
import { summarizeRevoke } from '../manager/revoke-summary';
import {
  DEFAULT_API_HOST,
  DEFAULT_API_VERSION,
  ENTRA_MY_APPS_URL,
  ORGANIZATION_HOST,
  PERSONAL_ACCOUNT_APPS_URL,
  SIGN_IN_URL,
  SIGN_IN_URL_ORGANIZATIONS,
  type ManagerSettings,
} from '../manager/settings';
import { formatTime, t } from '../platform/i18n';
import type { ConsentRecord, ManagerSource, RevokeJob } from '../messaging/manager-messages';
import { AuthorizationList, type RowStatus } from './AuthorizationList';
import { ConfirmDialog } from './ConfirmDialog';
import { ConsentInventory } from './ConsentInventory';
import { downloadText } from '../ui/download';
import { runtimeManagerApi, type ManagerApi, type RevokeTargetInput } from './manager-api';
import { TierBadge } from './GrantedScopes';
import { TokenForm, TokenSignins } from './TokenForm';

/** A revoke that ended this recently is reported again when the popup reopens. */
const RECENT_JOB_MS = 5 * 60_000;

type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: ApiError; readonly at: number }
  | { readonly kind: 'list'; readonly views: AuthorizationView[]; readonly fetchedAt: number };

interface Props {
  readonly api?: ManagerApi;
  readonly now?: () => number;
  /** How often progress is read while a revoke runs. */
  readonly pollMs?: number;
  readonly download?: typeof downloadText;
}

/** Who answered, as the list summary and the rows say it. */
export function sourceLabel(source: { readonly organization: string | null }): string {
  return source.organization ?? t('managerAnsweredBySession');
}

/**
 * While a revoke runs, each row says what its item is doing: waiting out Retry-After (until when), or
 * revoking. The background marks an item waiting before the wait and in-flight only when the answer
 * comes, so a wait whose time has passed is shown as revoking again.
 */
function statusFromJob(job: RevokeJob, now: number): Map<string, RowStatus> {
  const statuses = new Map<string, RowStatus>();
  for (const item of job.items) {
    if (item.state === 'waiting' && item.waitUntil && item.waitUntil > now) statuses.set(item.id, { state: 'waiting', until: item.waitUntil });
    else if (item.state === 'waiting') statuses.set(item.id, { state: 'revoking' });
    else if (item.state === 'pending' || item.state === 'in-flight') statuses.set(item.id, { state: 'revoking' });
    else if (item.state === 'failed') statuses.set(item.id, { state: 'failed', reason: item.reason ?? t('managerUnknownReasonSentence') });
  }
  return statuses;
}

export function Manager({ api = runtimeManagerApi, now = Date.now, pollMs = 200, download = downloadText }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [sources, setSources] = useState<readonly ManagerSource[]>([]);
  const [settings, setSettings] = useState<ManagerSettings | null>(null);
  const [legacyToken, setLegacyToken] = useState(false);
  const [job, setJob] = useState<RevokeJob | null>(null);
  const [rowStatus, setRowStatus] = useState<ReadonlyMap<string, RowStatus>>(new Map());
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [notice, setNotice] = useState('');
  /** Sign-ins that did not answer, each with its reason (a refused token names its organization). */
  const [signinNotices, setSigninNotices] = useState<readonly string[]>([]);
  const [consents, setConsents] = useState<readonly ConsentRecord[] | null>(null);
  const renderMark = useRef(false);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const revoking = job !== null && job.finishedAt === null;

  const loadConsents = useCallback(async () => {
    const response = await api.consents().catch(() => null);
    setConsents(response?.records ?? []);
  }, [api]);

  const refreshStatus = useCallback(async () => {
    const status = await api.status().catch(() => null);
    if (status) {
      setSources(status.sources);
      setSettings(status.settings);
      setLegacyToken(status.legacyToken);
    }
    return status;
  }, [api]);

  const load = useCallback(async (): Promise<string[] | null> => {
    setPhase((previous) => (previous.kind === 'list' ? previous : { kind: 'loading' }));
    try {
      const response = await api.list();
      performance.mark('manager:data');
      const at = now();
      const merged = mergeResults(response.results, at);
      setSources(response.results.map((result) => result.source));
      const tokenFailures = merged.failures.filter((failure) => failure.source.auth === 'pat');
      const sessionFailure = merged.failures.find((failure) => failure.source.auth === 'session');
      const notices = tokenFailures.map((failure) =>
        t('managerSigninFailed', sourceLabel(failure.source), describeSourceError(failure.error, failure.source.organization)),
      );
      if (merged.answered.length === 0) {
        const primary = merged.failures.find((failure) => failure.error.kind !== 'signed-out') ?? sessionFailure ?? merged.failures[0];
        const error: ApiError = primary?.error ?? { kind: 'signed-out', status: 401 };
        setSigninNotices(notices);
        // A refresh that fails keeps the list on screen, with the reason above it.
        if (phaseRef.current.kind === 'list' && error.kind !== 'signed-out') setNotice(t('managerRefreshFailed', describeError(error)));
        else setPhase({ kind: 'error', error, at });
        return null;
      }
      if (sessionFailure && sessionFailure.error.kind === 'signed-out') notices.push(t('managerSessionSignedOutNote'));
      else if (sessionFailure) notices.push(t('managerSigninFailed', sourceLabel(sessionFailure.source), describeError(sessionFailure.error)));
      setSigninNotices(notices);
      renderMark.current = true;
      performance.mark('manager:views');
      setNotice('');
      setPhase({ kind: 'list', views: merged.views, fetchedAt: response.fetchedAt });
      return merged.views.map((view) => view.id);
    } catch {
      setPhase({ kind: 'error', error: { kind: 'unexpected-shape', detail: t('managerNoBackground') }, at: now() });
      return null;
    }
  }, [api, now]);

  useLayoutEffect(() => {
    if (phase.kind === 'list' && renderMark.current) performance.mark('manager:committed');
  }, [phase]);
  useEffect(() => {
    if (phase.kind === 'list' && renderMark.current) {
      renderMark.current = false;
      performance.mark('manager:rendered');
      performance.measure('manager:render', 'manager:data', 'manager:rendered');
    }
  }, [phase]);

  // Polls the background's job record while a revoke runs (also after the popup was reopened mid-revoke).
  const follow = useCallback(
    async (done: Promise<unknown> | null) => {
      let finished = false;
      void done?.finally(() => {
        finished = true;
      });
      while (!finished) {
        const status = await api.status().catch(() => null);
        if (finished) break;
        if (status?.job) {
          setJob(status.job);
          if (status.job.finishedAt === null) setRowStatus(statusFromJob(status.job, now()));
          if (status.job.finishedAt !== null && done === null) break;
        } else if (done === null) break;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    [api, now, pollMs],
  );

  const finishJob = useCallback(
    async (finished: RevokeJob) => {
      setJob(finished);
      const stillListed = new Set((await load()) ?? []);
      const next = new Map<string, RowStatus>();
      for (const item of finished.items) {
        if (item.state === 'revoked' && stillListed.has(item.id)) next.set(item.id, { state: 'still-listed', reason: t('managerStillListed') });
        else if (item.state !== 'revoked') next.set(item.id, { state: 'failed', reason: item.reason ?? t('managerUnknownReasonSentence') });
      }
      setRowStatus(next);
      setAnnouncement(summarizeRevoke(finished.items, stillListed));
    },
    [load],
  );

  useEffect(() => {
    void loadConsents();
    void (async () => {
      const status = await refreshStatus();
      if (status) {
        if (status.job && status.job.finishedAt === null) {
          setJob(status.job);
          setRowStatus(statusFromJob(status.job, now()));
          await follow(null);
          const latest = await api.status().catch(() => null);
          if (latest?.job) {
            await finishJob(latest.job);
            return;
          }
        } else if (status.job?.finishedAt && now() - status.job.finishedAt < RECENT_JOB_MS) {
          // The popup closed while a revoke ran: show how it ended.
          await finishJob(status.job);
          return;
        }
      }
      await load();
    })();
  }, []);

  const views = phase.kind === 'list' ? phase.views : [];
  const byId = useMemo(() => new Map(views.map((view) => [view.id, view])), [views]);

  const startRevoke = useCallback(
    async (ids: string[]) => {
      setConfirming(null);
      const targets: RevokeTargetInput[] = ids.map((id) => ({ id, source: byId.get(id)?.answeredBy[0]?.key ?? 'session' }));
      setAnnouncement(t(ids.length === 1 ? 'managerRevokingOne' : 'managerRevokingMany', String(ids.length)));
      setRowStatus(new Map(ids.map((id) => [id, { state: 'revoking' }])));
      setJob({ jobId: 'pending', startedAt: now(), finishedAt: null, items: ids.map((id) => ({ id, state: 'pending' })) });
      const done = api.revoke(targets);
      void follow(done);
      const response = await done.catch(() => ({ ok: false as const, reason: t('managerNoBackground') }));
      if (!response.ok) {
        setJob(null);
        setRowStatus(new Map(ids.map((id) => [id, { state: 'failed', reason: response.reason }])));
        setAnnouncement(t('managerNothingRevoked', response.reason));
        focusListIfLost();
        return;
      }
      await finishJob(response.job);
      focusListIfLost();
    },
    [api, byId, follow, finishJob, now],
  );

  const onRevoke = useCallback((ids: string[]) => setConfirming(ids), []);
  const onExport = useCallback(
    (format: 'json' | 'csv', shown: readonly AuthorizationView[]) => {
      const stamp = new Date(now()).toISOString().slice(0, 10);
      const listedBy = sources.map((source) => source.baseUrl).join(' ') || DEFAULT_API_HOST;
      if (format === 'json')
        download(`azure-devops-authorizations-${stamp}.json`, toJson(shown, new Date(now()), listedBy, consents ?? []), 'application/json');
      else download(`azure-devops-authorizations-${stamp}.csv`, toCsv(shown, consents ?? []), 'text/csv');
    },
    [consents, download, now, sources],
  );

  const done = job ? job.items.filter((item) => item.state === 'revoked' || item.state === 'failed').length : 0;
  const afterSignin = () => {
    void refreshStatus();
    void load();
  };
  const listShown = phase.kind === 'list' && phase.views.length > 0;

  return (
    <section class="manager" aria-labelledby="manager-title">
      <nav class="skip-links" aria-label={t('managerSkipLinks')}>
        <a href="#list-title" onClick={skipTo('list-title')}>
          {t('managerSkipToList')}
        </a>
        {listShown ? (
          <a href="#list-actions" onClick={skipTo('list-actions')}>
            {t('managerSkipToActions')}
          </a>
        ) : null}
        <a href="#consents-title" onClick={skipTo('consents-title')}>
          {t('managerSkipToConsents')}
        </a>
      </nav>
      <h2 id="manager-title" class="sr-only">
        {t('managerTitle')}
      </h2>
      <div aria-live="polite" role="status" class="live">
        {revoking && job ? (
          <div class="progress">
            <label>
              {t('managerProgressDone', String(done))} {t('managerProgressOfTotal', String(job.items.length))}
              <progress max={job.items.length} value={done} />
            </label>
          </div>
        ) : null}
        {announcement && !revoking ? <p class="announcement">{announcement}</p> : null}
      </div>
      {notice ? (
        <p class="notice" role="alert">
          {notice}
        </p>
      ) : null}
      {signinNotices.length > 0 ? (
        <ul class="signin-notices">
          {signinNotices.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : null}
      {legacyToken ? <p class="notice">{t('managerLegacyToken')}</p> : null}
      {phase.kind === 'loading' ? (
        <p class="loading" aria-busy="true">
          {t('managerLoading')}
        </p>
      ) : null}
      {phase.kind === 'error' ? (
        <>
          <h2 id="list-title" tabIndex={-1} class="sr-only">
            {t('managerListTitle')}
          </h2>
          <ErrorState error={phase.error} at={phase.at} onRetry={() => void load()} api={api} onSignin={afterSignin} />
        </>
      ) : null}
      {phase.kind === 'list' && phase.views.length === 0 ? (
        <div class="empty">
          <h2 id="list-title" tabIndex={-1}>
            {t('managerEmptyTitle')}
          </h2>
          <p>{t('managerEmptyBody')}</p>
        </div>
      ) : null}
      {listShown ? (
        <AuthorizationList views={phase.views} sources={sources} busy={revoking} rowStatus={rowStatus} onRevoke={onRevoke} onExport={onExport} />
      ) : null}
      {consents ? (
        <ConsentInventory
          records={consents}
          views={views}
          listLoaded={phase.kind === 'list'}
          busy={revoking}
          onRevoke={onRevoke}
          onForget={() => void api.forgetConsents().then(loadConsents)}
          onExport={listShown ? null : (format) => onExport(format, [])}
        />
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={
            confirming.length === 1
              ? t('managerConfirmRevokeOne', byId.get(confirming[0] as string)?.appName ?? t('managerThisApp'))
              : t('managerConfirmRevokeMany', String(confirming.length))
          }
          confirmLabel={confirming.length === 1 ? t('managerRevokeAccess') : t('managerRevokeApps', String(confirming.length))}
          onConfirm={() => void startRevoke(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{confirming.length === 1 ? t('managerConfirmBodyOne') : t('managerConfirmBodyMany')}</p>
          <ul class="confirm-list">
            {confirming.slice(0, 20).map((id) => {
              const view = byId.get(id);
              return (
                <li key={id}>
                  <strong>{view?.appName ?? id}</strong> {view ? <TierBadge tier={view.tier} /> : null}
                  {view?.publisher ? <span class="muted"> {t('managerByLower', view.publisher)}</span> : null}
                  <div class="muted">
                    {t(
                      'managerLoses',
                      view && view.scopes.length ? view.scopes.map((scope) => `${scope.name} (${scope.id})`).join('; ') : t('managerLosesDefault'),
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          {confirming.length > 20 ? <p>{t('managerAndMore', String(confirming.length - 20))}</p> : null}
        </ConfirmDialog>
      ) : null}
      <EntraNote />
      <Advanced
        api={api}
        sources={sources}
        settings={settings}
        onSaved={(saved) => {
          setSettings(saved);
          void load();
        }}
        onTokenChanged={afterSignin}
      />
    </section>
  );
}

/**
 * The control that started a revoke was disabled while it ran, or is gone with its row: a keyboard user
 * goes on from the list's heading rather than from the top of the popup.
 */
function focusListIfLost(): void {
  const active = document.activeElement;
  if (!active || active === document.body || !active.isConnected) document.getElementById('list-title')?.focus();
}

/** Moves focus to a skip link's target (a heading with tabindex -1), so the next Tab continues from there. */
function skipTo(id: string) {
  return (event: Event) => {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'start' });
  };
}

function ErrorState({ error, at, onRetry, api, onSignin }: { error: ApiError; at: number; onRetry: () => void; api: ManagerApi; onSignin: () => void }) {
  if (error.kind === 'signed-out') {
    return (
      <div class="state signed-out">
        <h2>{t('managerSignIn')}</h2>
        <p>{t('managerSignInBody')}</p>
        <div class="actions">
          <button type="button" class="primary" onClick={() => void api.openTab(SIGN_IN_URL)}>
            {t('managerSignIn')}
          </button>
          <button type="button" onClick={() => void api.openTab(SIGN_IN_URL_ORGANIZATIONS)}>
            {t('managerOpenOrganizations')}
          </button>
          <button type="button" onClick={onRetry}>
            {t('managerTryAgain')}
          </button>
        </div>
        <TokenForm api={api} onSaved={onSignin} idPrefix="signed-out" />
      </div>
    );
  }
  if (error.kind === 'throttled') {
    const when = formatTime(at + error.retryAfterSeconds * 1000);
    return (
      <div class="state throttled">
        <h2>{t('managerThrottledTitle')}</h2>
        <p>
          {t('managerThrottledAfter', when)} {t('managerThrottledIn', String(error.retryAfterSeconds))}
        </p>
        <button type="button" onClick={onRetry}>
          {t('managerTryAgain')}
        </button>
      </div>
    );
  }
  if (error.kind === 'network' || error.kind === 'timeout') {
    return (
      <div class="state offline">
        <h2>{t('managerOfflineTitle')}</h2>
        <p>{describeError(error)}</p>
        <button type="button" onClick={onRetry}>
          {t('managerTryAgain')}
        </button>
      </div>
    );
  }
  if (error.kind === 'unexpected-shape') {
    return (
      <div class="state unexpected">
        <h2>{t('managerUnexpectedTitle')}</h2>
        <p>
          {t('errorUnexpectedShape')} {t('managerNothingChanged')}
        </p>
        <p class="muted">{error.detail}</p>
        <button type="button" onClick={onRetry}>
          {t('managerTryAgain')}
        </button>
      </div>
    );
  }
  return (
    <div class="state failed">
      <h2>{t('managerLoadFailedTitle')}</h2>
      <p>{describeError(error)}</p>
      <button type="button" onClick={onRetry}>
        {t('managerTryAgain')}
      </button>
    </div>
  );
}

function EntraNote() {
  return (
    <aside class="entra" aria-labelledby="entra-title">
      <h2 id="entra-title">{t('managerEntraTitle')}</h2>
      <p>
        {t('managerEntraIntro')}{' '}
        <a href={ENTRA_MY_APPS_URL} target="_blank" rel="noopener noreferrer">
          {t('managerEntraMyApps')}
        </a>
        {t('managerEntraPersonal')}{' '}
        <a href={PERSONAL_ACCOUNT_APPS_URL} target="_blank" rel="noopener noreferrer">
          {t('managerEntraAccount')}
        </a>
        .
      </p>
    </aside>
  );
}

function Advanced({
  api,
  sources,
  settings,
  onSaved,
  onTokenChanged,
}: {
  api: ManagerApi;
  sources: readonly ManagerSource[];
  settings: ManagerSettings | null;
  onSaved: (settings: ManagerSettings) => void;
  onTokenChanged: () => void;
}) {
  const [organization, setOrganization] = useState(settings?.organization ?? '');
  const [version, setVersion] = useState(settings?.apiVersion ?? '');
  const [message, setMessage] = useState('');
  useEffect(() => {
    setOrganization(settings?.organization ?? '');
    setVersion(settings?.apiVersion ?? '');
  }, [settings]);
  const session = sources.find((source) => source.auth === 'session');
  const save = async (event: Event) => {
    event.preventDefault();
    const next = { organization: organization.trim(), apiVersion: version.trim() };
    const response = await api.saveSettings(next).catch(() => ({ ok: false as const, reason: 'not saved' }));
    if (!response.ok) {
      setMessage(t('managerNotSaved'));
      return;
    }
    setMessage(t('managerSaved'));
    onSaved(next);
  };
  return (
    <details class="advanced">
      <summary>{t('managerAdvanced')}</summary>
      <p class="muted">
        {t('managerConnectedTo', session?.baseUrl ?? DEFAULT_API_HOST)} {t('managerConnectedWith', session?.apiVersion ?? DEFAULT_API_VERSION)}{' '}
        {t('managerAuthBrowser')}.
      </p>
      <TokenSignins api={api} sources={sources} onChanged={onTokenChanged} />
      <TokenForm api={api} onSaved={onTokenChanged} idPrefix="advanced" />
      <form onSubmit={(event) => void save(event)}>
        <label>
          {t('managerOrganizationLabel', ORGANIZATION_HOST)}
          <input type="text" value={organization} onInput={(event) => setOrganization(event.currentTarget.value)} />
        </label>
        <label>
          {t('managerApiVersionLabel', DEFAULT_API_VERSION)}
          <input type="text" value={version} onInput={(event) => setVersion(event.currentTarget.value)} />
        </label>
        <button type="submit">{t('managerSave')}</button>
        {message ? <p role="status">{message}</p> : null}
      </form>
    </details>
  );
}
