/**
 * Alarms (the `alarms` permission): the only timers that survive the service worker being stopped and the
 * browser being restarted. The threat feeds' refresh and the webhook outbox's retries use them.
 */
import { browser } from './browser';

const handlers = new Map<string, () => void>();
let listening = false;

/** Calls `handler` whenever the alarm `name` fires. Register at start-up (MV3 wakes the worker for it). */
export function onAlarm(name: string, handler: () => void): void {
  handlers.set(name, handler);
  if (listening) return;
  listening = true;
  browser.alarms.onAlarm.addListener((alarm) => handlers.get(alarm.name)?.());
}

/** Fires `name` once at `when` (ms since the epoch); replaces an earlier alarm of that name. Browsers round it up (Chrome: 30 s at least). */
export function alarmAt(name: string, when: number): void {
  void Promise.resolve(browser.alarms.create(name, { when })).catch(() => undefined);
}

/** Fires `name` every `minutes`, unless an alarm of that name with the same period exists (restarts keep the schedule). */
export async function alarmEvery(name: string, minutes: number): Promise<void> {
  try {
    const existing = await browser.alarms.get(name);
    if (existing && existing.periodInMinutes === minutes) return;
    await browser.alarms.create(name, { periodInMinutes: minutes, delayInMinutes: minutes });
  } catch {
    // No alarms API (an old browser): the feeds still refresh at every start.
  }
}
