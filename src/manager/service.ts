/**
 * The manager's background logic, free of browser APIs: storage areas, fetch and clock are injected,
 * so it runs unchanged in unit tests. The background keeps a revoke job going when the popup closes and
 * records its progress in the session area, so a reopened popup shows it.
 */
import { t } from '../platform/i18n';
import { createDelegatedAuthClient, type Auth, type DelegatedAuthClient } from './api/client';
import { describeError, type ApiError } from './api/errors';
import { runBounded } from './api/queue';
import {
  BACKOFF_BASE_MS,
  FIREFOX_SESSION_WRITES_MAY_BE_REFUSED,
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_SECONDS,
  REQUEST_TIMEOUT_MS,
  REVOKE_CONCURRENCY,
  apiBaseUrl,
  apiVersion,
  parseSettings,
  type ManagerSettings,
} from './settings';
import type {
  ManagerAckResponse,
  ManagerListResponse,
  ManagerRevokeResponse,
  ManagerSource,
  ManagerStatusResponse,
  RevokeItem,
  RevokeJob,
} from '../messaging/manager-messages';

export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface ManagerServiceDeps {
  readonly fetch: typeof fetch;
  /** storage.session: the token by default, and revoke progress. */
  readonly session: KeyValueArea;
  /** storage.local: settings, and the token only when the user chose to remember it. */
  readonly local: KeyValueArea;
  readonly browser: 'chromium' | 'firefox';
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly timeoutMs?: number;
  readonly backoffBaseMs?: number;
  readonly concurrency?: number;
}

export const KEYS = { token: 'manager.token', settings: 'manager.settings', job: 'manager.revokeJob' } as const;

export interface ManagerService {
  list(): Promise<ManagerListResponse>;
  /** Resolves when the whole job is done; progress is readable through status() meanwhile. */
  revoke(ids: readonly string[]): Promise<ManagerRevokeResponse>;
  status(): Promise<ManagerStatusResponse>;
  saveSettings(settings: ManagerSettings): Promise<ManagerAckResponse>;
  setToken(token: string, remember: boolean): Promise<ManagerAckResponse>;
  clearToken(): Promise<ManagerAckResponse>;
}

const isToken = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

export function createManagerService(deps: ManagerServiceDeps): ManagerService {
  const now = deps.now ?? Date.now;
  let running: Promise<RevokeJob> | null = null;

  async function auth(): Promise<{ auth: Auth; remembered: boolean }> {
    const sessionToken = await deps.session.get(KEYS.token);
    if (isToken(sessionToken)) return { auth: { kind: 'pat', token: sessionToken }, remembered: false };
    const localToken = await deps.local.get(KEYS.token);
    if (isToken(localToken)) return { auth: { kind: 'pat', token: localToken }, remembered: true };
    return { auth: { kind: 'session' }, remembered: false };
  }

  async function context(): Promise<{ client: DelegatedAuthClient; source: ManagerSource; settings: ManagerSettings }> {
    const settings = parseSettings(await deps.local.get(KEYS.settings));
    const current = await auth();
    const source: ManagerSource = {
      baseUrl: apiBaseUrl(settings),
      apiVersion: apiVersion(settings),
      auth: current.auth.kind,
      tokenRemembered: current.remembered,
      browser: deps.browser,
    };
    const client = createDelegatedAuthClient({
      fetch: deps.fetch,
      baseUrl: source.baseUrl,
      apiVersion: source.apiVersion,
      auth: current.auth,
      timeoutMs: deps.timeoutMs ?? REQUEST_TIMEOUT_MS,
      maxAttempts: MAX_ATTEMPTS,
      backoffBaseMs: deps.backoffBaseMs ?? BACKOFF_BASE_MS,
      maxRetryAfterSeconds: MAX_RETRY_AFTER_SECONDS,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      now,
    });
    return { client, source, settings };
  }

  function failureReason(error: ApiError, source: ManagerSource): string {
    const base = describeError(error);
    if (FIREFOX_SESSION_WRITES_MAY_BE_REFUSED && source.browser === 'firefox' && source.auth === 'session' && (error.kind === 'forbidden' || error.kind === 'rejected')) {
      return t('errorFirefoxSession', base);
    }
    return base;
  }

  async function readJob(): Promise<RevokeJob | null> {
    const stored = (await deps.session.get(KEYS.job)) as RevokeJob | undefined;
    if (!stored || !Array.isArray(stored.items)) return null;
    // A job left unfinished by a service worker that stopped: say so per item, never a silent loss.
    if (stored.finishedAt === null && running === null) {
      const items = stored.items.map((item): RevokeItem =>
        item.state === 'pending' || item.state === 'in-flight' ? { id: item.id, state: 'failed', reason: t('revokeInterrupted') } : item,
      );
      const repaired: RevokeJob = { ...stored, items, finishedAt: now() };
      await deps.session.set(KEYS.job, repaired);
      return repaired;
    }
    return stored;
  }

  async function runJob(ids: readonly string[]): Promise<RevokeJob> {
    const { client, source } = await context();
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const items: RevokeItem[] = unique.map((id) => ({ id, state: 'pending' }));
    const job = { jobId: `${now()}-${Math.random().toString(36).slice(2, 8)}`, startedAt: now(), finishedAt: null as number | null, items };
    let writes = Promise.resolve();
    const record = () => {
      const snapshot: RevokeJob = { ...job, items: [...items] };
      writes = writes.then(() => deps.session.set(KEYS.job, snapshot)).catch(() => undefined);
      return writes;
    };
    await record();
    await runBounded(
      unique,
      deps.concurrency ?? REVOKE_CONCURRENCY,
      async (id, index) => {
        items[index] = { id, state: 'in-flight' };
        void record();
        try {
          const result = await client.revoke(id);
          items[index] = result.ok
            ? { id, state: 'revoked', alreadyGone: result.value.alreadyGone }
            : { id, state: 'failed', error: result.error, reason: failureReason(result.error, source) };
        } catch {
          items[index] = { id, state: 'failed', error: { kind: 'network' }, reason: describeError({ kind: 'network' }) };
        }
        void record();
      },
    );
    job.finishedAt = now();
    await record();
    return { ...job, items: [...items] };
  }

  return {
    async list() {
      const { client, source } = await context();
      const result = await client.list();
      return result.ok ? { ok: true, authorizations: result.value, fetchedAt: now(), source } : { ok: false, error: result.error, source };
    },

    async revoke(ids) {
      if (running) return { ok: false, reason: t('revokeAlreadyRunning') };
      running = runJob(ids);
      try {
        return { ok: true, job: await running };
      } catch {
        return { ok: false, reason: t('revokeNotStarted') };
      } finally {
        running = null;
      }
    },

    async status() {
      const { source, settings } = await context();
      return { job: await readJob(), settings, source };
    },

    async saveSettings(settings) {
      await deps.local.set(KEYS.settings, parseSettings(settings));
      return { ok: true };
    },

    async setToken(token, remember) {
      // The token never leaves these two areas except as the Authorization header to the Azure DevOps host.
      if (remember) {
        await deps.local.set(KEYS.token, token);
        await deps.session.remove(KEYS.token);
      } else {
        await deps.session.set(KEYS.token, token);
        await deps.local.remove(KEYS.token);
      }
      return { ok: true };
    },

    async clearToken() {
      await deps.session.remove(KEYS.token);
      await deps.local.remove(KEYS.token);
      return { ok: true };
    },
  };
}
