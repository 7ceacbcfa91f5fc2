/**
 * The authorization manager: loads the list through the background, shows each state (loading,
 * signed out, throttled, offline, failed, unexpected shape, empty, list), confirms and tracks revokes.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeError, UNEXPECTED_SHAPE_MESSAGE, type ApiError } from '../manager/api/errors';
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
        if (phaseRef.current.kind === 'list' && response.error.kind !== 'signed-out') setNotice(`Could not refresh the list: ${describeError(response.error)}`);
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
      setPhase({ kind: 'error', error: { kind: 'unexpected-shape', detail: 'The extension background did not answer.' }, at: now() });
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
      for (const item of failed) next.set(item.id, { state: 'failed', reason: item.reason ?? 'Unknown reason.' });
      const lingering = revoked.filter((item) => stillListed.has(item.id));
      for (const item of lingering) next.set(item.id, { state: 'still-listed', reason: 'Azure DevOps accepted the revoke but still lists this authorization. Refresh in a minute.' });
      setRowStatus(next);
      const gone = revoked.length - lingering.length;
      setAnnouncement(
        `Revoked ${gone} of ${finished.items.length}; ${gone === 1 ? 'it is' : 'they are'} no longer listed.${failed.length ? ` ${failed.length} failed: see the reason on ${failed.length === 1 ? 'its row' : 'their rows'}.` : ''}`,
      );
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
      setAnnouncement(`Revoking ${ids.length} ${ids.length === 1 ? 'authorization' : 'authorizations'}…`);
      setRowStatus(new Map(ids.map((id) => [id, { state: 'revoking' } as RowStatus])));
      setJob({ jobId: 'pending', startedAt: now(), finishedAt: null, items: ids.map((id) => ({ id, state: 'pending' })) });
      const done = api.revoke(ids);
      void follow(done);
      const response = await done.catch(() => ({ ok: false as const, reason: 'The extension background did not answer.' }));
      if (!response.ok) {
        setJob(null);
        setRowStatus(new Map(ids.map((id) => [id, { state: 'failed', reason: response.reason } as RowStatus])));
        setAnnouncement(`Nothing was revoked: ${response.reason}`);
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
        Authorization manager
      </h2>
      <div aria-live="polite" role="status" class="live">
        {revoking && job ? (
          <div class="progress">
            <label>
              Revoking {done} of {job.items.length}…
              <progress max={job.items.length} value={done} />
            </label>
          </div>
        ) : null}
        {announcement && !revoking ? <p class="announcement">{announcement}</p> : null}
      </div>
      {notice ? <p class="notice" role="alert">{notice}</p> : null}
      {phase.kind === 'loading' ? (
        <p class="loading" aria-busy="true">
          Loading your authorizations from Azure DevOps…
        </p>
      ) : null}
      {phase.kind === 'error' ? <ErrorState error={phase.error} at={phase.at} onRetry={() => void load()} api={api} onToken={() => void load()} /> : null}
      {phase.kind === 'list' && phase.views.length === 0 ? (
        <div class="empty">
          <h2>No authorized apps</h2>
          <p>No app holds an Azure DevOps OAuth authorization on this account.</p>
        </div>
      ) : null}
      {phase.kind === 'list' && phase.views.length > 0 ? (
        <AuthorizationList views={phase.views} busy={revoking} rowStatus={rowStatus} onRevoke={onRevoke} onExport={onExport} />
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={confirming.length === 1 ? `Revoke ${byId.get(confirming[0] as string)?.appName ?? 'this app'}?` : `Revoke ${confirming.length} apps?`}
          confirmLabel={confirming.length === 1 ? 'Revoke access' : `Revoke ${confirming.length} apps`}
          onConfirm={() => void startRevoke(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {confirming.length === 1
              ? 'This app loses the access you granted it in Azure DevOps. To use it again you would have to authorize it anew.'
              : 'These apps lose the access you granted them in Azure DevOps. To use them again you would have to authorize them anew.'}
          </p>
          <ul class="confirm-list">
            {confirming.slice(0, 20).map((id) => {
              const view = byId.get(id);
              return (
                <li key={id}>
                  <strong>{view?.appName ?? id}</strong> {view ? <TierBadge tier={view.tier} /> : null}
                  {view?.publisher ? <span class="muted"> by {view.publisher}</span> : null}
                  <div class="muted">
                    Loses: {view && view.scopes.length ? view.scopes.map((scope) => `${scope.name} (${scope.id})`).join('; ') : 'the access it was granted'}
                  </div>
                </li>
              );
            })}
          </ul>
          {confirming.length > 20 ? <p>…and {confirming.length - 20} more.</p> : null}
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
        <h2>Sign in to Azure DevOps</h2>
        <p>Consent Guard uses the Azure DevOps session of this browser. Sign in, then come back and try again, or use a personal access token below.</p>
        <div class="actions">
          <button type="button" class="primary" onClick={() => void api.openTab(SIGN_IN_URL)}>
            Sign in to Azure DevOps
          </button>
          <button type="button" onClick={() => void api.openTab(SIGN_IN_URL_ORGANIZATIONS)}>
            Open my organizations
          </button>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
        <TokenForm api={api} onSaved={onToken} />
      </div>
    );
  }
  if (error.kind === 'throttled') {
    const when = new Date(at + error.retryAfterSeconds * 1000).toLocaleTimeString();
    return (
      <div class="state throttled">
        <h2>Azure DevOps asked us to wait</h2>
        <p>Too many requests. Try again after {when} (in {error.retryAfterSeconds} s).</p>
        <button type="button" onClick={onRetry}>Try again</button>
      </div>
    );
  }
  if (error.kind === 'network' || error.kind === 'timeout') {
    return (
      <div class="state offline">
        <h2>Azure DevOps is out of reach</h2>
        <p>{describeError(error)}</p>
        <button type="button" onClick={onRetry}>Try again</button>
      </div>
    );
  }
  if (error.kind === 'unexpected-shape') {
    return (
      <div class="state unexpected">
        <h2>Unexpected answer</h2>
        <p>{UNEXPECTED_SHAPE_MESSAGE} Nothing was changed.</p>
        <p class="muted">{error.detail}</p>
        <button type="button" onClick={onRetry}>Try again</button>
      </div>
    );
  }
  return (
    <div class="state failed">
      <h2>Could not load your authorizations</h2>
      <p>{describeError(error)}</p>
      <button type="button" onClick={onRetry}>Try again</button>
    </div>
  );
}

function TokenForm({ api, onSaved }: { api: ManagerApi; onSaved: () => void }) {
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const response = await api.setToken(token.trim(), remember).catch(() => ({ ok: false as const, reason: 'The token could not be saved.' }));
    if (!response.ok) {
      setError('That does not look like a personal access token.');
      return;
    }
    setToken('');
    setError('');
    onSaved();
  };
  return (
    <form class="token-form" onSubmit={(event) => void submit(event)}>
      <label>
        Personal access token (scope vso.tokens)
        <input type="password" autocomplete="off" spellcheck={false} value={token} onInput={(event) => setToken((event.currentTarget as HTMLInputElement).value)} />
      </label>
      <label class="inline">
        <input type="checkbox" checked={remember} onChange={(event) => setRemember((event.currentTarget as HTMLInputElement).checked)} />
        Remember on this device
      </label>
      <p class="muted">Kept only for this browser session unless you tick the box, and sent only to Azure DevOps.</p>
      {error ? <p class="row-error" role="alert">{error}</p> : null}
      <button type="submit" disabled={token.trim().length === 0}>
        Use token
      </button>
    </form>
  );
}

function EntraNote() {
  return (
    <aside class="entra" aria-labelledby="entra-title">
      <h2 id="entra-title">Apps authorized through Microsoft Entra ID</h2>
      <p>
        This list shows Azure DevOps OAuth authorizations only. Apps you consented to through Microsoft Entra ID (a work or school account) are managed in{' '}
        <a href={ENTRA_MY_APPS_URL} target="_blank" rel="noopener noreferrer">My Apps</a>; for a personal Microsoft account, in{' '}
        <a href={PERSONAL_ACCOUNT_APPS_URL} target="_blank" rel="noopener noreferrer">your Microsoft account</a>.
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
      setMessage('Not saved: check the organization name and api-version.');
      return;
    }
    setMessage('Saved.');
    onSaved(next);
  };
  return (
    <details class="advanced">
      <summary>Advanced</summary>
      <p class="muted">
        Connected to {source?.baseUrl ?? DEFAULT_API_HOST} (api-version {source?.apiVersion ?? DEFAULT_API_VERSION}) with{' '}
        {source?.auth === 'pat' ? `a personal access token${source.tokenRemembered ? ', remembered on this device' : ' for this session'}` : 'your browser session'}.
      </p>
      {source?.auth === 'pat' ? (
        <button type="button" onClick={() => void api.clearToken().then(onTokenChanged)}>
          Forget token
        </button>
      ) : (
        <TokenForm api={api} onSaved={onTokenChanged} />
      )}
      <form onSubmit={(event) => void save(event)}>
        <label>
          Organization (uses {ORGANIZATION_HOST}/&lt;organization&gt;; empty for the default host)
          <input type="text" value={organization} onInput={(event) => setOrganization((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          api-version (empty for {DEFAULT_API_VERSION})
          <input type="text" value={version} onInput={(event) => setVersion((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit">Save</button>
        {message ? <p role="status">{message}</p> : null}
      </form>
    </details>
  );
}
