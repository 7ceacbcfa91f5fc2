/**
 * Microsoft's own (first-party) client applications. Microsoft pre-authorizes them for its APIs, so signing
 * in as one of them shows no consent screen at all; the public (native) ones redirect to loopback or to
 * Microsoft's "nativeclient" page, where the authorization code sits in the address bar. ConsentFix and
 * its 2026 variants send people through exactly that sign-in and then ask them to paste the address back.
 * Sources: ../shared/reference/hosts.md; Microsoft Learn, "Verify first-party Microsoft applications in
 * sign-in reports"; the Azure CLI and Azure Developer CLI sources (azd signs in as the Azure CLI). Checked 2026-12.
 */
import { ENTRA_SIGN_IN_HOSTS } from './microsoft-domains';

export interface FirstPartyClient {
  readonly name: string;
  /** A public (native) client: it can receive codes on loopback or the nativeclient page, where a person can copy them. */
  readonly publicClient: boolean;
}

export const FIRST_PARTY_CLIENTS: ReadonlyMap<string, FirstPartyClient> = new Map([
  ['04b07795-8ddb-461a-bbee-02f9e1bf7b46', { name: 'Azure CLI', publicClient: true }],
  ['1950a258-227b-4e31-a9cf-717495945fc2', { name: 'Azure PowerShell', publicClient: true }],
  ['872cd9fa-d31f-45e0-9eab-6e460a02d1f1', { name: 'Visual Studio', publicClient: true }],
  ['aebc6443-996d-45c2-90f0-388ff96faa56', { name: 'Visual Studio Code', publicClient: true }],
  ['d3590ed6-52b3-4102-aeff-aad2292ab01c', { name: 'Microsoft Office', publicClient: true }],
  ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', { name: 'Microsoft Teams', publicClient: true }],
  ['14d82eec-204b-4c2f-b7e8-296a70dab67e', { name: 'Microsoft Graph Command Line Tools', publicClient: true }],
  ['1b730954-1685-4b74-9bfd-dac224a7b894', { name: 'Azure Active Directory PowerShell', publicClient: true }],
  ['27922004-5251-4030-b22d-91ecd9a37ea4', { name: 'Outlook Mobile', publicClient: true }],
  ['29d9ed98-a469-4536-ade2-f981bc1d605e', { name: 'Microsoft Authentication Broker', publicClient: true }],
  ['9ba1a5c7-f17a-4de9-a1f1-6178c8d51223', { name: 'Microsoft Intune Company Portal', publicClient: true }],
  ['ab9b8c07-8f02-4f72-87fa-80105867a763', { name: 'OneDrive', publicClient: true }],
  ['ecd6b820-32c2-49b6-98a6-444530e5a77a', { name: 'Microsoft Edge', publicClient: true }],
  ['fb78d390-0c51-40cd-8e17-fdbfab77341b', { name: 'Exchange Online PowerShell', publicClient: true }],
  // Web clients: their codes go to Microsoft's own sites, never to a place a person copies them from.
  ['c44b4083-3bb0-49c1-b47d-974e53cbdf3c', { name: 'Azure portal', publicClient: false }],
  ['4765445b-32c6-49b0-83e6-1d93765276ca', { name: 'Microsoft 365 (office.com)', publicClient: false }],
  ['5e3ce6c0-2b1f-4285-8d4b-75ee78787346', { name: 'Microsoft Teams web', publicClient: false }],
  ['9199bf20-a13f-4107-85dc-02114787ef48', { name: 'Outlook on the web', publicClient: false }],
  ['499b84ac-1321-427f-aa17-267ca6975798', { name: 'Azure DevOps', publicClient: false }],
]);

export function lookupFirstPartyClient(clientId: string): FirstPartyClient | undefined {
  return FIRST_PARTY_CLIENTS.get(clientId.trim().toLowerCase());
}

/** Entra's sign-in hosts, every cloud: their `/…/oauth2/nativeclient` page shows the code in the address bar. */
const NATIVE_CLIENT_HOSTS: ReadonlySet<string> = new Set(ENTRA_SIGN_IN_HOSTS);

/**
 * Redirects where a native app (or a person) picks the code up from the address: Entra's nativeclient page,
 * the out-of-band URN, Microsoft account's desktop page, and VS Code's relay page, which hands the code on
 * to a loopback port named in the state.
 */
export function isNativeClientRedirect(redirect: string): boolean {
  const lower = redirect.trim().toLowerCase();
  if (lower === 'urn:ietf:wg:oauth:2.0:oob') return true;
  let target: URL;
  try {
    target = new URL(lower);
  } catch {
    return false;
  }
  if (target.protocol !== 'https:') return false;
  if (NATIVE_CLIENT_HOSTS.has(target.hostname) && /^\/[^/]+\/oauth2\/nativeclient\/?$/.test(target.pathname)) return true;
  if (target.hostname === 'vscode.dev' && target.pathname.replace(/\/+$/, '') === '/redirect') return true;
  return target.hostname === 'login.live.com' && target.pathname === '/oauth20_desktop.srf';
}

/** Redirect forms native apps register that are not web addresses (MSAL's broker and out-of-band forms). */
export function isNativeAppRedirect(redirect: string): boolean {
  const lower = redirect.trim().toLowerCase();
  return lower === 'urn:ietf:wg:oauth:2.0:oob' || lower.startsWith('ms-appx-web://') || lower.startsWith('msauth.') || lower.startsWith('msauth://');
}
