/**
 * Azure DevOps shapes that cross the protocol: an authorization as DelegatedAuth lists it
 * (shared/reference/ado-api.md §1), an API error as the manager reports it, and the manager's settings.
 * The manager (src/manager/) parses Azure DevOps' answers with these schemas and the popup checks the
 * background's replies with the same ones, so both sides agree by construction.
 */
import { z } from 'zod';
import type { DeepReadonly } from './define';

const text = z.string().nullish();
const flag = z.boolean().nullish();
const date = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a date')
  .nullish();

// Lenient on members we do not use (extra fields pass, null/false/empty members may be omitted), strict on
// those we rely on: the authorization id must be a GUID, dates must parse, booleans must be booleans, scopes a string.
export const authorizationSchema = z.looseObject({
  authorizationId: z.guid(),
  accessIssued: date,
  audience: text,
  identityId: text,
  isAccessUsed: flag,
  isValid: flag,
  redirectUri: text,
  registrationId: z.guid().nullish(),
  /** Space-delimited. */
  scopes: text,
  source: text,
  validFrom: date,
  validTo: date,
});

export const registrationSchema = z.looseObject({
  registrationId: z.guid().nullish(),
  registrationName: text,
  registrationDescription: text,
  organizationName: text,
  organizationLocation: text,
  registrationLocation: text,
  registrationPrivacyStatementLocation: text,
  registrationTermsOfServiceLocation: text,
  clientType: text,
  isValid: flag,
  isWellKnown: flag,
});

export const scopeDescriptionSchema = z.looseObject({ title: text, description: text, market: text });

export const authorizationDetailsSchema = z.looseObject({
  authorization: authorizationSchema,
  clientRegistration: registrationSchema.nullish(),
  scopeDescriptions: z.array(scopeDescriptionSchema).nullish(),
});

export const authorizationListSchema = z.looseObject({
  count: z.number().int().nonnegative().nullish(),
  value: z.array(authorizationDetailsSchema),
});

export type AuthorizationDetails = DeepReadonly<z.infer<typeof authorizationDetailsSchema>>;
export type AuthorizationList = DeepReadonly<z.infer<typeof authorizationListSchema>>;

/** Error bodies look like `{"message": "TF400813: …", "typeKey": "UnauthorizedRequestException"}`. */
export const errorBodySchema = z.looseObject({ message: z.string().optional(), typeKey: z.string().optional() });

/** Typed results of API calls: the UI never sees a raw exception. */
export type ApiError =
  /** 401, a redirect, or a 2xx that is not JSON (the 203 sign-in page). */
  | { readonly kind: 'signed-out'; readonly status: number }
  | { readonly kind: 'forbidden'; readonly status: number; readonly message?: string }
  | { readonly kind: 'not-found'; readonly status: number }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly kind: 'server-error'; readonly status: number }
  /** Another 4xx, e.g. 400 AccessDenied on revoking someone else's authorization. */
  | { readonly kind: 'rejected'; readonly status: number; readonly message?: string }
  | { readonly kind: 'network' }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'unexpected-shape'; readonly detail: string };

export const apiErrorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('signed-out'), status: z.number() }),
  z.strictObject({ kind: z.literal('forbidden'), status: z.number(), message: z.string().optional() }),
  z.strictObject({ kind: z.literal('not-found'), status: z.number() }),
  z.strictObject({ kind: z.literal('throttled'), retryAfterSeconds: z.number() }),
  z.strictObject({ kind: z.literal('server-error'), status: z.number() }),
  z.strictObject({ kind: z.literal('rejected'), status: z.number(), message: z.string().optional() }),
  z.strictObject({ kind: z.literal('network') }),
  z.strictObject({ kind: z.literal('timeout'), afterMs: z.number() }),
  z.strictObject({ kind: z.literal('unexpected-shape'), detail: z.string() }),
]) satisfies z.ZodType<ApiError>;

/** An Azure DevOps organization name: letters, digits and hyphens, not starting or ending with a hyphen. */
export const organizationNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/, 'An organization name has letters, digits and hyphens only.');

export const apiVersionSchema = z
  .string()
  .trim()
  .regex(/^\d+\.\d+(?:-preview(?:\.\d+)?)?$/, 'An api-version looks like 5.0 or 7.2-preview.1.');

export const managerSettingsSchema = z.object({
  /** Empty: the default host. A name: `https://vssps.dev.azure.com/{organization}`. */
  organization: z.union([z.literal(''), organizationNameSchema]).default(''),
  /** Empty: the default api-version (src/manager/settings.ts). */
  apiVersion: z.union([z.literal(''), apiVersionSchema]).default(''),
});
export type ManagerSettings = z.infer<typeof managerSettingsSchema>;
