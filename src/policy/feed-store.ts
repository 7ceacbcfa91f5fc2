/**
 * Threat feeds in the background: fetching each feed the policy names (size cap read from the stream,
 * timeout over the whole exchange, ETag / If-None-Match, no redirect to another host), keeping the last good
 * copy in storage.local, and the index decide() reads. Browser access is injected (src/background/threat-feeds.ts
 * wires it), so the unit tests run it against in-memory storage and a scripted fetch.
 *
 * The rule that keeps the guard safe: a feed that is broken, slow, huge or hostile costs only its own update.
 * The last good copy stays in force, no verdict ever waits on the network (the index comes from memory or
 * storage), and what a feed lists can only add findings (src/policy/decide.ts).
 */
import { buildIntel, feedDisplayName, NO_ENTRIES, NO_INTEL, parseFeed, type FeedEntries, type FeedFormat, type ThreatIntel } from './threat-intel';
import { serialQueue } from '../core/serial';
import type { StorageArea } from '../platform/storage';

/** storage.local key holding every feed's record. */
export const FEEDS_KEY = 'threatFeedState';
/** Every 12 hours unless the policy says otherwise (`threatFeedRefreshMinutes`). */
export const DEFAULT_REFRESH_MINUTES = 720;
/** The largest feed body read (RogueApps is a few kilobytes); past it the download is aborted. */
export const MAX_FEED_BYTES = 2 * 1024 * 1024;
/** For the whole exchange: connecting, headers and body. */
export const FEED_TIMEOUT_MS = 30_000;
/** How long a verdict may wait for the stored feeds (storage.local) before it goes ahead with what is in memory. */
export const INTEL_READ_BUDGET_MS = 1000;

export type FeedErrorCode = 'timeout' | 'too-large' | 'http' | 'redirected' | 'not-json' | 'wrong-shape' | 'network';

export interface FeedError {
  readonly code: FeedErrorCode;
  /** The HTTP status, or the host a redirect went to. */
  readonly detail?: string;
}

/** What storage keeps per feed URL. */
export interface FeedRecord {
  readonly url: string;
  /** The feed's own name (our format), null for RogueApps or before the first good copy. */
  readonly name: string | null;
  readonly format: FeedFormat | null;
  readonly etag: string | null;
  /** When a good copy last arrived or was confirmed unchanged (304). */
  readonly lastFetched: number | null;
  /** When the last attempt started (success or not): the schedule counts from here. */
  readonly lastAttempt: number | null;
  readonly lastError: FeedError | null;
  readonly entries: FeedEntries;
  /** Entries of the last good copy that failed validation. */
  readonly skipped: number;
}

/** A feed as the options page shows it. */
export interface FeedStatus {
  readonly url: string;
  readonly name: string;
  readonly format: FeedFormat | null;
  readonly lastFetched: number | null;
  readonly lastAttempt: number | null;
  readonly lastError: FeedError | null;
  readonly counts: { readonly apps: number; readonly redirectHosts: number; readonly lookalikeHosts: number };
  readonly skipped: number;
}

/** The fetch surface used: a standard Response (a body stream, headers, status, url). */
export type FeedFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface FeedStoreDependencies {
  /** storage.local: the last good copy of each feed, which verdicts read. */
  readonly local: StorageArea;
  fetch: FeedFetch;
  now(): number;
  log?(message: string): void;
  maxBytes?: number;
  timeoutMs?: number;
  intelReadBudgetMs?: number;
}

type FetchOutcome =
  | { readonly kind: 'fresh'; readonly body: string; readonly etag: string | null }
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'failed'; readonly error: FeedError };

/** One exchange with a feed. Never throws; everything it reads is bounded in size and time. */
export async function fetchFeed(
  url: string,
  etag: string | null,
  deps: Pick<FeedStoreDependencies, 'fetch' | 'maxBytes' | 'timeoutMs'>,
): Promise<FetchOutcome> {
  const maxBytes = deps.maxBytes ?? MAX_FEED_BYTES;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deps.timeoutMs ?? FEED_TIMEOUT_MS);
  const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
  aborted.catch(() => undefined);
  try {
    const response = await Promise.race([
      deps.fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
        credentials: 'omit',
        // Our own If-None-Match decides what is fresh; the HTTP cache must not answer for the server.
        cache: 'no-store',
        redirect: 'follow',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      }),
      aborted,
    ]);
    // Redirects are followed by the browser (it hides the Location of a manual one), so the final address is
    // checked: the list must come from the host the admin named, over https.
    const finalUrl = response.url ? safeUrl(response.url) : null;
    const asked = new URL(url);
    if (finalUrl !== null && (finalUrl.protocol !== 'https:' || finalUrl.host !== asked.host)) {
      void response.body?.cancel().catch(() => undefined);
      return { kind: 'failed', error: { code: 'redirected', detail: finalUrl.host.slice(0, 253) } };
    }
    if (response.status === 304 && etag) {
      void response.body?.cancel().catch(() => undefined);
      return { kind: 'not-modified' };
    }
    if (response.status < 200 || response.status > 299) {
      void response.body?.cancel().catch(() => undefined);
      return { kind: 'failed', error: { code: 'http', detail: String(response.status) } };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      void response.body?.cancel().catch(() => undefined);
      return { kind: 'failed', error: { code: 'too-large' } };
    }
    const body = await readCapped(response, maxBytes, aborted);
    if (body === null) return { kind: 'failed', error: { code: 'too-large' } };
    if (body === undefined) return { kind: 'failed', error: { code: 'not-json' } };
    const tag = response.headers.get('etag');
    return { kind: 'fresh', body, etag: tag && tag.length <= 200 ? tag : null };
  } catch {
    return { kind: 'failed', error: { code: timedOut ? 'timeout' : 'network' } };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** The body as text, or null past the cap (the download is cancelled there), or undefined when it is not UTF-8. */
async function readCapped(response: Response, maxBytes: number, aborted: Promise<never>): Promise<string | null | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        void reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

const emptyRecord = (url: string): FeedRecord => ({
  url,
  name: null,
  format: null,
  etag: null,
  lastFetched: null,
  lastAttempt: null,
  lastError: null,
  entries: NO_ENTRIES,
  skipped: 0,
});

/** Reads stored records leniently: a record that is not well-formed is dropped (it is fetched again). */
export function parseFeedRecords(raw: unknown): Record<string, FeedRecord> {
  const records: Record<string, FeedRecord> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return records;
  for (const [url, value] of Object.entries(raw)) {
    if (isRecord(value) && value.url === url) records[url] = value;
  }
  return records;
}

function isRecord(value: unknown): value is FeedRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const entries = record.entries as Record<string, unknown> | undefined;
  const list = (items: unknown) =>
    Array.isArray(items) &&
    items.every(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as { value?: unknown }).value === 'string' &&
        typeof (item as { reason?: unknown }).reason === 'string',
    );
  const time = (item: unknown) => item === null || typeof item === 'number';
  return (
    typeof record.url === 'string' &&
    (record.name === null || typeof record.name === 'string') &&
    (record.etag === null || typeof record.etag === 'string') &&
    time(record.lastFetched) &&
    time(record.lastAttempt) &&
    typeof record.skipped === 'number' &&
    typeof entries === 'object' &&
    entries !== null &&
    list(entries.apps) &&
    list(entries.redirectHosts) &&
    list(entries.lookalikeHosts)
  );
}

export function feedStatus(url: string, record: FeedRecord | undefined): FeedStatus {
  const current = record ?? emptyRecord(url);
  return {
    url,
    name: feedDisplayName(url, current.name),
    format: current.format,
    lastFetched: current.lastFetched,
    lastAttempt: current.lastAttempt,
    lastError: current.lastError,
    counts: { apps: current.entries.apps.length, redirectHosts: current.entries.redirectHosts.length, lookalikeHosts: current.entries.lookalikeHosts.length },
    skipped: current.skipped,
  };
}

export function createFeedStore(deps: FeedStoreDependencies) {
  const serial = serialQueue();
  /** The records as last read or written; null: read storage again. */
  let records: Record<string, FeedRecord> | null = null;
  let index: { key: string; intel: ThreatIntel } | null = null;

  const load = async (): Promise<Record<string, FeedRecord>> => {
    records ??= parseFeedRecords(await deps.local.get(FEEDS_KEY).catch(() => undefined));
    return records;
  };

  const update = async (url: string, change: (record: FeedRecord) => FeedRecord, keep: readonly string[]): Promise<void> => {
    const current = await load();
    const next: Record<string, FeedRecord> = {};
    // Feeds the policy no longer names are forgotten.
    for (const kept of keep) if (current[kept]) next[kept] = current[kept];
    next[url] = change(current[url] ?? emptyRecord(url));
    records = next;
    index = null;
    await deps.local.set(FEEDS_KEY, next).catch((error: unknown) => deps.log?.(`consent-guard: could not store threat feed ${url}: ${String(error)}`));
  };

  const refreshOne = async (url: string, keep: readonly string[]): Promise<void> => {
    const started = deps.now();
    const before = (await load())[url];
    const outcome = await fetchFeed(url, before && before.lastFetched !== null ? before.etag : null, deps);
    if (outcome.kind === 'not-modified') {
      await update(url, (record) => ({ ...record, lastAttempt: started, lastFetched: deps.now(), lastError: null }), keep);
      return;
    }
    const parsed = outcome.kind === 'fresh' ? parseFeed(outcome.body) : null;
    if (outcome.kind === 'failed' || parsed === null || !parsed.ok) {
      const error: FeedError = outcome.kind === 'failed' ? outcome.error : { code: parsed && !parsed.ok ? parsed.error : 'not-json' };
      deps.log?.(`consent-guard: threat feed ${url} not updated (${error.code}${error.detail ? ` ${error.detail}` : ''}); the last good copy stays in use`);
      // The last good copy (entries, ETag) is kept as it was.
      await update(url, (record) => ({ ...record, lastAttempt: started, lastError: error }), keep);
      return;
    }
    const etag = outcome.kind === 'fresh' ? outcome.etag : null;
    await update(
      url,
      () => ({
        url,
        name: parsed.name,
        format: parsed.format,
        etag,
        lastFetched: deps.now(),
        lastAttempt: started,
        lastError: null,
        entries: parsed.entries,
        skipped: parsed.skipped,
      }),
      keep,
    );
  };

  const readIntel = async (urls: readonly string[]): Promise<ThreatIntel> => {
    const key = urls.join('\n');
    if (index && index.key === key) return index.intel;
    const current = await load();
    const intel = buildIntel(
      urls.flatMap((url) => (current[url] ? [{ feed: feedDisplayName(url, current[url].name), url, entries: current[url].entries }] : [])),
    );
    index = { key, intel };
    return intel;
  };

  return {
    /**
     * Fetches the feeds that are due (never attempted, or last attempted `maxAgeMs` ago or more; all with
     * `force`), one after the other. Forgets feeds not in `urls`. Never rejects.
     */
    refresh(urls: readonly string[], options: { readonly maxAgeMs?: number; readonly force?: boolean } = {}): Promise<void> {
      return serial(async () => {
        const maxAge = options.maxAgeMs ?? DEFAULT_REFRESH_MINUTES * 60_000;
        const current = await load();
        // An empty list may be a policy store that has not answered yet: the stored copies stay until a list replaces them.
        const stale = urls.length === 0 ? [] : Object.keys(current).filter((url) => !urls.includes(url));
        if (stale.length > 0) {
          const next = Object.fromEntries(Object.entries(current).filter(([url]) => urls.includes(url)));
          records = next;
          index = null;
          await deps.local.set(FEEDS_KEY, next).catch(() => undefined);
        }
        for (const url of urls) {
          const record = (await load())[url];
          const due = options.force === true || !record || record.lastAttempt === null || deps.now() - record.lastAttempt >= maxAge;
          if (due) await refreshOne(url, urls).catch((error: unknown) => deps.log?.(`consent-guard: threat feed ${url}: ${String(error)}`));
        }
      });
    },

    /**
     * The index for these feeds, from memory or storage.local, never from the network. A storage read slower
     * than the budget gives the feeds in memory (none after a restart) for this verdict and is used from the next.
     */
    async intel(urls: readonly string[]): Promise<ThreatIntel> {
      if (urls.length === 0) return NO_INTEL;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const budget = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), deps.intelReadBudgetMs ?? INTEL_READ_BUDGET_MS)));
      const read = readIntel(urls).catch(() => NO_INTEL);
      const result = await Promise.race([read, budget]).finally(() => clearTimeout(timer));
      if (result === null) {
        deps.log?.('consent-guard: stored threat feeds are slow to load; using them from the next check');
        return NO_INTEL;
      }
      return result;
    },

    async statuses(urls: readonly string[]): Promise<FeedStatus[]> {
      const current = await serial(load);
      return urls.map((url) => feedStatus(url, current[url]));
    },

    /** storage.local changed under us (another context): read it again. */
    invalidate(): void {
      records = null;
      index = null;
    },
  };
}

export type FeedStore = ReturnType<typeof createFeedStore>;
