/** Changes to storage.session, all keys at once (the consent inventory follows the guard's per-tab records). */
import { browser } from './browser';

export function onSessionChanges(listener: (changes: Readonly<Record<string, unknown>>) => void): void {
  browser.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'session') return;
    const values: Record<string, unknown> = {};
    for (const [key, change] of Object.entries(changes)) values[key] = change.newValue;
    listener(values);
  });
}
