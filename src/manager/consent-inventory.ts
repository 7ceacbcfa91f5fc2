/**
 * The inventory of consents this browser saw: per tab, the authorization request in progress
 * (storage.session, it survives a stopped service worker), and how each flow ended (storage.local, kept on
 * this device only; nothing leaves the browser). Browser APIs are injected, so it runs in unit tests.
 */
import type { ConsentRecord, ConsentOutcome } from '../messaging/manager-messages';
import { worseVerdict } from '../messaging/page-view';
import { isExpired, navigationOutcome, readConsentRequest, type ConsentRequest } from './consent-outcome';
import type { StorageArea } from '../platform/storage';
import { serialQueue } from '../core/serial';

export const CONSENT_KEYS = { pending: 'consents.pending', records: 'consents.records' } as const;
/** Oldest records go first beyond this (a consent a day for more than a year). */
export const MAX_CONSENT_RECORDS = 500;

interface PendingConsent {
  readonly request: ConsentRequest;
  readonly appName: string | null;
  readonly publisher: string | null;
  readonly startedAt: number;
}

/** What the guard showed for a page of the tab (its stored view): the claims and the verdict. */
export interface PageObservation {
  readonly url: string;
  readonly verdict: ConsentRecord['verdict'];
  readonly appName: string | null;
  readonly publisher: string | null;
}

export interface ConsentInventoryDeps {
  readonly session: StorageArea;
  readonly local: StorageArea;
  readonly now: () => number;
  readonly randomId?: () => string;
}

export interface ConsentInventory {
  /** A top-frame navigation (before it starts or as it commits). */
  navigation(tabId: number, url: string, userInitiated: boolean): Promise<void>;
  /** The guard's view of a page in the tab changed. */
  pageView(tabId: number, observation: PageObservation): Promise<void>;
  tabClosed(tabId: number): Promise<void>;
  /** Newest first; flows past their time are recorded as abandoned first. */
  records(): Promise<ConsentRecord[]>;
  forget(): Promise<void>;
}

/** Page-controlled text: control and bidi characters out, bounded. */
function claim(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return cleaned ? cleaned.slice(0, 200) : null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function redirectHost(redirectUri: string | null): string | null {
  return redirectUri ? hostOf(redirectUri) : null;
}

const defaultId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

function isRecord(value: unknown): value is ConsentRecord {
  const record = value as Partial<ConsentRecord> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.id === 'string' &&
    typeof record.outcome === 'string' &&
    Array.isArray(record.scopes) &&
    typeof record.endedAt === 'number'
  );
}

export function createConsentInventory(deps: ConsentInventoryDeps): ConsentInventory {
  const randomId = deps.randomId ?? defaultId;
  /** The pending map, read once from the session area; every change is written back. */
  let pending: Map<number, PendingConsent> | null = null;
  // One operation at a time: events of many tabs write the same two keys.
  const serial = serialQueue();

  async function loadPending(): Promise<Map<number, PendingConsent>> {
    if (pending) return pending;
    const stored = await deps.session.get(CONSENT_KEYS.pending).catch(() => undefined);
    pending = new Map();
    if (stored && typeof stored === 'object') {
      for (const [tab, value] of Object.entries(stored as Record<string, PendingConsent>)) {
        if (value && typeof value === 'object' && value.request && typeof value.startedAt === 'number') pending.set(Number(tab), value);
      }
    }
    return pending;
  }

  async function savePending(map: Map<number, PendingConsent>): Promise<void> {
    await deps.session.set(CONSENT_KEYS.pending, Object.fromEntries(map)).catch(() => undefined);
  }

  async function readRecords(): Promise<ConsentRecord[]> {
    const stored = await deps.local.get(CONSENT_KEYS.records).catch(() => undefined);
    return Array.isArray(stored) ? stored.filter(isRecord) : [];
  }

  async function finish(entries: readonly { consent: PendingConsent; outcome: ConsentOutcome }[]): Promise<void> {
    if (entries.length === 0) return;
    const end = deps.now();
    const added = entries.map(({ consent, outcome }): ConsentRecord => ({
      id: randomId(),
      outcome,
      kind: consent.request.kind,
      flow: consent.request.flow,
      appName: consent.appName,
      publisher: consent.publisher,
      clientId: consent.request.clientId,
      scopes: consent.request.scopes,
      verdict: consent.request.verdict,
      host: consent.request.host,
      tenant: consent.request.tenant,
      redirectHost: redirectHost(consent.request.redirectUri),
      startedAt: consent.startedAt,
      endedAt: end,
    }));
    const records = [...added.reverse(), ...(await readRecords())].slice(0, MAX_CONSENT_RECORDS);
    await deps.local.set(CONSENT_KEYS.records, records);
  }

  /** Flows past their time, in any tab, end as abandoned. */
  async function expire(map: Map<number, PendingConsent>): Promise<boolean> {
    const now = deps.now();
    const ended: { consent: PendingConsent; outcome: ConsentOutcome }[] = [];
    for (const [tab, consent] of map) {
      if (!isExpired(consent.startedAt, now)) continue;
      map.delete(tab);
      ended.push({ consent, outcome: 'abandoned' });
    }
    await finish(ended);
    return ended.length > 0;
  }

  return {
    navigation: (tabId, url, userInitiated) =>
      serial(async () => {
        const map = await loadPending();
        const current = map.get(tabId);
        const request = readConsentRequest(url);
        // The common case, every ordinary navigation: nothing pending here and no request: no storage touched.
        if (!current && !request) return;
        let changed = await expire(map);
        const live = map.get(tabId);
        if (live) {
          const outcome = navigationOutcome(live.request, url, { userInitiated });
          if (outcome !== 'unrelated') {
            map.delete(tabId);
            await finish([{ consent: live, outcome }]);
            changed = true;
          }
        }
        if (request && !map.has(tabId)) {
          map.set(tabId, { request, appName: null, publisher: null, startedAt: deps.now() });
          changed = true;
        }
        if (changed) await savePending(map);
      }),

    pageView: (tabId, observation) =>
      serial(async () => {
        const map = await loadPending();
        const live = map.get(tabId);
        // Only pages of the flow's own host: the app's redirect page says nothing about the consent screen.
        if (!live || hostOf(observation.url) !== live.request.host) return;
        const next: PendingConsent = {
          ...live,
          appName: claim(observation.appName) ?? live.appName,
          publisher: claim(observation.publisher) ?? live.publisher,
          request: { ...live.request, verdict: worseVerdict(live.request.verdict, observation.verdict) },
        };
        map.set(tabId, next);
        await savePending(map);
      }),

    tabClosed: (tabId) =>
      serial(async () => {
        const map = await loadPending();
        const live = map.get(tabId);
        if (!live) return;
        map.delete(tabId);
        await finish([{ consent: live, outcome: 'abandoned' }]);
        await savePending(map);
      }),

    records: () =>
      serial(async () => {
        const map = await loadPending();
        if (await expire(map)) await savePending(map);
        return readRecords();
      }),

    forget: () =>
      serial(async () => {
        await deps.local.remove(CONSENT_KEYS.records);
      }),
  };
}
