/**
 * webRequest, observing only (never blocking: MV3's webRequest is observe-only here): requests for files on
 * given hosts. The background watches Microsoft's sign-in asset hosts (src/background/triage.ts).
 */
import { browser } from './browser';

export interface AssetRequest {
  readonly tabId: number;
  readonly frameId: number;
  /** The requested asset. */
  readonly url: string;
  /** The document that asked for it: `initiator` (an origin, Chromium) or `documentUrl` (Firefox). */
  readonly requester: string | undefined;
}

/** Every request for a file on one of `hosts` (any path), with the tab and frame that asked for it. */
export function onAssetRequest(hosts: readonly string[], listener: (request: AssetRequest) => void): void {
  const webRequest = (browser as unknown as { webRequest?: typeof browser.webRequest }).webRequest;
  if (!webRequest) return;
  const urls = hosts.map((host) => `*://${host}/*`);
  webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId < 0) return;
      const extra = details as { initiator?: string; documentUrl?: string; originUrl?: string };
      listener({ tabId: details.tabId, frameId: details.frameId, url: details.url, requester: extra.documentUrl ?? extra.initiator ?? extra.originUrl });
    },
    { urls },
  );
}
