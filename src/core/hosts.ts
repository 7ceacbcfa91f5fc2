/**
 * The hosts a user may legitimately authorize an app on, as data.
 * Source: ../shared/reference/hosts.md (Microsoft's Azure DevOps OAuth docs and Entra ID endpoint docs).
 * Which other Microsoft-run names are Microsoft's own and which a customer picks: ./microsoft-domains.ts.
 */
import { DEFENDER_PROXY_SUFFIXES, DEFENDER_REGIONAL_PROXY_SUFFIX, MICROSOFT_INFRASTRUCTURE_DOMAINS } from './microsoft-domains';

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
  // Device-code phishing names its pages after the device sign-in (microsoft.com/devicelogin, login.microsoft.com/device).
  {
    host: 'login.microsoft.com',
    purpose: 'Microsoft Entra ID sign-in (alternate global host)',
    distinctive: ['loginmicrosoft', 'microsoftlogin', 'microsoftdevicelogin', 'microsoftdeviceauth'],
  },
  { host: 'login.windows.net', purpose: 'Microsoft Entra ID sign-in (legacy global host)', distinctive: ['loginwindowsnet'] },
  { host: 'login.live.com', purpose: 'Microsoft account sign-in (personal accounts)', distinctive: ['loginlivecom'] },
  { host: 'login.microsoftonline.us', purpose: 'Microsoft Entra ID sign-in (US Government cloud)', distinctive: ['microsoftonline'] },
  { host: 'login.partner.microsoftonline.cn', purpose: 'Microsoft Entra ID sign-in (operated by 21Vianet)', distinctive: ['microsoftonline'] },
  { host: 'login.chinacloudapi.cn', purpose: 'Microsoft Entra ID sign-in (China, legacy host)', distinctive: ['chinacloudapi'] },
];

/**
 * Microsoft hosts that are no place to authorize an app but that phishing names itself after: a page at
 * `dev-azure.com` or `dev.azure.com.example` imitates Azure DevOps itself. Compared with like the hosts above;
 * never trusted for a request (the real ones are Microsoft's by their registrable domain).
 */
export const IMITATED_SERVICE_HOSTS: readonly TrustedHost[] = [
  { host: 'dev.azure.com', purpose: 'Azure DevOps (the service itself)', distinctive: ['devazurecom'] },
];

/** Microsoft Defender for Cloud Apps rewrites `<host>` to `<host>.<suffix>` when session control is on. */
export const TRUSTED_PROXY_SUFFIXES: readonly string[] = DEFENDER_PROXY_SUFFIXES;

/**
 * Registrable domains only Microsoft publishes under. A host under one is Microsoft infrastructure and never
 * called a lookalike; the suffixes under them where customers pick the label (cloudapp.azure.com,
 * blob.core.windows.net, ...) are not in here and are checked first (./microsoft-domains.ts).
 */
export const MICROSOFT_REGISTRABLE_DOMAINS: ReadonlySet<string> = new Set([
  ...MICROSOFT_INFRASTRUCTURE_DOMAINS.map((entry) => entry.domain),
  // The Defender proxy domains themselves (a proxied `<host>.mcas.ms` is judged as <host>, before this list).
  ...DEFENDER_PROXY_SUFFIXES,
  DEFENDER_REGIONAL_PROXY_SUFFIX,
]);

const trustedHostNames: ReadonlySet<string> = new Set(TRUSTED_AUTHORIZATION_HOSTS.map((entry) => entry.host));

export function isTrustedHostName(asciiHost: string): boolean {
  return trustedHostNames.has(asciiHost);
}
