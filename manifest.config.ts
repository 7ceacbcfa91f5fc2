import { defineManifest } from '@crxjs/vite-plugin';
import packageJson from './package.json' with { type: 'json' };
import { TRUSTED_AUTHORIZATION_HOST_NAMES } from './src/core/trusted-host-names';

/**
 * Permissions, and why each is needed (keep in step with the README):
 * - content script on Microsoft's sign-in hosts only: the guard at document_start (the banner must be up before the
 *   page has parsed). No content script on any other page in the default mode: the background triages every tab
 *   from what the browser tells it and injects the guard only where there is a signal (docs/guard.md).
 * - scripting + host permission <all_urls>: the background injects the guard (scripting.executeScript, our own
 *   packaged file) into the document where triage found a signal, and registers the thorough mode's scan when an
 *   admin or the user turns `scanEveryPage` on. Host access also lets tabs.onUpdated report titles and favicons.
 * - webNavigation: every frame's navigations (start, commit, history and fragment changes), and the authorization
 *   flow from the authorize URL through the sign-in POST.
 * - webRequest (observe only, never blocking): a non-Microsoft page loading Microsoft's sign-in assets is a signal.
 *   It adds no install warning beyond the host permission's.
 * - storage: per-tab flow state (storage.session) and settings.
 * - host permission for the Azure DevOps API hosts: list and revoke authorizations with the user's session.
 * - alarms: the threat feeds' scheduled refresh and the webhook outbox's retries, which must survive the service
 *   worker being stopped and the browser restarting (a timer does not).
 * - contextMenus (Firefox: menus): "Check this link with Consent Guard" on links and selected text; no content script.
 */
/** The trusted authorization hosts (../shared/reference/hosts.md), http too: a downgrade must be caught early. */
const TRUSTED_SIGN_IN_PAGES = TRUSTED_AUTHORIZATION_HOST_NAMES.map((host) => `*://${host}/*`);

export default defineManifest({
  manifest_version: 3,
  name: '__MSG_extName__',
  default_locale: 'en',
  version: packageJson.version,
  description: '__MSG_extDescription__',
  icons: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' },
  action: { default_title: 'Consent Guard', default_popup: 'src/popup/index.html' },
  // Settings, the organization's policy and the activity log (src/options/). The block page (src/blocked/) is an
  // extension page too, built through vite.config.ts; neither is web-accessible.
  options_ui: { page: 'src/options/index.html', open_in_tab: true },
  // Enterprise policy (storage.managed) for Chrome/Edge: the keys admins may set (docs/policy.md).
  storage: { managed_schema: 'managed_schema.json' },
  background: { service_worker: 'src/background/main.ts', type: 'module' },
  content_scripts: [
    // Microsoft's sign-in hosts: as early as possible, so the banner is up by DOMContentLoaded.
    // The same file the background injects elsewhere (src/platform/scripting.ts).
    { matches: TRUSTED_SIGN_IN_PAGES, js: ['src/content/guard-main.ts'], run_at: 'document_start', all_frames: true },
  ],
  permissions: ['storage', 'webNavigation', 'scripting', 'webRequest', 'alarms', 'contextMenus'],
  host_permissions: ['https://app.vssps.visualstudio.com/*', 'https://vssps.dev.azure.com/*', '<all_urls>'],
});
