/**
 * The webhook outbox: every event the admin asked for is written to storage.local first and stays there
 * until the receiver answers 2xx, so a browser that is offline, a receiver that is down, a service worker
 * that is stopped or a browser that is closed costs a delay, not an event.
 *
 * - Each event gets an id when it is queued; a retry sends the same id, so receivers de-duplicate on it
 *   (an answer lost on the way back means the event is sent again: at least once, exactly once by id).
 * - Delivery is in order, one event at a time, the oldest first.
 * - Failures (network, timeout, 408, 429, 5xx, and 401/403/404, which are usually a receiver being set up)
 *   are retried with exponential backoff (2 s doubling to 15 min; a 429/503 Retry-After is honoured up to an
 *   hour), across restarts: the next attempt's time is stored and the background sets an alarm for it.
 * - A receiver that refuses the event itself (400, 413, 415, 422) would block the queue forever: that event
 *   is set aside, counted as rejected, and the next one goes.
 * - The queue is bounded (policy `webhookQueueSize`, default 1,000): past it the oldest events are dropped,
 *   counted, and the count goes with the next delivery (`dropped`) and to the options page.
 * Browser access is injected; the unit tests drive it with in-memory storage, a scripted receiver and a clock.
 */
import { formatDelivery, type OutboxEvent, type WebhookFormat } from './webhook-formats';
import { serialQueue } from '../core/serial';
import type { StorageArea } from '../platform/storage';

export const OUTBOX_KEY = 'webhookOutbox';
export const DEFAULT_OUTBOX_SIZE = 1000;
export const DELIVERY_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 15 * 60_000;
const MAX_RETRY_AFTER_MS = 60 * 60_000;
const REJECTED = new Set([400, 413, 415, 422]);

export interface OutboxItem {
  readonly id: string;
  readonly queuedAt: number;
  readonly event: OutboxEvent;
}

export interface OutboxState {
  readonly items: readonly OutboxItem[];
  /** Dropped (queue full) since the last delivery: sent with the next one. */
  readonly dropped: number;
  readonly droppedTotal: number;
  readonly rejected: number;
  /** Failed attempts at the head of the queue, in a row. */
  readonly attempts: number;
  /** Not before this time (ms since the epoch); 0: now. */
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly lastDeliveredAt: number | null;
  readonly delivered: number;
}

export const EMPTY_OUTBOX: OutboxState = {
  items: [],
  dropped: 0,
  droppedTotal: 0,
  rejected: 0,
  attempts: 0,
  nextAttemptAt: 0,
  lastError: null,
  lastDeliveredAt: null,
  delivered: 0,
};

/** What the options page shows. */
export interface OutboxStatus {
  readonly queued: number;
  readonly droppedTotal: number;
  readonly rejected: number;
  readonly lastError: string | null;
  readonly nextAttemptAt: number | null;
  readonly lastDeliveredAt: number | null;
}

export interface OutboxConfig {
  readonly url: string;
  readonly format: WebhookFormat;
  readonly splunkHecToken?: string | undefined;
  readonly maxItems: number;
}

export interface ReceiverResponse {
  readonly status: number;
  readonly headers?: { get(name: string): string | null };
}

export interface OutboxDependencies {
  /** storage.local: the queue is kept there until delivered (it survives restarts). */
  readonly local: StorageArea;
  now(): number;
  /** The webhook settings from the current policy; null: no webhook, nothing is queued or sent. */
  config(): Promise<OutboxConfig | null>;
  fetch(url: string, init: RequestInit): Promise<ReceiverResponse>;
  /** Wake flush() at this time (the background sets a timer and an alarm, which survives restarts). */
  schedule(at: number): void;
  randomId(): string;
  timeoutMs?: number;
  log?(message: string): void;
}

/** Reads whatever storage holds leniently: a malformed item is dropped (and counted), the rest kept. */
export function parseOutbox(raw: unknown): OutboxState {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return EMPTY_OUTBOX;
  const value = raw as Record<string, unknown>;
  const count = (item: unknown) => (typeof item === 'number' && Number.isFinite(item) && item >= 0 ? item : 0);
  const all = Array.isArray(value.items) ? value.items : [];
  const items = all.filter(
    (item): item is OutboxItem =>
      typeof item === 'object' &&
      item !== null &&
      typeof item.id === 'string' &&
      typeof item.queuedAt === 'number' &&
      typeof item.event === 'object' &&
      item.event !== null &&
      typeof item.event.type === 'string',
  );
  const lost = all.length - items.length;
  return {
    items,
    dropped: count(value.dropped) + lost,
    droppedTotal: count(value.droppedTotal) + lost,
    rejected: count(value.rejected),
    attempts: count(value.attempts),
    nextAttemptAt: count(value.nextAttemptAt),
    lastError: typeof value.lastError === 'string' ? value.lastError.slice(0, 200) : null,
    lastDeliveredAt: typeof value.lastDeliveredAt === 'number' ? value.lastDeliveredAt : null,
    delivered: count(value.delivered),
  };
}

/** The wait before attempt n + 1 after n failures in a row. */
export function retryDelay(failures: number, retryAfterMs: number | null): number {
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);
  return retryAfterMs === null ? backoff : Math.max(backoff, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  if (/^\d{1,7}$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

type Attempt =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs: number | null };

export function createOutbox(deps: OutboxDependencies) {
  const serial = serialQueue();
  const read = async () => parseOutbox(await deps.local.get(OUTBOX_KEY).catch(() => undefined));
  const write = (state: OutboxState) => deps.local.set(OUTBOX_KEY, state);
  /** The event being sent (it is never the one dropped when the queue overflows meanwhile). */
  let inFlight: string | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const attempt = async (config: OutboxConfig, item: OutboxItem, dropped: number): Promise<Attempt> => {
    const request = formatDelivery({ ...item.event, id: item.id, ...(dropped > 0 ? { dropped } : {}) }, config.format, {
      splunkHecToken: config.splunkHecToken,
    });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true }));
    aborted.catch(() => undefined);
    try {
      const response = await Promise.race([
        deps.fetch(config.url, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
          credentials: 'omit',
          cache: 'no-store',
          redirect: 'error',
          referrerPolicy: 'no-referrer',
          signal: controller.signal,
        }),
        aborted,
      ]);
      if (response.status >= 200 && response.status < 300) return { kind: 'delivered' };
      const reason = `HTTP ${response.status}`;
      if (REJECTED.has(response.status)) return { kind: 'rejected', reason };
      return { kind: 'retry', reason, retryAfterMs: parseRetryAfter(response.headers?.get('retry-after'), deps.now()) };
    } catch (error) {
      return {
        kind: 'retry',
        reason: controller.signal.aborted ? 'timeout' : error instanceof Error ? error.message.slice(0, 200) : 'network error',
        retryAfterMs: null,
      };
    } finally {
      clearTimeout(timer);
    }
  };

  const drain = async (): Promise<void> => {
    for (;;) {
      const config = await deps.config().catch(() => null);
      if (!config) return;
      const state = await serial(read);
      const head = state.items[0];
      if (!head) return;
      if (deps.now() < state.nextAttemptAt) {
        deps.schedule(state.nextAttemptAt);
        return;
      }
      inFlight = head.id;
      const reported = state.dropped;
      const result = await attempt(config, head, reported).finally(() => (inFlight = null));
      const retryAt = await serial(async () => {
        const current = await read();
        const rest = current.items.filter((item) => item.id !== head.id);
        if (result.kind === 'delivered') {
          await write({
            ...current,
            items: rest,
            dropped: Math.max(0, current.dropped - reported),
            attempts: 0,
            nextAttemptAt: 0,
            lastError: null,
            lastDeliveredAt: deps.now(),
            delivered: current.delivered + 1,
          });
          return null;
        }
        if (result.kind === 'rejected') {
          deps.log?.(`consent-guard: webhook refused event ${head.id} (${result.reason}); it is set aside`);
          await write({ ...current, items: rest, rejected: current.rejected + 1, attempts: 0, nextAttemptAt: 0, lastError: result.reason });
          return null;
        }
        const attempts = current.attempts + 1;
        const at = deps.now() + retryDelay(attempts, result.retryAfterMs);
        deps.log?.(
          `consent-guard: webhook not delivered (${result.reason}); ${current.items.length} event(s) kept, next attempt in ${Math.round((at - deps.now()) / 1000)} s`,
        );
        await write({ ...current, attempts, nextAttemptAt: at, lastError: result.reason });
        return at;
      });
      if (retryAt !== null) {
        deps.schedule(retryAt);
        return;
      }
    }
  };

  const flush = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await drain().catch((error: unknown) => deps.log?.(`consent-guard: webhook outbox: ${String(error)}`));
      } while (again);
    })().finally(() => (running = null));
    return running;
  };

  return {
    /**
     * Queues an event (nothing when no webhook is set) and starts delivery. Resolves with the event's id once
     * it is stored; delivery goes on in the background (see flushed()).
     */
    async enqueue(event: OutboxEvent): Promise<string | null> {
      const config = await deps.config().catch(() => null);
      if (!config) return null;
      const id = deps.randomId();
      await serial(async () => {
        const state = await read();
        const items = [...state.items, { id, queuedAt: deps.now(), event }];
        let over = items.length - Math.max(1, config.maxItems);
        const kept: OutboxItem[] = [];
        for (const item of items) {
          if (over > 0 && item.id !== inFlight) over--;
          else kept.push(item);
        }
        const droppedNow = items.length - kept.length;
        if (droppedNow > 0) deps.log?.(`consent-guard: webhook queue full: ${droppedNow} oldest event(s) dropped`);
        await write({ ...state, items: kept, dropped: state.dropped + droppedNow, droppedTotal: state.droppedTotal + droppedNow });
      });
      void flush();
      return id;
    },

    /** Delivers what is due (a timer, an alarm, start-up, the network coming back). Never rejects. */
    flush,

    /** Resolves when the current delivery run has ended (tests). */
    async flushed(): Promise<void> {
      while (running) await running;
    },

    async status(): Promise<OutboxStatus> {
      const state = await serial(read);
      return {
        queued: state.items.length,
        droppedTotal: state.droppedTotal,
        rejected: state.rejected,
        lastError: state.lastError,
        nextAttemptAt: state.items.length > 0 && state.nextAttemptAt > 0 ? state.nextAttemptAt : null,
        lastDeliveredAt: state.lastDeliveredAt,
      };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
