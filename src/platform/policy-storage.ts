/**
 * Browser access for enterprise policy, user settings and the activity log (storage.managed, storage.local,
 * management.getSelf), over ./browser. Everything that decides lives in src/policy/.
 */
import { browser } from './browser';

/** storage.managed as the admin set it; undefined when the browser has no managed storage for us (Firefox without a managed manifest throws). */
export async function readManagedStorage(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    return undefined;
  }
}

export async function readLocal(key: string): Promise<unknown> {
  return (await browser.storage.local.get(key))[key];
}

export async function writeLocal(key: string, value: unknown): Promise<void> {
  await browser.storage.local.set({ [key]: value });
}

/** An unpacked ("Load unpacked") or temporary (Firefox about:debugging) install. getSelf needs no permission. */
export async function isDevelopmentInstall(): Promise<boolean> {
  try {
    const self = await browser.management.getSelf();
    return self.installType === 'development';
  } catch {
    return false;
  }
}

/** Calls back with the area and changed keys of every storage change. */
export function onStorageChanged(listener: (area: string, keys: readonly string[]) => void): void {
  browser.storage.onChanged.addListener((changes, area) => listener(area, Object.keys(changes)));
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

/** An extension page's URL (`chrome-extension://<id>/<path>`). */
export function extensionPageUrl(path: string): string {
  return browser.runtime.getURL(path);
}

/** The tab an extension page is shown in (no "tabs" permission needed). */
export async function currentTabId(): Promise<number | null> {
  const tab = await browser.tabs.getCurrent();
  return tab?.id ?? null;
}
