/**
 * The activity log in storage.local: serialized read-modify-write (one service worker, many tabs), bounded
 * to the last MAX_ACTIVITY_ENTRIES, and the optional webhook (policy.webhookUrl) fed in the background
 * without ever delaying the caller. Browser access is injected.
 */
import {
  ACTIVITY_KEY,
  appendEntry,
  newEntryId,
  parseActivityLog,
  sendWebhook,
  toWebhookEvent,
  updateEntry,
  type ActivityChoice,
  type ActivityEntry,
  type WebhookEvent,
  type WebhookOptions,
  type WebhookResult,
} from './activity';
import { serialQueue } from '../core/serial';
import type { StorageArea } from '../platform/storage';

export interface ActivityLogDependencies {
  /** storage.local, where the log is kept. */
  readonly local: StorageArea;
  now(): number;
  random?(): number;
  /** The current policy's webhook URL, if any. */
  webhookUrl(): Promise<string | undefined>;
  fetch: WebhookOptions['fetch'];
  sleep?: WebhookOptions['sleep'];
  extensionVersion: string;
  maxEntries?: number;
  log?(message: string): void;
  /**
   * The webhook outbox (src/policy/outbox.ts): when given, events are queued there (kept until delivered,
   * retried across restarts) instead of being sent once with a few retries.
   */
  outbox?: { enqueue(event: WebhookEvent): Promise<unknown> };
}

export type NewActivity = Omit<ActivityEntry, 'id' | 'time' | 'choice'>;

export function createActivityLog(deps: ActivityLogDependencies) {
  const serial = serialQueue();
  const read = async () => parseActivityLog(await deps.local.get(ACTIVITY_KEY).catch(() => undefined));
  /** Webhook deliveries in flight (tests wait on them; nothing else does). */
  const deliveries = new Set<Promise<WebhookResult | null>>();

  const notify = (entry: ActivityEntry, type: 'decision' | 'choice') => {
    if (deps.outbox) {
      void deps.outbox
        .enqueue(toWebhookEvent(entry, type, deps.extensionVersion))
        .catch((error: unknown) => deps.log?.(`consent-guard: webhook outbox: ${String(error)}`));
      return;
    }
    const delivery = deps
      .webhookUrl()
      .then((url) => {
        if (!url) return null;
        return sendWebhook(url, toWebhookEvent(entry, type, deps.extensionVersion), { fetch: deps.fetch, ...(deps.sleep ? { sleep: deps.sleep } : {}) });
      })
      .then((result) => {
        if (result && !result.delivered) deps.log?.(`consent-guard: webhook not delivered after ${result.attempts} attempt(s): ${result.reason}`);
        return result;
      })
      .catch(() => null);
    deliveries.add(delivery);
    void delivery.finally(() => deliveries.delete(delivery));
  };

  return {
    /**
     * Adds an entry (choice "none") and returns its id. The caller may choose the id, so it need not wait
     * for the write: later update()/choose() calls queue behind it.
     */
    record(activity: NewActivity, id?: string): Promise<string> {
      return serial(async () => {
        const time = deps.now();
        const entry: ActivityEntry = { ...activity, id: id ?? newEntryId(time, deps.random), time, choice: 'none' };
        await deps.local.set(ACTIVITY_KEY, appendEntry(await read(), entry, deps.maxEntries));
        notify(entry, 'decision');
        return entry.id;
      });
    },
    /** A later check of the same request found it worse (page signals), or policy changed the action. */
    update(
      id: string,
      change: Pick<ActivityEntry, 'verdict' | 'action'> & Partial<Pick<ActivityEntry, 'findings' | 'forbiddenScopes' | 'listedBy'>>,
    ): Promise<void> {
      return serial(async () => {
        const log = await read();
        if (!log.some((entry) => entry.id === id)) return;
        await deps.local.set(ACTIVITY_KEY, updateEntry(log, id, change));
      });
    },
    /** The user's choice on a logged decision. */
    choose(id: string, choice: ActivityChoice): Promise<void> {
      return serial(async () => {
        const log = await read();
        const entry = log.find((candidate) => candidate.id === id);
        if (!entry || entry.choice === choice) return;
        await deps.local.set(ACTIVITY_KEY, updateEntry(log, id, { choice }));
        notify({ ...entry, choice }, 'choice');
      });
    },
    entries(): Promise<ActivityEntry[]> {
      return serial(read);
    },
    clear(): Promise<void> {
      return serial(() => deps.local.set(ACTIVITY_KEY, []));
    },
    /** Resolves when every webhook delivery started so far has finished (tests). */
    async drained(): Promise<void> {
      while (deliveries.size > 0) await Promise.all([...deliveries]);
    },
  };
}

export type ActivityLog = ReturnType<typeof createActivityLog>;
