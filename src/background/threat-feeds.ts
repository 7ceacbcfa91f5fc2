/**
 * Threat feeds in the service worker: the feed store (src/policy/feed-store.ts) over storage.local and fetch,
 * refreshed at start-up, when the policy changes and on an alarm (policy `threatFeedRefreshMinutes`, default
 * every 12 hours). Verdicts read the stored copy only (intel()); nothing here waits on the network.
 */
import type { BackgroundPlatform } from '../platform/background-platform';
import type { StorageArea } from '../platform/storage';
import { createFeedStore, DEFAULT_REFRESH_MINUTES, type FeedStatus } from '../policy/feed-store';
import type { ManagedPolicy } from '../policy/policy';
import { NO_INTEL, type ThreatIntel } from '../policy/threat-intel';

const ALARM = 'consent-guard-threat-feeds';

export function createThreatFeeds(
  currentPolicy: () => Promise<{ readonly policy: ManagedPolicy }>,
  local: StorageArea,
  platform: Pick<BackgroundPlatform, 'alarms' | 'fetch' | 'now' | 'log'>,
) {
  const { log } = platform;
  const { onAlarm, alarmEvery } = platform.alarms;
  const store = createFeedStore({
    local,
    fetch: (url, init) => platform.fetch(url, init),
    now: platform.now,
    log,
  });
  const settings = async () => {
    const { policy } = await currentPolicy();
    return { urls: policy.threatFeeds ?? [], minutes: policy.threatFeedRefreshMinutes ?? DEFAULT_REFRESH_MINUTES };
  };
  /** Fetches the feeds that are due; new feeds (never fetched) always are. */
  const refresh = async (force = false): Promise<void> => {
    const { urls, minutes } = await settings();
    await store.refresh(urls, { maxAgeMs: minutes * 60_000, force });
    if (urls.length > 0) await alarmEvery(ALARM, minutes);
  };
  onAlarm(ALARM, () => void refresh(true).catch((error: unknown) => log(`consent-guard: threat feeds: ${String(error)}`)));
  return {
    refresh,
    async intel(): Promise<ThreatIntel> {
      const { urls } = await settings().catch(() => ({ urls: [] as string[] }));
      return urls.length === 0 ? NO_INTEL : store.intel(urls);
    },
    async statuses(): Promise<FeedStatus[]> {
      return store.statuses((await settings()).urls);
    },
  };
}
