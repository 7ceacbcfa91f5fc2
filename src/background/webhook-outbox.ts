/**
 * The webhook outbox (src/policy/outbox.ts) in the service worker: storage.local, fetch, a timer for short
 * waits and an alarm for the rest (the alarm survives the worker being stopped and the browser restarting),
 * a flush at start-up and when the network comes back. The activity log and consent events
 * (src/policy/consent-events.ts, policy `reportAllConsents`) queue here; src/background/policy.ts wires both.
 */
import type { BackgroundPlatform } from '../platform/background-platform';
import type { StorageArea } from '../platform/storage';
import { createOutbox, DEFAULT_OUTBOX_SIZE, type OutboxConfig } from '../policy/outbox';
import type { ManagedPolicy } from '../policy/policy';

const ALARM = 'consent-guard-webhook';
export function createWebhookOutbox(
  currentPolicy: () => Promise<{ readonly policy: ManagedPolicy }>,
  local: StorageArea,
  platform: Pick<BackgroundPlatform, 'runtime' | 'alarms' | 'fetch' | 'now' | 'log'>,
) {
  const { log } = platform;
  const { onAlarm, alarmAt } = platform.alarms;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const config = async (): Promise<OutboxConfig | null> => {
    const { policy } = await currentPolicy();
    if (!policy.webhookUrl) return null;
    return {
      url: policy.webhookUrl,
      format: policy.webhookFormat ?? 'json',
      splunkHecToken: policy.splunkHecToken,
      maxItems: policy.webhookQueueSize ?? DEFAULT_OUTBOX_SIZE,
    };
  };
  const outbox = createOutbox({
    local,
    now: platform.now,
    config,
    fetch: (url, init) => platform.fetch(url, init),
    schedule: (at) => {
      // A timer while the worker lives, an alarm in case it does not.
      clearTimeout(timer);
      timer = setTimeout(() => void outbox.flush(), Math.max(0, at - platform.now()));
      alarmAt(ALARM, at);
    },
    randomId: () => crypto.randomUUID(),
    log,
  });
  onAlarm(ALARM, () => void outbox.flush());
  platform.runtime.onBackOnline(() => void outbox.flush());
  return outbox;
}
