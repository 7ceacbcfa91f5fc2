/**
 * The authorization manager: loads the list through the background, shows each state (loading,
 * signed out, throttled, offline, failed, unexpected shape, empty, list), confirms and tracks revokes.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeError, type ApiError } from '../manager/api/errors';
import { toCsv, toJson } from '../manager/export';
import { toView, type AuthorizationView } from '../manager/model';
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
import type { ManagerSource, RevokeJob } from '../messaging/manager-messages';
import { AuthorizationList, type RowStatus } from './AuthorizationList';
import { ConfirmDialog } from './ConfirmDialog';
import { downloadText } from './download';
import { runtimeManagerApi, type ManagerApi } from './manager-api';
import { TierBadge } from './ScopeList';

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

export function Manager({ api = runtimeManagerApi, now = Date.now, pollMs = 200, download = downloadText }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [source, setSource] = useState<ManagerSource | null>(null);
  const [settings, setSettings] = useState<ManagerSettings | null>(null);
  const [job, setJob] = useState<RevokeJob | null>(null);
  const [rowStatus, setRowStatus] = useState<ReadonlyMap<string, RowStatus>>(new Map());
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [notice, setNotice] = useState('');
  const renderMark = useRef(false);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const revoking = job !== null && job.finishedAt === null;

  const load = useCallback(async (): Promise<string[] | null> => {
    setPhase((previous) => (previous.kind === 'list' ? previous : { kind: 'loading' }));
    try {
      const response = await api.list();
      setSource(response.source);
      if (!response.ok) {
        // A refresh that fails keeps the list on screen, with the reason above it.
        if (phaseRef.current.kind === 'list' && response.error.kind !== 'signed-out') setNotice(t('managerRefreshFailed', describeError(response.error)));
        else setPhase({ kind: 'error', error: response.error, at: now() });
        return null;
      }
      performance.mark('manager:data');
      renderMark.current = true;
      const at = now();
      const views = response.authorizations.map((details) => toView(details, at));
      performance.mark('manager:views');
      setNotice('');
      setPhase({ kind: 'list', views, fetchedAt: response.fetchedAt });
      return views.map((view) => view.id);
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
          if (status.job.finishedAt !== null && done === null) break;
        } else if (done === null) break;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    [api, pollMs],
  );

  const finishJob = useCallback(
    async (finished: RevokeJob) => {
      setJob(finished);
      const failed = finished.items.filter((item) => item.state === 'failed');
      const revoked = finished.items.filter((item) => item.state === 'revoked');
      const stillListed = new Set((await load()) ?? []);
      const next = new Map<string, RowStatus>();
      for (const item of failed) next.set(item.id, { state: 'failed', reason: item.reason ?? t('managerUnknownReasonSentence') });
      const lingering = revoked.filter((item) => stillListed.has(item.id));
      for (const item of lingering) next.set(item.id, { state: 'still-listed', reason: t('managerStillListed') });
      setRowStatus(next);
      const gone = revoked.length - lingering.length;
      const parts = [t('managerRevokedCount', String(gone)), t('managerRevokedOfTotal', String(finished.items.length)), t(gone === 1 ? 'managerGoneOne' : 'managerGoneMany')];
      if (failed.length) parts.push(t('managerFailedCount', String(failed.length)), t(failed.length === 1 ? 'managerFailedSeeOne' : 'managerFailedSeeMany'));
      setAnnouncement(parts.join(' '));
    },
    [load],
  );

  useEffect(() => {
    void (async () => {
      const status = await api.status().catch(() => null);
      if (status) {
        setSource(status.source);
        setSettings(status.settings);
        if (status.job && status.job.finishedAt === null) {
          setJob(status.job);
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

  const startRevoke = useCallback(
    async (ids: string[]) => {
      setConfirming(null);
      setAnnouncement(t(ids.length === 1 ? 'managerRevokingOne' : 'managerRevokingMany', String(ids.length)));
      setRowStatus(new Map(ids.map((id) => [id, { state: 'revoking' } as RowStatus])));
      setJob({ jobId: 'pending', startedAt: now(), finishedAt: null, items: ids.map((id) => ({ id, state: 'pending' })) });
      const done = api.revoke(ids);
      void follow(done);
      const response = await done.catch(() => ({ ok: false as const, reason: t('managerNoBackground') }));
      if (!response.ok) {
        setJob(null);
        setRowStatus(new Map(ids.map((id) => [id, { state: 'failed', reason: response.reason } as RowStatus])));
        setAnnouncement(t('managerNothingRevoked', response.reason));
        return;
      }
      await finishJob(response.job);
    },
    [api, follow, finishJob, now],
  );

  const views = phase.kind === 'list' ? phase.views : [];
  const byId = useMemo(() => new Map(views.map((view) => [view.id, view])), [views]);
  const onRevoke = useCallback((ids: string[]) => setConfirming(ids), []);
  const onExport = useCallback(
    (format: 'json' | 'csv', shown: readonly AuthorizationView[]) => {
      const stamp = new Date(now()).toISOString().slice(0, 10);
      if (format === 'json') download(`azure-devops-authorizations-${stamp}.json`, toJson(shown, new Date(now()), source?.baseUrl ?? DEFAULT_API_HOST), 'application/json');
      else download(`azure-devops-authorizations-${stamp}.csv`, toCsv(shown), 'text/csv');
    },
    [download, now, source],
  );

  const done = job ? job.items.filter((item) => item.state === 'revoked' || item.state === 'failed').length : 0;

  return (
    <section class="manager" aria-labelledby="manager-title">
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
      {notice ? <p class="notice" role="alert">{notice}</p> : null}
      {phase.kind === 'loading' ? (
        <p class="loading" aria-busy="true">
          {t('managerLoading')}
        </p>
      ) : null}
      {phase.kind === 'error' ? <ErrorState error={phase.error} at={phase.at} onRetry={() => void load()} api={api} onToken={() => void load()} /> : null}
      {phase.kind === 'list' && phase.views.length === 0 ? (
        <div class="empty">
          <h2>{t('managerEmptyTitle')}</h2>
          <p>{t('managerEmptyBody')}</p>
        </div>
      ) : null}
      {phase.kind === 'list' && phase.views.length > 0 ? (
        <AuthorizationList views={phase.views} busy={revoking} rowStatus={rowStatus} onRevoke={onRevoke} onExport={onExport} />
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={confirming.length === 1 ? t('managerConfirmRevokeOne', byId.get(confirming[0] as string)?.appName ?? t('managerThisApp')) : t('managerConfirmRevokeMany', String(confirming.length))}
          confirmLabel={confirming.length === 1 ? t('managerRevokeAccess') : t('managerRevokeApps', String(confirming.length))}
          onConfirm={() => void startRevoke(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {confirming.length === 1
              ? t('managerConfirmBodyOne')
              : t('managerConfirmBodyMany')}
          </p>
          <ul class="confirm-list">
            {confirming.slice(0, 20).map((id) => {
              const view = byId.get(id);
              return (
                <li key={id}>
                  <strong>{view?.appName ?? id}</strong> {view ? <TierBadge tier={view.tier} /> : null}
                  {view?.publisher ? <span class="muted"> {t('managerByLower', view.publisher)}</span> : null}
                  <div class="muted">
                    {t('managerLoses', view && view.scopes.length ? view.scopes.map((scope) => `${scope.name} (${scope.id})`).join('; ') : t('managerLosesDefault'))}
                  </div>
                </li>
              );
            })}
          </ul>
          {confirming.length > 20 ? <p>{t('managerAndMore', String(confirming.length - 20))}</p> : null}
        </ConfirmDialog>
      ) : null}
      <EntraNote />
      <Advanced api={api} source={source} settings={settings} onSaved={(saved) => {
        setSettings(saved);
        void load();
      }} onTokenChanged={() => void load()} />
    </section>
  );
}

function ErrorState({ error, at, onRetry, api, onToken }: { error: ApiError; at: number; onRetry: () => void; api: ManagerApi; onToken: () => void }) {
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
        <TokenForm api={api} onSaved={onToken} />
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
        <button type="button" onClick={onRetry}>{t('managerTryAgain')}</button>
      </div>
    );
  }
  if (error.kind === 'network' || error.kind === 'timeout') {
    return (
      <div class="state offline">
        <h2>{t('managerOfflineTitle')}</h2>
        <p>{describeError(error)}</p>
        <button type="button" onClick={onRetry}>{t('managerTryAgain')}</button>
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
        <button type="button" onClick={onRetry}>{t('managerTryAgain')}</button>
      </div>
    );
  }
  return (
    <div class="state failed">
      <h2>{t('managerLoadFailedTitle')}</h2>
      <p>{describeError(error)}</p>
      <button type="button" onClick={onRetry}>{t('managerTryAgain')}</button>
    </div>
  );
}

function TokenForm({ api, onSaved }: { api: ManagerApi; onSaved: () => void }) {
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const response = await api.setToken(token.trim(), remember).catch(() => ({ ok: false as const, reason: t('managerTokenNotSaved') }));
    if (!response.ok) {
      setError(t('managerTokenInvalid'));
      return;
    }
    setToken('');
    setError('');
    onSaved();
  };
  return (
    <form class="token-form" onSubmit={(event) => void submit(event)}>
      <label>
        {t('managerTokenLabel')}
        <input type="password" autocomplete="off" spellcheck={false} value={token} onInput={(event) => setToken((event.currentTarget as HTMLInputElement).value)} />
      </label>
      <label class="inline">
        <input type="checkbox" checked={remember} onChange={(event) => setRemember((event.currentTarget as HTMLInputElement).checked)} />
        {t('managerRememberToken')}
      </label>
      <p class="muted">{t('managerTokenHint')}</p>
      {error ? <p class="row-error" role="alert">{error}</p> : null}
      <button type="submit" disabled={token.trim().length === 0}>
        {t('managerUseToken')}
      </button>
    </form>
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

function Advanced({ api, source, settings, onSaved, onTokenChanged }: { api: ManagerApi; source: ManagerSource | null; settings: ManagerSettings | null; onSaved: (settings: ManagerSettings) => void; onTokenChanged: () => void }) {
  const [organization, setOrganization] = useState(settings?.organization ?? '');
  const [version, setVersion] = useState(settings?.apiVersion ?? '');
  const [message, setMessage] = useState('');
  useEffect(() => {
    setOrganization(settings?.organization ?? '');
    setVersion(settings?.apiVersion ?? '');
  }, [settings]);
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
        {t('managerConnectedTo', source?.baseUrl ?? DEFAULT_API_HOST)} {t('managerConnectedWith', source?.apiVersion ?? DEFAULT_API_VERSION)}{' '}
        {source?.auth === 'pat' ? t(source.tokenRemembered ? 'managerAuthPatRemembered' : 'managerAuthPatSession') : t('managerAuthBrowser')}.
      </p>
      {source?.auth === 'pat' ? (
        <button type="button" onClick={() => void api.clearToken().then(onTokenChanged)}>
          {t('managerForgetToken')}
        </button>
      ) : (
        <TokenForm api={api} onSaved={onTokenChanged} />
      )}
      <form onSubmit={(event) => void save(event)}>
        <label>
          {t('managerOrganizationLabel', ORGANIZATION_HOST)}
          <input type="text" value={organization} onInput={(event) => setOrganization((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          {t('managerApiVersionLabel', DEFAULT_API_VERSION)}
          <input type="text" value={version} onInput={(event) => setVersion((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('managerSave')}</button>
        {message ? <p role="status">{message}</p> : null}
      </form>
    </details>
  );
}
