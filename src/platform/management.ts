/** management: how the extension was installed (getSelf needs no permission). */
import { browser } from './browser';

/** An unpacked ("Load unpacked") or temporary (Firefox about:debugging) install: only these honour the developer policy. */
export async function isDevelopmentInstall(): Promise<boolean> {
  try {
    const self = await browser.management.getSelf();
    return self.installType === 'development';
  } catch {
    return false;
  }
}
