/**
 * The hosts a user may legitimately authorize an app on, as data.
 * Source: ../shared/reference/hosts.md (Microsoft's Azure DevOps OAuth docs and Entra ID endpoint docs).
 */

export interface TrustedHost {
  readonly host: string;
  readonly purpose: string;
  /**
   * Squashed strings (dots and hyphens removed) distinctive enough that finding one inside another
   * host means that host is borrowing this one's name. Generic words ("live", "windows") are only
   * distinctive together with "login".
   */
  readonly distinctive: readonly string[];
}

export const AZURE_DEVOPS_OAUTH_HOST = 'app.vssps.visualstudio.com';

export const TRUSTED_AUTHORIZATION_HOSTS: readonly TrustedHost[] = [
  { host: AZURE_DEVOPS_OAUTH_HOST, purpose: 'Azure DevOps OAuth approval page', distinctive: ['vssps', 'appvsspsvisualstudio'] },
  { host: 'login.microsoftonline.com', purpose: 'Microsoft Entra ID sign-in (global)', distinctive: ['microsoftonline', 'loginmicrosoftonline'] },
  { host: 'login.microsoft.com', purpose: 'Microsoft Entra ID sign-in (alternate global host)', distinctive: ['loginmicrosoft', 'microsoftlogin'] },
  { host: 'login.windows.net', purpose: 'Microsoft Entra ID sign-in (legacy global host)', distinctive: ['loginwindowsnet'] },
  { host: 'login.live.com', purpose: 'Microsoft account sign-in (personal accounts)', distinctive: ['loginlivecom'] },
  { host: 'login.microsoftonline.us', purpose: 'Microsoft Entra ID sign-in (US Government cloud)', distinctive: ['microsoftonline'] },
  { host: 'login.partner.microsoftonline.cn', purpose: 'Microsoft Entra ID sign-in (operated by 21Vianet)', distinctive: ['microsoftonline'] },
  { host: 'login.chinacloudapi.cn', purpose: 'Microsoft Entra ID sign-in (China, legacy host)', distinctive: ['chinacloudapi'] },
];

/** Microsoft Defender for Cloud Apps rewrites `<host>` to `<host>.<suffix>` when session control is on. */
export const TRUSTED_PROXY_SUFFIXES: readonly string[] = ['mcas.ms', 'mcas-gov.us', 'mcas-gov.ms'];

/**
 * Registrable domains Microsoft runs itself, where no customer can publish a page. A host under one of
 * these is never called a lookalike. Domains where customers host content (azurewebsites.net,
 * web.core.windows.net, ...) are separate public suffixes in the Public Suffix List, so a customer page
 * there has its own registrable domain and is still checked.
 */
export const MICROSOFT_REGISTRABLE_DOMAINS: ReadonlySet<string> = new Set([
  'visualstudio.com',
  'azure.com',
  'microsoft.com',
  'microsoftonline.com',
  'microsoftonline.us',
  'microsoftonline.cn',
  'windows.net',
  'live.com',
  'chinacloudapi.cn',
  'office.com',
  'microsoft365.com',
  'b2clogin.com',
  'mcas.ms',
  'mcas-gov.us',
  'mcas-gov.ms',
]);

const trustedHostNames: ReadonlySet<string> = new Set(TRUSTED_AUTHORIZATION_HOSTS.map((entry) => entry.host));

export function isTrustedHostName(asciiHost: string): boolean {
  return trustedHostNames.has(asciiHost);
}
