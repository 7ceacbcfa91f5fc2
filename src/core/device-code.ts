/**
 * Where a person types (or is handed) a device code. Device-code phishing sends a victim a code the attacker
 * started; entering it signs the attacker's device in as the victim. A link that already carries the code
 * is the attacker's shortcut.
 * Sources: ../shared/reference/hosts.md ("Device-code entry points"); Microsoft Learn, "Microsoft identity
 * platform and the OAuth 2.0 device authorization grant flow" (every cloud's /devicecode endpoint). Checked 2026-12.
 */
import { ENTRA_SIGN_IN_HOSTS } from './microsoft-domains';
import type { RequestParameters } from './request-parameters';

/** Entra's sign-in hosts in every cloud, with the retired Microsoft Cloud Germany host phishing kits still use. */
const ENTRA_HOSTS: readonly string[] = ENTRA_SIGN_IN_HOSTS;

interface DeviceCodeEntry {
  readonly hosts: readonly string[];
  readonly path: RegExp;
}

/** Paths compare case-insensitively and without a trailing slash; microsoft.com pages may carry a locale (`/en-us/`). */
export const DEVICE_CODE_ENTRY_POINTS: readonly DeviceCodeEntry[] = [
  { hosts: ['microsoft.com', 'www.microsoft.com'], path: /^(?:\/[a-z]{2}-[a-z]{2})?\/(?:devicelogin|deviceloginus|deviceloginchina|link)$/i },
  { hosts: ['login.microsoft.com', 'login.microsoftonline.com'], path: /^\/device$/i },
  { hosts: ['aka.ms'], path: /^\/(?:devicelogin|deviceloginus|deviceloginchina)$/i },
  { hosts: ENTRA_HOSTS, path: /^\/[^/]+\/oauth2\/deviceauth$/i },
  { hosts: ENTRA_HOSTS, path: /^\/[^/]+\/oauth2\/v2\.0\/devicecode$/i },
  // The v1 token-request endpoint (`?api-version=1.0&resource=…`) that ADAL and phishing kits still call.
  { hosts: ENTRA_HOSTS, path: /^\/[^/]+\/oauth2\/devicecode$/i },
  { hosts: ['login.live.com'], path: /^\/oauth20_remoteconnect\.srf$/i },
];

/** Parameters that fill the code in for the person: `otc` (microsoft.com/link, remote connect), RFC 8628's `user_code`. */
const PREFILL_PARAMETERS = ['otc', 'user_code', 'usercode'] as const;

export interface DeviceCodeMatch {
  /** The code the link fills in, when it does. */
  readonly prefilledCode: string | null;
}

/** `host` is the lowercase ASCII host (for a Defender proxy, the proxied host); `path` the decoded path. */
export function matchDeviceCodeEntry(host: string, path: string, params: RequestParameters): DeviceCodeMatch | null {
  const trimmed = path.replace(/\/+$/, '') || '/';
  const entry = DEVICE_CODE_ENTRY_POINTS.find((candidate) => candidate.hosts.includes(host) && candidate.path.test(trimmed));
  if (!entry) return null;
  for (const name of PREFILL_PARAMETERS) {
    const code = params.get(name)?.trim();
    if (code) return { prefilledCode: code.slice(0, 64) };
  }
  return { prefilledCode: null };
}
