/**
 * zod schemas for the DelegatedAuth responses (shared/reference/ado-api.md §1). Lenient on members we
 * do not use (extra fields pass, null/false/empty members may be omitted), strict on those we rely on:
 * the authorization id must be a GUID, dates must parse, booleans must be booleans, scopes a string.
 */
import { z } from 'zod';

const text = z.string().nullish();
const flag = z.boolean().nullish();
const date = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a date')
  .nullish();

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

export type AuthorizationDetails = z.infer<typeof authorizationDetailsSchema>;
export type AuthorizationList = z.infer<typeof authorizationListSchema>;

/** Error bodies look like `{"message": "TF400813: …", "typeKey": "UnauthorizedRequestException"}`. */
export const errorBodySchema = z.looseObject({ message: z.string().optional(), typeKey: z.string().optional() });
