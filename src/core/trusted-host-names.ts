/**
 * The names of the trusted authorization hosts (../shared/reference/hosts.md), and nothing else: the manifest's
 * match patterns and the content script's address-bar check need the names without hosts.ts and its prose.
 * hosts.ts describes each one; a unit test keeps the two lists equal.
 */
export const TRUSTED_AUTHORIZATION_HOST_NAMES = [
  'app.vssps.visualstudio.com',
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'login.live.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
] as const;
