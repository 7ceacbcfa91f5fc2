/**
 * The local activity log (no browser API; the webhook's fetch is injected): one entry per warn/danger decision, the user's choice on it, the size
 * bound, the JSON/CSV exports, and the compact webhook event. No page content and no URL query ever goes
 * into an entry: only the host, the client id, the scope names, the verdict, the action and finding ids.
 */
import { csvCell } from '../ui/csv';
import type { Action, ListedBy } from './decide';

/** Storage key (storage.local) of the log. */
export const ACTIVITY_KEY = 'activity';
/** The log keeps the most recent entries only. */
export const MAX_ACTIVITY_ENTRIES = 1000;

export type ActivityChoice = 'none' | 'dismissed' | 'trusted' | 'left' | 'continued';
export const ACTIVITY_CHOICES: readonly ActivityChoice[] = ['none', 'dismissed', 'trusted', 'left', 'continued'];

export interface ActivityEntry {
  /** Unique per entry (time + random), used to record the user's choice later. */
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly host: string;
  readonly clientId: string | null;
  readonly scopes: readonly string[];
  readonly verdict: 'warn' | 'danger';
  readonly action: Action;
  readonly choice: ActivityChoice;
  /** Finding ids (stable kebab-case), never their messages' page-derived text. */
  readonly findings: readonly string[];
  /** Requested scopes the organization forbids. */
  readonly forbiddenScopes: readonly string[];
  /**
   * Which list made it a known threat (blockedClientIds, a threat feed) and why. The feed's name and reason
   * are the feed's text: stored as text, bounded (boundListedBy). Absent in entries stored before it existed.
   */
  readonly listedBy?: readonly ListedBy[];
}

/** At most this many list matches per entry (decide() finds three at most: app, redirect host, page host). */
const MAX_LISTED_BY = 5;
const MAX_LISTED_TEXT = 300;
const MAX_LISTED_URL = 2000;

/**
 * The list matches as the log keeps them: well-formed items only, each text cut to its bound. Whatever the
 * source (a view, storage an older or tampered version wrote), the log never holds more than this.
 */
export function boundListedBy(raw: unknown): ListedBy[] {
  if (!Array.isArray(raw)) return [];
  const text = (value: unknown, max: number): string | null | undefined =>
    value === null ? null : typeof value === 'string' ? (value.length > max ? `${value.slice(0, max - 1)}…` : value) : undefined;
  const bounded: ListedBy[] = [];
  for (const item of raw as unknown[]) {
    if (bounded.length === MAX_LISTED_BY) break;
    if (typeof item !== 'object' || item === null) continue;
    const { source, kind, feed, url, value, reason } = item as Record<string, unknown>;
    const fields = {
      feed: text(feed, MAX_LISTED_TEXT),
      url: text(url, MAX_LISTED_URL),
      value: text(value, MAX_LISTED_TEXT),
      reason: text(reason, MAX_LISTED_TEXT),
    };
    if (source !== 'policy' && source !== 'feed') continue;
    if (kind !== 'app' && kind !== 'redirect' && kind !== 'host') continue;
    if (fields.feed === undefined || fields.url === undefined || typeof fields.value !== 'string' || fields.reason === undefined) continue;
    bounded.push({ source, feed: fields.feed, url: fields.url, kind, value: fields.value, reason: fields.reason });
  }
  return bounded;
}

/** Appends, dropping the oldest entries past `max`. Returns a new array. */
export function appendEntry(log: readonly ActivityEntry[], entry: ActivityEntry, max = MAX_ACTIVITY_ENTRIES): ActivityEntry[] {
  const next = [...log, entry];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** Upgrades an entry in place (a later check found it worse, or the user chose). Unknown ids leave the log as is. */
export function updateEntry(log: readonly ActivityEntry[], id: string, change: Partial<Omit<ActivityEntry, 'id'>>): ActivityEntry[] {
  return log.map((entry) => (entry.id === id ? { ...entry, ...change } : entry));
}

/** Reads whatever storage holds leniently: anything that is not a well-formed entry is dropped. */
export function parseActivityLog(raw: unknown): ActivityEntry[] {
  if (!Array.isArray(raw)) return [];
  // A malformed listedBy costs only its bad items, never the entry: a danger decision stays in the log.
  return raw
    .filter(isEntry)
    .slice(-MAX_ACTIVITY_ENTRIES)
    .map((entry) => (entry.listedBy === undefined ? entry : { ...entry, listedBy: boundListedBy(entry.listedBy) }));
}

function isEntry(value: unknown): value is ActivityEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const strings = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string');
  return (
    typeof entry.id === 'string' &&
    typeof entry.time === 'number' &&
    typeof entry.host === 'string' &&
    (entry.clientId === null || typeof entry.clientId === 'string') &&
    strings(entry.scopes) &&
    (entry.verdict === 'warn' || entry.verdict === 'danger') &&
    (entry.action === 'none' || entry.action === 'banner' || entry.action === 'block') &&
    ACTIVITY_CHOICES.includes(entry.choice as ActivityChoice) &&
    strings(entry.findings) &&
    strings(entry.forbiddenScopes)
  );
}

export function newEntryId(time: number, random: () => number = Math.random): string {
  return `${time.toString(36)}-${Math.floor(random() * 0x100000000).toString(36)}`;
}

const CSV_COLUMNS = ['time', 'host', 'clientId', 'scopes', 'verdict', 'action', 'choice', 'findings', 'forbiddenScopes', 'listedBy'] as const;

export function activityToJson(log: readonly ActivityEntry[], exportedAt: Date): string {
  const entries = log.map(({ id: _id, time, listedBy, ...rest }) => ({ time: new Date(time).toISOString(), ...rest, listedBy: listedBy ?? [] }));
  return `${JSON.stringify({ exportedAt: exportedAt.toISOString(), source: 'Consent Guard activity log', count: entries.length, entries }, null, 2)}\n`;
}

/** CSV safe against formula injection (host names and scope names come from URLs an attacker writes). */
export function activityToCsv(log: readonly ActivityEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of log) {
    const row = { ...entry, time: new Date(entry.time).toISOString(), listedBy: (entry.listedBy ?? []).map(listedByLine).join(' | ') };
    lines.push(CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One list match as one line of a CSV cell: `feed "<name>" <url> app <client id>: <reason>`, `policy blockedClientIds app <id>: <reason>`. */
function listedByLine(listed: ListedBy): string {
  const source = listed.source === 'policy' ? 'policy blockedClientIds' : `feed "${listed.feed ?? ''}"${listed.url ? ` ${listed.url}` : ''}`;
  return `${source} ${listed.kind} ${listed.value}: ${listed.reason ?? ''}`.trim();
}

/** What the webhook receives (version 1): the log entry without its local id, with an ISO time. */
export interface WebhookEvent extends Omit<ActivityEntry, 'id' | 'time'> {
  readonly v: 1;
  readonly type: 'decision' | 'choice';
  readonly time: string;
  readonly extensionVersion: string;
}

export function toWebhookEvent(entry: ActivityEntry, type: WebhookEvent['type'], extensionVersion: string): WebhookEvent {
  return {
    v: 1,
    type,
    time: new Date(entry.time).toISOString(),
    host: entry.host,
    clientId: entry.clientId,
    scopes: entry.scopes.slice(0, 50),
    verdict: entry.verdict,
    action: entry.action,
    choice: entry.choice,
    findings: entry.findings.slice(0, 30),
    forbiddenScopes: entry.forbiddenScopes.slice(0, 50),
    // Sent empty when no list matched, so a receiver's schema need not special-case it (only events queued by
    // an older version lack it).
    listedBy: boundListedBy(entry.listedBy ?? []),
    extensionVersion,
  };
}

export interface WebhookOptions {
  readonly fetch: (url: string, init: RequestInit) => Promise<{ readonly status: number }>;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Attempts in all (first try included). */
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly timeoutMs?: number;
}

export type WebhookResult =
  { readonly delivered: true; readonly attempts: number } | { readonly delivered: false; readonly attempts: number; readonly reason: string };

/**
 * POSTs one event, retrying network failures, 408, 429 and 5xx with exponential backoff (1 s, 2 s, 4 s
 * by default). Never throws: a failure is reported to the caller, never to the user's navigation.
 * `text/plain` keeps it a CORS "simple request" (no preflight); the body is JSON.
 */
export async function sendWebhook(url: string, event: WebhookEvent, options: WebhookOptions): Promise<WebhookResult> {
  const attempts = Math.max(1, Math.min(options.attempts ?? 4, 10));
  const base = options.baseDelayMs ?? 1000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const body = JSON.stringify(event);
  let reason = 'not sent';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const controller = typeof AbortController === 'function' ? new AbortController() : null;
      const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000) : null;
      try {
        const response = await options.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
          body,
          credentials: 'omit',
          cache: 'no-store',
          redirect: 'error',
          referrerPolicy: 'no-referrer',
          ...(controller ? { signal: controller.signal } : {}),
        });
        if (response.status >= 200 && response.status < 300) return { delivered: true, attempts: attempt };
        reason = `HTTP ${response.status}`;
        const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
        if (!retryable) return { delivered: false, attempts: attempt, reason };
      } finally {
        if (timer) clearTimeout(timer);
      }
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    if (attempt < attempts) await sleep(base * 2 ** (attempt - 1));
  }
  return { delivered: false, attempts, reason };
}
