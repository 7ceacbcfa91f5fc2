import { defineManifest } from '@crxjs/vite-plugin';
import packageJson from './package.json' with { type: 'json' };

/**
 * Permissions, and why each is needed (keep in step with the README):
 * - content scripts: on Microsoft's sign-in hosts the full guard at document_start (the banner must be up fast there);
 *   on every other http(s) page a tiny pre-check at document_end (a phishing clone never sits on a Microsoft host, so
 *   the check has to run everywhere). The pre-check reads only the URL and the title; on a match it sends one message
 *   and the background injects the full guard (docs/guard.md has the measured cost).
 * - scripting + host permission <all_urls>: the background injects the full guard (scripting.executeScript) into a
 *   frame whose pre-check matched, or whose navigation it rates warn/danger itself (a lookalike host with no branding).
 *   executeScript needs host access to the page. The content script on every http(s) page already brings the same
 *   install warning ("Read and change all your data on all websites"), so the prompt the user sees does not change.
 * - storage: per-tab flow state (storage.session) and settings.
 * - webNavigation: follow a tab's authorization flow from the authorize URL through the sign-in POST.
 * - host permission for the Azure DevOps API hosts: list and revoke authorizations with the user's session.
 * - contextMenus (Firefox: menus): "Check this link with Consent Guard" on links and selected text; no content script.
 */
/** The trusted authorization hosts (../shared/reference/hosts.md), http too: a downgrade must be caught early. */
const TRUSTED_SIGN_IN_PAGES = [
  'app.vssps.visualstudio.com',
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'login.live.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
].map((host) => `*://${host}/*`);

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
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  content_scripts: [
    // Microsoft's sign-in hosts: as early as possible, so the banner is up by DOMContentLoaded.
    // The same file the background injects elsewhere (src/platform/scripting.ts).
    { matches: TRUSTED_SIGN_IN_PAGES, js: ['src/content/guard-main.ts'], run_at: 'document_start', all_frames: true },
    // Everywhere else (where clones live): the pre-check only, once, when the DOM is parsed.
    { matches: ['http://*/*', 'https://*/*'], exclude_matches: TRUSTED_SIGN_IN_PAGES, js: ['src/content/index.ts'], run_at: 'document_end', all_frames: true },
  ],
  permissions: ['storage', 'webNavigation', 'scripting', 'contextMenus'],
  host_permissions: ['https://app.vssps.visualstudio.com/*', 'https://vssps.dev.azure.com/*', '<all_urls>'],
});
