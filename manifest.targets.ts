import type { ManifestV3Export } from '@crxjs/vite-plugin';
import type { ConfigEnv } from 'vite';

/**
 * One manifest (manifest.config.ts), two builds. `vite build` makes the Chromium build (Chrome, Edge) in dist/;
 * `vite build --mode firefox` derives the Firefox build in dist-firefox/ from the same manifest here, so there is
 * no second manifest to keep in step by hand.
 *
 * Minimum versions (README "Install and package"; test/unit/packaging.test.ts keeps the README in step):
 * - Chrome/Edge 114: the banner goes into the top layer with the Popover API (showPopover, :popover-open: 114);
 *   storage.session (102), scripting.executeScript with injectImmediately (102) and MV3 itself (88) are older.
 * - Firefox 140 (the current ESR): browser_specific_settings.gecko.data_collection_permissions (140), which
 *   addons.mozilla.org requires of new add-ons; MV3 host permissions granted at install (127; before, the user had to
 *   grant them by hand and the guard did not run until then); the Popover API (125); storage.session (115);
 *   background type "module" (112); scripting.executeScript with injectImmediately (102).
 *   Firefox for Android reads data_collection_permissions from 142 on; older ones ignore the key (a linter warning).
 */
export const MIN_CHROMIUM_VERSION = 114;
export const MIN_FIREFOX_VERSION = 140;
/** The add-on id Firefox needs for MV3 (and AMO keeps for the life of the add-on). */
export const GECKO_ID = 'consent-guard@consent-guard.example';

export type TargetBrowser = 'chrome' | 'firefox';

export function browserForMode(mode: string): TargetBrowser {
  return mode === 'firefox' ? 'firefox' : 'chrome';
}

/** esbuild/oxc syntax target for the bundles: never newer than the minimum versions above. */
export function buildTarget(browser: TargetBrowser): string {
  return browser === 'firefox' ? `firefox${MIN_FIREFOX_VERSION}` : `chrome${MIN_CHROMIUM_VERSION}`;
}

type Manifest = Exclude<Awaited<ManifestV3Export>, (...args: never[]) => unknown>;
// Keys Firefox does not support; dropped from its manifest so the linter and about:debugging stay quiet.
// (storage.managed_schema: Firefox takes managed storage from the enterprise policies.json, keyed by GECKO_ID.)
export const CHROMIUM_ONLY_KEYS = ['minimum_chrome_version', 'key', 'update_url', 'storage', 'side_panel', 'offline_enabled', 'export', 'import'] as const;

async function resolve(manifest: ManifestV3Export, env: ConfigEnv): Promise<Manifest> {
  const value = typeof manifest === 'function' ? await manifest(env) : await manifest;
  // A copy: the same manifest object may serve both builds in one process.
  return structuredClone(value);
}

/** The manifest for one browser, derived from the shared one at build time. */
export function manifestFor(manifest: ManifestV3Export, browser: TargetBrowser): ManifestV3Export {
  return async (env: ConfigEnv) => {
    const base = await resolve(manifest, env);
    if (browser === 'chrome') return { ...base, minimum_chrome_version: String(MIN_CHROMIUM_VERSION) };
    const firefox: Record<string, unknown> = { ...base };
    for (const key of CHROMIUM_ONLY_KEYS) delete firefox[key];
    // Firefox names the context-menu permission "menus" (contextMenus is only an alias there).
    if (base.permissions) firefox.permissions = base.permissions.map((permission) => (permission === 'contextMenus' ? 'menus' : permission));
    const background = base.background;
    if (background && 'service_worker' in background) {
      // Firefox MV3 runs the background as an event page (background.scripts), not as a service worker.
      // crx reads scripts[0] as the entry and writes its loader there with type "module".
      firefox.background = { scripts: [background.service_worker] };
    }
    const existing = (base.browser_specific_settings ?? {}) as Record<string, unknown>;
    firefox.browser_specific_settings = {
      ...existing,
      gecko: {
        id: GECKO_ID,
        strict_min_version: `${MIN_FIREFOX_VERSION}.0`,
        // Nothing leaves the browser for us: the only requests go to Azure DevOps on the user's behalf.
        data_collection_permissions: { required: ['none'] },
        ...((existing.gecko as Record<string, unknown> | undefined) ?? {}),
      },
    };
    return firefox as unknown as Manifest;
  };
}
