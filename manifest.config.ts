import { defineManifest } from '@crxjs/vite-plugin';
import packageJson from './package.json' with { type: 'json' };

/**
 * Permissions, and why each is needed (keep in step with the README):
 * - content script on every http(s) page (document_start on Microsoft's sign-in hosts, document_end elsewhere):
 *   a phishing clone never sits on a Microsoft host, so the page check has to run everywhere. It only tests the URL, one selector and the title, touches no
 *   extension API, and stays idle on ordinary pages (docs/guard.md has the measured cost).
 * - storage: per-tab flow state (storage.session) and settings.
 * - webNavigation: follow a tab's authorization flow from the authorize URL through the sign-in POST.
 * - host permission for the Azure DevOps API hosts: list and revoke authorizations with the user's session.
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
  name: 'Consent Guard',
  version: packageJson.version,
  description: 'Warns before you authorize an app on your Azure DevOps account, and helps you revoke access.',
  icons: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' },
  action: { default_title: 'Consent Guard', default_popup: 'src/popup/index.html' },
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  content_scripts: [
    // Microsoft's sign-in hosts: as early as possible, so the banner is up by DOMContentLoaded.
    { matches: TRUSTED_SIGN_IN_PAGES, js: ['src/content/index.ts'], run_at: 'document_start', all_frames: true },
    // Everywhere else (where clones live): once, when the DOM is parsed; cheaper than a listener at document_start.
    { matches: ['http://*/*', 'https://*/*'], exclude_matches: TRUSTED_SIGN_IN_PAGES, js: ['src/content/index.ts'], run_at: 'document_end', all_frames: true },
  ],
  permissions: ['storage', 'webNavigation'],
  host_permissions: ['https://app.vssps.visualstudio.com/*', 'https://vssps.dev.azure.com/*'],
});
