/** management: how the extension was installed (getSelf needs no permission). */
import { browser } from './browser';

/**
 * Whether the guard can look into files opened from this computer (HTML attachments). Chromium: the user's "Allow
 * access to file URLs" switch on the extension's details page (off by default, on for an unpacked install).
 * Firefox lets no extension into them (and its `isAllowedFileSchemeAccess()` always says false).
 */
export async function fileAccess(family: 'chromium' | 'firefox'): Promise<FileAccess> {
  if (family === 'firefox') return 'unavailable';
  try {
    return (await browser.extension.isAllowedFileSchemeAccess()) ? 'allowed' : 'off';
  } catch {
    return 'off';
  }
}
export type FileAccess = 'allowed' | 'off' | 'unavailable';

/** An unpacked ("Load unpacked") or temporary (Firefox about:debugging) install: only these honour the developer policy. */
export async function isDevelopmentInstall(): Promise<boolean> {
  try {
    const self = await browser.management.getSelf();
    return self.installType === 'development';
  } catch {
    return false;
  }
}
