/**
 * Observing (never blocking: MV3's webRequest is observe-only here) requests for Microsoft's sign-in and
 * Azure DevOps assets. Clones and adversary-in-the-middle kits hotlink Microsoft's logos, scripts and
 * styles; a non-Microsoft page loading them is a signal the page's own address and title may not give.
 */
import { browser } from './browser';

/** Microsoft's sign-in and Azure DevOps asset hosts (CDNs serving the sign-in page's images, scripts, CSS). */
export const MICROSOFT_ASSET_HOSTS = [
  'aadcdn.msauth.net',
  'aadcdn.msftauth.net',
  'logincdn.msauth.net',
  'logincdn.msftauth.net',
  'aadcdn.msauthimages.net',
  'aadcdn.msftauthimages.net',
  'secure.aadcdn.microsoftonline-p.com',
  'cdn.vsassets.io',
] as const;

export interface AssetRequest {
  readonly tabId: number;
  readonly frameId: number;
  /** The requested asset. */
  readonly url: string;
  /** The document that asked for it: `initiator` (an origin, Chromium) or `documentUrl` (Firefox). */
  readonly requester: string | undefined;
}

export function onMicrosoftAssetRequest(listener: (request: AssetRequest) => void): void {
  const webRequest = (browser as unknown as { webRequest?: typeof browser.webRequest }).webRequest;
  if (!webRequest) return;
  const urls = MICROSOFT_ASSET_HOSTS.map((host) => `*://${host}/*`);
  webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId < 0) return;
      const extra = details as { initiator?: string; documentUrl?: string; originUrl?: string };
      listener({ tabId: details.tabId, frameId: details.frameId, url: details.url, requester: extra.documentUrl ?? extra.initiator ?? extra.originUrl });
    },
    { urls },
  );
}
