/**
 * The manager's background logic, free of browser APIs: storage areas, fetch and clock are injected,
 * so it runs unchanged in unit tests. The background keeps a revoke job going when the popup closes and
 * records its progress in the session area, so a reopened popup shows it.
 *
 * Sign-ins: the browser session (cookies), and one personal access token per organization. Since
 * 2026-12-01 a token is valid for one organization only, so each token is kept under its organization's
 * name and sent only to that organization's host (settings.ts `tokenApiBaseUrl`). Every sign-in is asked
 * for the list; the popup shows the answers together, each row naming who answered.
 */
import { t } from '../platform/i18n';
import type { StorageArea } from '../platform/storage';
import { createDelegatedAuthClient, type Auth, type DelegatedAuthClient } from './api/client';
import { describeError, describeSourceError, type ApiError } from './api/errors';
import { runBounded } from './api/queue';
import { throttledRevokeReason } from './revoke-summary';
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
  tokenApiBaseUrl,
  type ManagerSettings,
} from './settings';
import {
  sourceKeyOf,
  type ManagerAckResponse,
  type ManagerListResponse,
  type ManagerRevokeResponse,
  type ManagerSource,
  type ManagerStatusResponse,
  type RevokeItem,
  type RevokeJob,
  type SourceKey,
  type SourceListResult,
} from '../messaging/manager-messages';

export interface ManagerServiceDeps {
  readonly fetch: typeof fetch;
  /** storage.session: the token by default, and revoke progress. */
  readonly session: StorageArea;
  /** storage.local: settings, and the token only when the user chose to remember it. */
  readonly local: StorageArea;
  readonly browser: 'chromium' | 'firefox';
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly timeoutMs?: number;
  readonly backoffBaseMs?: number;
  readonly concurrency?: number;
}

export const KEYS = {
  /** A token saved before tokens had an organization (a global token). Kept, never used, until forgotten. */
  token: 'manager.token',
  /** `{ [organization]: token }`, in the session area (default) or the local one (remembered). */
  tokens: 'manager.tokens',
  settings: 'manager.settings',
  job: 'manager.revokeJob',
} as const;

export interface RevokeTarget {
  readonly id: string;
  readonly source: SourceKey;
}

export interface ManagerService {
  /** Asks every sign-in; never rejects. */
  list(): Promise<ManagerListResponse>;
  /** Resolves when the whole job is done; progress is readable through status() meanwhile. */
  revoke(targets: readonly RevokeTarget[]): Promise<ManagerRevokeResponse>;
  status(): Promise<ManagerStatusResponse>;
  saveSettings(settings: ManagerSettings): Promise<ManagerAckResponse>;
  /** Checks the token against its organization first: one Azure DevOps refuses is not kept. */
  setToken(organization: string, token: string, remember: boolean): Promise<ManagerAckResponse>;
  /** '' forgets every token. */
  clearToken(organization: string): Promise<ManagerAckResponse>;
}

const isToken = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

type TokenMap = Record<string, string>;
function tokenMap(value: unknown): TokenMap {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const result: TokenMap = {};
  for (const [organization, token] of Object.entries(value as Record<string, unknown>)) {
    if (/^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/.test(organization) && isToken(token)) result[organization] = token;
  }
  return result;
}

interface Signin {
  readonly source: ManagerSource;
  readonly auth: Auth;
}

export function createManagerService(deps: ManagerServiceDeps): ManagerService {
  const now = deps.now ?? Date.now;
  let running: Promise<RevokeJob> | null = null;

  const clientFor = (signin: Signin): DelegatedAuthClient =>
    createDelegatedAuthClient({
      fetch: deps.fetch,
      baseUrl: signin.source.baseUrl,
      apiVersion: signin.source.apiVersion,
      auth: signin.auth,
      timeoutMs: deps.timeoutMs ?? REQUEST_TIMEOUT_MS,
      maxAttempts: MAX_ATTEMPTS,
      backoffBaseMs: deps.backoffBaseMs ?? BACKOFF_BASE_MS,
      maxRetryAfterSeconds: MAX_RETRY_AFTER_SECONDS,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      now,
    });

  /** A global token saved with an organization under Advanced was already used against that organization: it moves there. */
  async function migrateLegacyToken(settings: ManagerSettings): Promise<boolean> {
    for (const area of [deps.session, deps.local]) {
      const legacy = await area.get(KEYS.token);
      if (!isToken(legacy)) continue;
      if (!settings.organization) return true;
      const tokens = tokenMap(await area.get(KEYS.tokens));
      tokens[settings.organization.toLowerCase()] ??= legacy;
      await area.set(KEYS.tokens, tokens);
      await area.remove(KEYS.token);
    }
    return false;
  }

  async function signins(): Promise<{ signins: Signin[]; settings: ManagerSettings; legacyToken: boolean }> {
    const settings = parseSettings(await deps.local.get(KEYS.settings));
    const legacyToken = await migrateLegacyToken(settings);
    const version = apiVersion(settings);
    const list: Signin[] = [
      {
        source: {
          key: 'session',
          auth: 'session',
          organization: null,
          baseUrl: apiBaseUrl(settings),
          apiVersion: version,
          tokenRemembered: false,
          browser: deps.browser,
        },
        auth: { kind: 'session' },
      },
    ];
    const remembered = tokenMap(await deps.local.get(KEYS.tokens));
    const forSession = tokenMap(await deps.session.get(KEYS.tokens));
    const organizations = [...new Set([...Object.keys(forSession), ...Object.keys(remembered)])].sort();
    for (const organization of organizations) {
      const token = forSession[organization] ?? remembered[organization];
      if (!token) continue;
      list.push({
        source: {
          key: sourceKeyOf(organization),
          auth: 'pat',
          organization,
          baseUrl: tokenApiBaseUrl(organization),
          apiVersion: version,
          tokenRemembered: !(organization in forSession),
          browser: deps.browser,
        },
        auth: { kind: 'pat', token },
      });
    }
    return { signins: list, settings, legacyToken };
  }

  function failureReason(error: ApiError, source: ManagerSource): string {
    const base =
      error.kind === 'throttled'
        ? throttledRevokeReason(error.retryAfterSeconds, now())
        : describeSourceError(error, source.auth === 'pat' ? source.organization : null);
    if (
      FIREFOX_SESSION_WRITES_MAY_BE_REFUSED &&
      source.browser === 'firefox' &&
      source.auth === 'session' &&
      (error.kind === 'forbidden' || error.kind === 'rejected')
    ) {
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
        item.state === 'pending' || item.state === 'in-flight' || item.state === 'waiting'
          ? { id: item.id, ...(item.source ? { source: item.source } : {}), state: 'failed', reason: t('revokeInterrupted') }
          : item,
      );
      const repaired: RevokeJob = { ...stored, items, finishedAt: now() };
      await deps.session.set(KEYS.job, repaired);
      return repaired;
    }
    return stored;
  }

  async function runJob(targets: readonly RevokeTarget[]): Promise<RevokeJob> {
    const { signins: available } = await signins();
    const bySource = new Map(available.map((signin) => [signin.source.key, { signin, client: clientFor(signin) }]));
    const seen = new Set<string>();
    const unique: RevokeTarget[] = [];
    for (const target of targets) {
      const id = target.id.toLowerCase();
      if (seen.has(id)) continue;
      seen.add(id);
      unique.push({ id, source: target.source });
    }
    const items: RevokeItem[] = unique.map(({ id, source }) => ({ id, source, state: 'pending' }));
    const job = { jobId: `${now()}-${Math.random().toString(36).slice(2, 8)}`, startedAt: now(), finishedAt: null as number | null, items };
    let writes = Promise.resolve();
    const record = () => {
      const snapshot: RevokeJob = { ...job, items: [...items] };
      writes = writes.then(() => deps.session.set(KEYS.job, snapshot)).catch(() => undefined);
      return writes;
    };
    await record();
    await runBounded(unique, deps.concurrency ?? REVOKE_CONCURRENCY, async ({ id, source }, index) => {
      const target = bySource.get(source);
      if (!target) {
        // The token that listed it was forgotten meanwhile: nothing was sent.
        items[index] = { id, source, state: 'failed', reason: t('managerRevokeNoSignin') };
        void record();
        return;
      }
      items[index] = { id, source, state: 'in-flight' };
      void record();
      try {
        const result = await target.client.revoke(id, {
          onWait: (until) => {
            items[index] = { id, source, state: 'waiting', waitUntil: until };
            void record();
          },
        });
        items[index] = result.ok
          ? { id, source, state: 'revoked', alreadyGone: result.value.alreadyGone }
          : { id, source, state: 'failed', error: result.error, reason: failureReason(result.error, target.signin.source) };
      } catch {
        items[index] = { id, source, state: 'failed', error: { kind: 'network' }, reason: describeError({ kind: 'network' }) };
      }
      void record();
    });
    job.finishedAt = now();
    await record();
    return { ...job, items: [...items] };
  }

  function areaFor(remember: boolean) {
    return remember ? { keep: deps.local, drop: deps.session } : { keep: deps.session, drop: deps.local };
  }

  return {
    async list() {
      const { signins: all } = await signins();
      const results = await Promise.all(
        all.map(async (signin): Promise<SourceListResult> => {
          const result = await clientFor(signin)
            .list()
            .catch(() => ({ ok: false as const, error: { kind: 'network' as const } }));
          return result.ok ? { source: signin.source, ok: true, authorizations: result.value } : { source: signin.source, ok: false, error: result.error };
        }),
      );
      return { results, fetchedAt: now() };
    },

    async revoke(targets) {
      if (running) return { ok: false, reason: t('revokeAlreadyRunning') };
      running = runJob(targets);
      try {
        return { ok: true, job: await running };
      } catch {
        return { ok: false, reason: t('revokeNotStarted') };
      } finally {
        running = null;
      }
    },

    async status() {
      const { signins: all, settings, legacyToken } = await signins();
      return { job: await readJob(), settings, sources: all.map((signin) => signin.source), legacyToken };
    },

    async saveSettings(settings) {
      await deps.local.set(KEYS.settings, parseSettings(settings));
      return { ok: true };
    },

    async setToken(organizationInput, token, remember) {
      const organization = organizationInput.trim().toLowerCase();
      const { settings } = await signins();
      const signin: Signin = {
        source: {
          key: sourceKeyOf(organization),
          auth: 'pat',
          organization,
          baseUrl: tokenApiBaseUrl(organization),
          apiVersion: apiVersion(settings),
          tokenRemembered: remember,
          browser: deps.browser,
        },
        auth: { kind: 'pat', token },
      };
      // Ask the organization first: a token of another organization, or a global one, is refused with 401.
      const check = await clientFor(signin)
        .list()
        .catch(() => ({ ok: false as const, error: { kind: 'network' as const } }));
      if (!check.ok && (check.error.kind === 'signed-out' || check.error.kind === 'forbidden'))
        return { ok: false, reason: failureReason(check.error, signin.source) };
      // The token never leaves these two areas except as the Authorization header to its organization's host.
      const { keep, drop } = areaFor(remember);
      const kept = tokenMap(await keep.get(KEYS.tokens));
      kept[organization] = token;
      await keep.set(KEYS.tokens, kept);
      const dropped = tokenMap(await drop.get(KEYS.tokens));
      if (organization in dropped) {
        delete dropped[organization];
        await drop.set(KEYS.tokens, dropped);
      }
      return { ok: true };
    },

    async clearToken(organizationInput) {
      const organization = organizationInput.trim().toLowerCase();
      for (const area of [deps.session, deps.local]) {
        if (!organization) {
          await area.remove(KEYS.tokens);
          await area.remove(KEYS.token);
          continue;
        }
        const tokens = tokenMap(await area.get(KEYS.tokens));
        if (!(organization in tokens)) continue;
        delete tokens[organization];
        await area.set(KEYS.tokens, tokens);
      }
      return { ok: true };
    },
  };
}
