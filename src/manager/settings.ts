/**
 * Settings of the authorization manager. The points shared/reference/ado-api.md marks UNCONFIRMED
 * live here as named defaults, each with a comment, so that one change fixes them when a live check
 * disagrees. Users may override host and api-version under "Advanced".
 */
import { managerSettingsSchema, type ManagerSettings } from '../messaging/azure-devops';

/**
 * UNCONFIRMED: which host the profile page's "Authorizations" list uses. Microsoft's specs route the
 * DelegatedAuth area to the account-independent SPS host; the organization form
 * (`https://vssps.dev.azure.com/{org}`) should resolve too and is available as an advanced setting.
 */
export const DEFAULT_API_HOST = 'https://app.vssps.visualstudio.com';

/** The organization host form, used when the user names an organization under "Advanced". */
export const ORGANIZATION_HOST = 'https://vssps.dev.azure.com';

/**
 * Since 2026-12-01 Azure DevOps no longer accepts global personal access tokens: a token is valid for the
 * one organization it was created in. A token is therefore sent only to that organization's host.
 * UNCONFIRMED: that the DelegatedAuth list and revoke answer on the organization form
 * (`https://vssps.dev.azure.com/{org}`, reference §1 says it "should also resolve") for an
 * organization-scoped token; the organization-less host (`app.vssps.visualstudio.com`) cannot tell which
 * organization such a token belongs to. Change this one function when a live check disagrees.
 */
export function tokenApiBaseUrl(organization: string): string {
  return `${ORGANIZATION_HOST}/${encodeURIComponent(organization)}`;
}

/** The date global personal access tokens stopped working (shown to users who paste one). */
export const GLOBAL_PAT_END_DATE = Date.UTC(2026, 11, 1);

/** Where a user creates a personal access token for an organization (shown next to the token form). */
export function tokenSettingsUrl(organization: string): string {
  return `https://dev.azure.com/${encodeURIComponent(organization)}/_usersSettings/tokens`;
}

/**
 * UNCONFIRMED: which api-version the live service prefers. `5.0` is released and used by Microsoft's
 * generated clients; `3.2-preview.1`, `5.1-preview.1` and `7.2-preview.1` have also been used.
 */
export const DEFAULT_API_VERSION = '5.0';

/**
 * UNCONFIRMED: Azure DevOps exempts `chrome-extension://` origins from its check on cookie-authenticated
 * cross-origin writes, but its server code does not list `moz-extension://`. When true, a refused
 * revoke (400/403) on Firefox with the browser session explains that a personal access token is needed.
 */
export const FIREFOX_SESSION_WRITES_MAY_BE_REFUSED = true;

/** The sign-in pages the "Sign in to Azure DevOps" action opens. */
export const SIGN_IN_URL = 'https://app.vssps.visualstudio.com/';
export const SIGN_IN_URL_ORGANIZATIONS = 'https://aex.dev.azure.com/';

/** Where users manage apps they authorized through Microsoft Entra ID (work or school, and personal accounts). */
export const ENTRA_MY_APPS_URL = 'https://myapps.microsoft.com/';
export const PERSONAL_ACCOUNT_APPS_URL = 'https://account.microsoft.com/privacy/app-access';
/** Where a personal Microsoft account revokes the consent it gave one app (the inventory's link for such consents). */
export const PERSONAL_ACCOUNT_CONSENTS_URL = 'https://account.live.com/consent/Manage';

/** Request limits: per-request timeout, revoke concurrency, retry attempts and backoff. */
export const REQUEST_TIMEOUT_MS = 20_000;
export const REVOKE_CONCURRENCY = 4;
export const MAX_ATTEMPTS = 4;
export const BACKOFF_BASE_MS = 500;
/** A Retry-After longer than this is not waited out: the user sees when to try again instead. */
export const MAX_RETRY_AFTER_SECONDS = 60;

// The settings' shape crosses the protocol (the popup saves them): it lives in src/messaging/azure-devops.ts.
export { apiVersionSchema, managerSettingsSchema, organizationNameSchema, type ManagerSettings } from '../messaging/azure-devops';

export const DEFAULT_SETTINGS: ManagerSettings = { organization: '', apiVersion: '' };

/** The API base URL for the settings (no trailing slash). */
export function apiBaseUrl(settings: ManagerSettings): string {
  return settings.organization ? `${ORGANIZATION_HOST}/${encodeURIComponent(settings.organization)}` : DEFAULT_API_HOST;
}

export function apiVersion(settings: ManagerSettings): string {
  return settings.apiVersion || DEFAULT_API_VERSION;
}

/** Reads stored settings leniently: anything invalid falls back to the defaults. */
export function parseSettings(stored: unknown): ManagerSettings {
  const parsed = managerSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}
