/**
 * Authorization-manager messages (popup/options → background). Each request schema is a z.object with a
 * literal `type`; the router checks the sender, parses with these, then dispatches. The response types
 * below are what the background's handlers answer (src/background/manager.ts).
 */
import { z } from 'zod';
import type { ApiError } from '../manager/api/errors';
import type { AuthorizationDetails } from '../manager/api/schemas';
import { apiVersionSchema, organizationNameSchema, type ManagerSettings } from '../manager/settings';

const authorizationId = z.guid();

/** Which sign-in answered: the browser session, or the personal access token of one organization. */
export type SourceKey = 'session' | `org:${string}`;
const ORGANIZATION_KEY = /^org:[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;
export const sourceKeySchema = z.union([z.literal('session'), z.custom<`org:${string}`>((value) => typeof value === 'string' && ORGANIZATION_KEY.test(value))]);
export const sourceKeyOf = (organization: string | null): SourceKey => (organization ? `org:${organization.toLowerCase()}` : 'session');

export const managerListRequest = z.object({ type: z.literal('manager/list') });
export const managerRevokeRequest = z.object({
  type: z.literal('manager/revoke'),
  /** Each authorization with the sign-in that listed it: a revoke goes to the organization that answered. */
  targets: z
    .array(z.object({ id: authorizationId, source: sourceKeySchema }))
    .min(1)
    .max(1000),
});
export const managerStatusRequest = z.object({ type: z.literal('manager/status') });
export const managerSaveSettingsRequest = z.object({
  type: z.literal('manager/settings'),
  settings: z.object({
    organization: z.union([z.literal(''), organizationNameSchema]),
    apiVersion: z.union([z.literal(''), apiVersionSchema]),
  }),
});
export const managerSetTokenRequest = z.object({
  type: z.literal('manager/token/set'),
  /** The organization the token was created in: since 2026-12-01 a token is valid for one organization only. */
  organization: organizationNameSchema,
  /** A personal access token with vso.tokens: printable ASCII without spaces. Never logged. */
  token: z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]{20,512}$/),
  remember: z.boolean(),
});
/** Forgets one organization's token; '' forgets every token (and one saved before tokens had an organization). */
export const managerClearTokenRequest = z.object({ type: z.literal('manager/token/clear'), organization: z.union([z.literal(''), organizationNameSchema]) });
/** The consents this browser saw (the local inventory, src/manager/consent-inventory.ts). */
export const managerConsentsRequest = z.object({ type: z.literal('manager/consents') });
export const managerForgetConsentsRequest = z.object({ type: z.literal('manager/consents/forget') });

export const managerRequestSchemas = [
  managerListRequest,
  managerRevokeRequest,
  managerStatusRequest,
  managerSaveSettingsRequest,
  managerSetTokenRequest,
  managerClearTokenRequest,
  managerConsentsRequest,
  managerForgetConsentsRequest,
] as const;

export type ManagerRequest = z.infer<(typeof managerRequestSchemas)[number]>;

export type AuthMode = 'session' | 'pat';

/** Where and how the manager talks to Azure DevOps (never the token itself). */
export interface ManagerSource {
  readonly key: SourceKey;
  readonly auth: AuthMode;
  /** The organization of a token (null for the browser session). */
  readonly organization: string | null;
  readonly baseUrl: string;
  readonly apiVersion: string;
  /** A token is kept on this device (storage.local), not only for this browser session. */
  readonly tokenRemembered: boolean;
  readonly browser: 'chromium' | 'firefox';
}

/** One sign-in's answer. */
export type SourceListResult =
  | { readonly source: ManagerSource; readonly ok: true; readonly authorizations: AuthorizationDetails[] }
  | { readonly source: ManagerSource; readonly ok: false; readonly error: ApiError };

/** Every sign-in is asked (the browser session, then each organization's token); the popup lists them together. */
export interface ManagerListResponse {
  readonly results: readonly SourceListResult[];
  readonly fetchedAt: number;
}

export type RevokeItemState = 'pending' | 'in-flight' | 'waiting' | 'revoked' | 'failed';

export interface RevokeItem {
  readonly id: string;
  /** The sign-in the revoke goes through. */
  readonly source?: SourceKey;
  readonly state: RevokeItemState;
  /** While waiting: when Azure DevOps said to try again (epoch ms, from Retry-After). */
  readonly waitUntil?: number;
  /** Plain-language reason when failed. */
  readonly reason?: string;
  readonly error?: ApiError;
  /** Azure DevOps answered 404: it was already gone. */
  readonly alreadyGone?: boolean;
}

export interface RevokeJob {
  readonly jobId: string;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly items: readonly RevokeItem[];
}

export type ManagerRevokeResponse = { readonly ok: true; readonly job: RevokeJob } | { readonly ok: false; readonly reason: string };

export interface ManagerStatusResponse {
  readonly job: RevokeJob | null;
  readonly settings: ManagerSettings;
  /** The browser session first, then each organization with a token. */
  readonly sources: readonly ManagerSource[];
  /** A token saved before tokens had an organization is kept but not used (global tokens stopped working on 2026-12-01). */
  readonly legacyToken: boolean;
}

export type ManagerAckResponse = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export type ConsentOutcome = 'approved' | 'declined' | 'abandoned';
export type ConsentKind = 'entra' | 'azure-devops-oauth';

/** One authorization flow this browser saw, as it ended. Kept in storage.local only; nothing leaves the browser. */
export interface ConsentRecord {
  readonly id: string;
  readonly outcome: ConsentOutcome;
  readonly kind: ConsentKind;
  readonly flow: 'azure-devops-oauth' | 'entra-v2' | 'entra-v1';
  /** The app name and publisher the consent page showed (page-controlled text; null when it showed none). */
  readonly appName: string | null;
  readonly publisher: string | null;
  readonly clientId: string | null;
  /** The scopes requested, each with its risk tier at the time. */
  readonly scopes: readonly { readonly id: string; readonly tier: 'low' | 'medium' | 'high' | 'critical' | 'unknown'; readonly highPrivilege: boolean }[];
  /** Consent Guard's verdict on the request at the time (the worst seen during the flow). */
  readonly verdict: 'ok' | 'warn' | 'danger' | 'none';
  /** The authorization host and the Entra tenant segment (`common`, `consumers`, a tenant id), when any. */
  readonly host: string;
  readonly tenant: string | null;
  readonly redirectHost: string | null;
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface ManagerConsentsResponse {
  readonly records: readonly ConsentRecord[];
}

export interface ManagerResponses {
  'manager/list': ManagerListResponse;
  'manager/revoke': ManagerRevokeResponse;
  'manager/status': ManagerStatusResponse;
  'manager/settings': ManagerAckResponse;
  'manager/token/set': ManagerAckResponse;
  'manager/token/clear': ManagerAckResponse;
  'manager/consents': ManagerConsentsResponse;
  'manager/consents/forget': ManagerAckResponse;
}
