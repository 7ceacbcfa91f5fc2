/**
 * The authorization manager (the toolbar popup → background): list and revoke the apps authorized on the
 * user's Azure DevOps account, the sign-ins it uses, and the consents this browser saw. The background's
 * handlers are in src/background/handlers.ts; the logic in src/manager/service.ts.
 */
import { z } from 'zod';
import { apiErrorSchema, apiVersionSchema, authorizationDetailsSchema, managerSettingsSchema, organizationNameSchema } from './azure-devops';
import { message, type DeepReadonly } from './define';

const authorizationId = z.guid();

/** Which sign-in answered: the browser session, or the personal access token of one organization. */
export type SourceKey = 'session' | `org:${string}`;
const ORGANIZATION_KEY = /^org:[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;
export const sourceKeySchema = z.union([z.literal('session'), z.custom<`org:${string}`>((value) => typeof value === 'string' && ORGANIZATION_KEY.test(value))]);
export const sourceKeyOf = (organization: string | null): SourceKey => (organization ? `org:${organization.toLowerCase()}` : 'session');

export type AuthMode = 'session' | 'pat';

/** Where and how the manager talks to Azure DevOps (never the token itself). */
const managerSourceSchema = z.strictObject({
  key: sourceKeySchema,
  auth: z.enum(['session', 'pat']),
  /** The organization of a token (null for the browser session). */
  organization: z.string().nullable(),
  baseUrl: z.string(),
  apiVersion: z.string(),
  /** A token is kept on this device (storage.local), not only for this browser session. */
  tokenRemembered: z.boolean(),
  browser: z.enum(['chromium', 'firefox']),
});
export type ManagerSource = DeepReadonly<z.output<typeof managerSourceSchema>>;

/** One sign-in's answer. */
const sourceListResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({ source: managerSourceSchema, ok: z.literal(true), authorizations: z.array(authorizationDetailsSchema) }),
  z.strictObject({ source: managerSourceSchema, ok: z.literal(false), error: apiErrorSchema }),
]);
export type SourceListResult = DeepReadonly<z.output<typeof sourceListResultSchema>>;

/** Every sign-in is asked (the browser session, then each organization's token); the popup lists them together. */
const managerListResponseSchema = z.strictObject({ results: z.array(sourceListResultSchema), fetchedAt: z.number() });
export type ManagerListResponse = DeepReadonly<z.output<typeof managerListResponseSchema>>;

export type RevokeItemState = 'pending' | 'in-flight' | 'waiting' | 'revoked' | 'failed';

const revokeItemSchema = z.strictObject({
  id: z.string(),
  /** The sign-in the revoke goes through. */
  source: sourceKeySchema.optional(),
  state: z.enum(['pending', 'in-flight', 'waiting', 'revoked', 'failed']),
  /** While waiting: when Azure DevOps said to try again (epoch ms, from Retry-After). */
  waitUntil: z.number().optional(),
  /** Plain-language reason when failed. */
  reason: z.string().optional(),
  error: apiErrorSchema.optional(),
  /** Azure DevOps answered 404: it was already gone. */
  alreadyGone: z.boolean().optional(),
});
export type RevokeItem = DeepReadonly<z.output<typeof revokeItemSchema>>;

const revokeJobSchema = z.strictObject({
  jobId: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  items: z.array(revokeItemSchema),
});
export type RevokeJob = DeepReadonly<z.output<typeof revokeJobSchema>>;

const failure = z.strictObject({ ok: z.literal(false), reason: z.string() });
const managerAckSchema = z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true) }), failure]);
export type ManagerAckResponse = DeepReadonly<z.output<typeof managerAckSchema>>;

const managerRevokeResponseSchema = z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true), job: revokeJobSchema }), failure]);
export type ManagerRevokeResponse = DeepReadonly<z.output<typeof managerRevokeResponseSchema>>;

const managerStatusResponseSchema = z.strictObject({
  job: revokeJobSchema.nullable(),
  settings: managerSettingsSchema,
  /** The browser session first, then each organization with a token. */
  sources: z.array(managerSourceSchema),
  /** A token saved before tokens had an organization is kept but not used (global tokens stopped working on 2026-12-01). */
  legacyToken: z.boolean(),
});
export type ManagerStatusResponse = DeepReadonly<z.output<typeof managerStatusResponseSchema>>;

export type ConsentOutcome = 'approved' | 'declined' | 'abandoned';
export type ConsentKind = 'entra' | 'azure-devops-oauth';

/** One authorization flow this browser saw, as it ended. Kept in storage.local only; nothing leaves the browser. */
const consentRecordSchema = z.strictObject({
  id: z.string(),
  outcome: z.enum(['approved', 'declined', 'abandoned']),
  kind: z.enum(['entra', 'azure-devops-oauth']),
  flow: z.enum(['azure-devops-oauth', 'entra-v2', 'entra-v1']),
  /** The app name and publisher the consent page showed (page-controlled text; null when it showed none). */
  appName: z.string().nullable(),
  publisher: z.string().nullable(),
  clientId: z.string().nullable(),
  /** The scopes requested, each with its risk tier at the time. */
  scopes: z.array(z.strictObject({ id: z.string(), tier: z.enum(['low', 'medium', 'high', 'critical', 'unknown']), highPrivilege: z.boolean() })),
  /** Consent Guard's verdict on the request at the time (the worst seen during the flow). */
  verdict: z.enum(['ok', 'warn', 'danger', 'none']),
  /** The authorization host and the Entra tenant segment (`common`, `consumers`, a tenant id), when any. */
  host: z.string(),
  tenant: z.string().nullable(),
  redirectHost: z.string().nullable(),
  startedAt: z.number(),
  endedAt: z.number(),
});
export type ConsentRecord = DeepReadonly<z.output<typeof consentRecordSchema>>;

const managerConsentsResponseSchema = z.strictObject({ records: z.array(consentRecordSchema) });
export type ManagerConsentsResponse = DeepReadonly<z.output<typeof managerConsentsResponseSchema>>;

const noFields = z.strictObject({});

export const managerList = message({ type: 'manager/list', from: ['popup'], request: noFields, reply: managerListResponseSchema });
export const managerRevoke = message({
  type: 'manager/revoke',
  from: ['popup'],
  request: z.strictObject({
    /** Each authorization with the sign-in that listed it: a revoke goes to the organization that answered. */
    targets: z
      .array(z.strictObject({ id: authorizationId, source: sourceKeySchema }))
      .min(1)
      .max(1000),
  }),
  reply: managerRevokeResponseSchema,
});
export const managerStatus = message({ type: 'manager/status', from: ['popup'], request: noFields, reply: managerStatusResponseSchema });
export const managerSaveSettings = message({
  type: 'manager/settings',
  from: ['popup'],
  request: z.strictObject({
    settings: z.strictObject({
      organization: z.union([z.literal(''), organizationNameSchema]),
      apiVersion: z.union([z.literal(''), apiVersionSchema]),
    }),
  }),
  reply: managerAckSchema,
});
export const managerSetToken = message({
  type: 'manager/token/set',
  from: ['popup'],
  request: z.strictObject({
    /** The organization the token was created in: since 2026-12-01 a token is valid for one organization only. */
    organization: organizationNameSchema,
    /** A personal access token with vso.tokens: printable ASCII without spaces. Never logged. */
    token: z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]{20,512}$/),
    remember: z.boolean(),
  }),
  reply: managerAckSchema,
});
/** Forgets one organization's token; '' forgets every token (and one saved before tokens had an organization). */
export const managerClearToken = message({
  type: 'manager/token/clear',
  from: ['popup'],
  request: z.strictObject({ organization: z.union([z.literal(''), organizationNameSchema]) }),
  reply: managerAckSchema,
});
/** The consents this browser saw (the local inventory, src/manager/consent-inventory.ts). */
export const managerConsents = message({ type: 'manager/consents', from: ['popup'], request: noFields, reply: managerConsentsResponseSchema });
export const managerForgetConsents = message({ type: 'manager/consents/forget', from: ['popup'], request: noFields, reply: managerAckSchema });

export const MANAGER_MESSAGES = [
  managerList,
  managerRevoke,
  managerStatus,
  managerSaveSettings,
  managerSetToken,
  managerClearToken,
  managerConsents,
  managerForgetConsents,
] as const;
