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

export const managerListRequest = z.object({ type: z.literal('manager/list') });
export const managerRevokeRequest = z.object({
  type: z.literal('manager/revoke'),
  ids: z.array(authorizationId).min(1).max(1000),
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
  /** A personal access token with vso.tokens: printable ASCII without spaces. Never logged. */
  token: z.string().trim().regex(/^[\x21-\x7e]{20,512}$/),
  remember: z.boolean(),
});
export const managerClearTokenRequest = z.object({ type: z.literal('manager/token/clear') });

export const managerRequestSchemas = [
  managerListRequest,
  managerRevokeRequest,
  managerStatusRequest,
  managerSaveSettingsRequest,
  managerSetTokenRequest,
  managerClearTokenRequest,
] as const;

export type ManagerRequest = z.infer<(typeof managerRequestSchemas)[number]>;

export type AuthMode = 'session' | 'pat';

/** Where and how the manager talks to Azure DevOps (never the token itself). */
export interface ManagerSource {
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly auth: AuthMode;
  /** A token is kept on this device (storage.local), not only for this browser session. */
  readonly tokenRemembered: boolean;
  readonly browser: 'chromium' | 'firefox';
}

export type ManagerListResponse =
  | { readonly ok: true; readonly authorizations: AuthorizationDetails[]; readonly fetchedAt: number; readonly source: ManagerSource }
  | { readonly ok: false; readonly error: ApiError; readonly source: ManagerSource };

export type RevokeItemState = 'pending' | 'in-flight' | 'revoked' | 'failed';

export interface RevokeItem {
  readonly id: string;
  readonly state: RevokeItemState;
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
  readonly source: ManagerSource;
}

export type ManagerAckResponse = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface ManagerResponses {
  'manager/list': ManagerListResponse;
  'manager/revoke': ManagerRevokeResponse;
  'manager/status': ManagerStatusResponse;
  'manager/settings': ManagerAckResponse;
  'manager/token/set': ManagerAckResponse;
  'manager/token/clear': ManagerAckResponse;
}
