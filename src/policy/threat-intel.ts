/**
 * Threat intelligence (pure): the two list shapes an admin can point `threatFeeds` at, parsed entry by entry
 * (one bad entry costs that entry, never the list), and the index decide() looks a request up in.
 *
 * Everything in a feed is hostile input: names and reasons are cut to one line of plain text and a bounded
 * length, host names are normalised and refused when they are a public suffix or a Microsoft sign-in host
 * (a feed must not be able to turn every page, or Microsoft's own sign-in, into "danger"), and a feed can only
 * ever add findings: nothing in it can make a verdict milder.
 */
import { parse as parseDomain } from 'tldts';
import { z } from 'zod';
import { TRUSTED_AUTHORIZATION_HOSTS } from '../core';
import { plainText } from './policy';

/** Entries kept per feed; the rest are counted as skipped. */
export const MAX_FEED_ENTRIES = 20_000;
const MAX_REASON = 300;
const MAX_NAME = 100;

export type IntelKind = 'app' | 'redirect' | 'host';

export interface IntelEntry {
  /** A lowercase client id (apps) or an ASCII host name (redirect and lookalike hosts). */
  readonly value: string;
  readonly reason: string;
  /** The app's display name, when the feed gives one. */
  readonly name?: string;
}

export interface FeedEntries {
  readonly apps: readonly IntelEntry[];
  readonly redirectHosts: readonly IntelEntry[];
  readonly lookalikeHosts: readonly IntelEntry[];
}

export const NO_ENTRIES: FeedEntries = { apps: [], redirectHosts: [], lookalikeHosts: [] };

export type FeedFormat = 'rogueapps' | 'consent-guard';

export type FeedParseResult =
  | { readonly ok: true; readonly format: FeedFormat; readonly name: string | null; readonly entries: FeedEntries; readonly skipped: number }
  | { readonly ok: false; readonly error: 'not-json' | 'wrong-shape' };

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const shortText = (max: number) =>
  z
    .string()
    .max(20_000)
    .transform((value) => clip(plainText(value), max));

/**
 * Huntress's RogueApps list (https://huntresslabs.github.io/rogueapps/, the JSON at
 * raw.githubusercontent.com/huntresslabs/rogueapps/main/public/rogueapps.json): a top-level array of apps,
 * each with `appId`, `appDisplayName`, `description`, `references`, `tags`, `permissions`, ... Only what we
 * use is checked; the other fields may be anything.
 */
const rogueAppSchema = z.looseObject({
  appId: z.string().regex(guid),
  appDisplayName: shortText(MAX_NAME).optional(),
  description: shortText(MAX_REASON).optional(),
});

/** Our own shape (docs/policy.md, "Threat feeds"). */
const ownFeedSchema = z.looseObject({
  consentGuardFeed: z.literal(1),
  name: shortText(MAX_NAME).optional(),
  apps: z.array(z.unknown()).optional(),
  redirectHosts: z.array(z.unknown()).optional(),
  lookalikeHosts: z.array(z.unknown()).optional(),
});
const ownAppSchema = z.looseObject({ clientId: z.string().regex(guid), name: shortText(MAX_NAME).optional(), reason: shortText(MAX_REASON) });
const ownHostSchema = z.looseObject({ host: z.string().max(300), reason: shortText(MAX_REASON) });

/** Parses a feed's body. Never throws. */
export function parseFeed(body: string): FeedParseResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, error: 'not-json' };
  }
  if (Array.isArray(json)) return parseRogueApps(json);
  const own = ownFeedSchema.safeParse(json);
  if (!own.success) return { ok: false, error: 'wrong-shape' };
  let skipped = 0;
  let kept = 0;
  const take = <T>(items: readonly unknown[] | undefined, schema: z.ZodType<T>, toEntry: (item: T) => IntelEntry | null): IntelEntry[] => {
    const entries: IntelEntry[] = [];
    for (const item of items ?? []) {
      const parsed = schema.safeParse(item);
      const entry = parsed.success && kept < MAX_FEED_ENTRIES ? toEntry(parsed.data) : null;
      if (entry === null) skipped++;
      else {
        entries.push(entry);
        kept++;
      }
    }
    return entries;
  };
  const apps = take(own.data.apps, ownAppSchema, (app) => ({ value: app.clientId.toLowerCase(), reason: app.reason, ...(app.name ? { name: app.name } : {}) }));
  const hostEntry = (item: { host: string; reason: string }) => {
    const host = listableHost(item.host);
    return host === null ? null : { value: host, reason: item.reason };
  };
  const redirectHosts = take(own.data.redirectHosts, ownHostSchema, hostEntry);
  const lookalikeHosts = take(own.data.lookalikeHosts, ownHostSchema, hostEntry);
  return { ok: true, format: 'consent-guard', name: own.data.name || null, entries: { apps, redirectHosts, lookalikeHosts }, skipped };
}

function parseRogueApps(items: readonly unknown[]): FeedParseResult {
  const apps: IntelEntry[] = [];
  let skipped = 0;
  for (const item of items) {
    const parsed = rogueAppSchema.safeParse(item);
    if (!parsed.success || apps.length >= MAX_FEED_ENTRIES) {
      skipped++;
      continue;
    }
    const { appId, appDisplayName, description } = parsed.data;
    apps.push({ value: appId.toLowerCase(), reason: description || 'listed', ...(appDisplayName ? { name: appDisplayName } : {}) });
  }
  // An array with not one usable app is not a RogueApps list at all (an error page's JSON, another feed's format).
  if (apps.length === 0 && items.length > 0) return { ok: false, error: 'wrong-shape' };
  return { ok: true, format: 'rogueapps', name: null, entries: { apps, redirectHosts: [], lookalikeHosts: [] }, skipped };
}

const TRUSTED: ReadonlySet<string> = new Set(TRUSTED_AUTHORIZATION_HOSTS.map((entry) => entry.host));

/**
 * A host a feed may list: a valid name (Unicode turned into punycode), below a public suffix (never `com` or
 * `co.uk`: that would flag whole countries), and not one of Microsoft's sign-in hosts.
 */
export function listableHost(raw: string): string | null {
  const candidate = raw.trim().toLowerCase().replace(/\.$/, '');
  if (candidate === '' || /[\s/?#@:\\]/.test(candidate)) return null;
  let host: string;
  try {
    host = new URL(`https://${candidate}/`).hostname;
  } catch {
    return null;
  }
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(host)) return null;
  const { domain } = parseDomain(host, { allowPrivateDomains: true });
  if (!domain || TRUSTED.has(host)) return null;
  return host;
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** One match: which list said so, and why. */
export interface IntelHit {
  readonly kind: IntelKind;
  /** The listed value (client id or host) that matched. */
  readonly value: string;
  /** The feed's display name (its own `name`, otherwise its host). */
  readonly feed: string;
  /** The feed's URL as the policy names it (the log says exactly which feed). */
  readonly url?: string;
  readonly reason: string;
  readonly name?: string;
}

/** What decide() looks requests up in: every feed of the current policy, the first feed listing a value wins. */
export interface ThreatIntel {
  readonly apps: ReadonlyMap<string, IntelHit>;
  readonly redirectHosts: ReadonlyMap<string, IntelHit>;
  readonly lookalikeHosts: ReadonlyMap<string, IntelHit>;
}

export const NO_INTEL: ThreatIntel = { apps: new Map(), redirectHosts: new Map(), lookalikeHosts: new Map() };

export function buildIntel(feeds: readonly { readonly feed: string; readonly url?: string; readonly entries: FeedEntries }[]): ThreatIntel {
  const apps = new Map<string, IntelHit>();
  const redirectHosts = new Map<string, IntelHit>();
  const lookalikeHosts = new Map<string, IntelHit>();
  const add = (map: Map<string, IntelHit>, kind: IntelKind, source: { feed: string; url?: string }, entries: readonly IntelEntry[]) => {
    const { feed, url } = source;
    for (const entry of entries) {
      if (!map.has(entry.value))
        map.set(entry.value, { kind, value: entry.value, feed, ...(url ? { url } : {}), reason: entry.reason, ...(entry.name ? { name: entry.name } : {}) });
    }
  };
  for (const source of feeds) {
    add(apps, 'app', source, source.entries.apps);
    add(redirectHosts, 'redirect', source, source.entries.redirectHosts);
    add(lookalikeHosts, 'host', source, source.entries.lookalikeHosts);
  }
  return { apps, redirectHosts, lookalikeHosts };
}

/** The host or the nearest listed parent domain (a listed `evil.example` covers `login.evil.example`). */
export function lookupHost(map: ReadonlyMap<string, IntelHit>, host: string): IntelHit | undefined {
  if (map.size === 0) return undefined;
  let candidate = host.toLowerCase().replace(/\.$/, '');
  for (;;) {
    const hit = map.get(candidate);
    if (hit) return hit;
    const dot = candidate.indexOf('.');
    if (dot === -1) return undefined;
    candidate = candidate.slice(dot + 1);
  }
}

/** The name a feed goes by in findings: its own name, otherwise the host it is served from. */
export function feedDisplayName(url: string, ownName: string | null): string {
  if (ownName) return ownName;
  try {
    return new URL(url).hostname;
  } catch {
    return url.slice(0, MAX_NAME);
  }
}
