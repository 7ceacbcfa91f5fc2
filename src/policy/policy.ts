/**
 * Enterprise policy (storage.managed, described to browsers by public/managed_schema.json) and the
 * user's own settings. Parsing is per key and forgiving: a malformed or partial policy is reported and
 * the bad key ignored, so a typo by an admin can never switch protection off.
 */
import { z } from 'zod';
import { t, type MessageKey } from '../platform/i18n';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i;

const httpsUrl = z.url({ protocol: /^https$/ });
const reportTarget = z.union([z.url({ protocol: /^https$/ }), z.string().regex(/^mailto:[^\s]+$/i)]);

/** Each managed key with its schema; unknown keys are reported, not fatal. */
const policyFields = {
  approvedClientIds: z.array(z.string().regex(guid)).max(1000),
  approvedRedirectHosts: z.array(z.string().regex(hostName)).max(1000),
  forbiddenScopes: z.array(z.string().min(1).max(200)).max(500),
  blockDanger: z.boolean(),
  allowOverride: z.boolean(),
  extraTrustedHosts: z.array(z.string().regex(hostName)).max(100),
  helpUrl: httpsUrl,
  reportUrl: reportTarget,
  companyName: z.string().min(1).max(100),
  webhookUrl: httpsUrl,
  /** The thorough mode: look at every page's DOM for clones that give no other signal (docs/guard.md). */
  scanEveryPage: z.boolean(),
  // Threat intelligence, the fleet view, delivery and branding (issue #15; docs/policy.md says what each does).
  blockedClientIds: z.array(z.strictObject({ clientId: z.string().regex(guid), reason: z.string().min(1).max(300).optional() })).max(1000),
  threatFeeds: z.array(httpsUrl.max(2000)).max(10),
  threatFeedRefreshMinutes: z.number().int().min(15).max(10_080),
  reportAllConsents: z.boolean(),
  webhookFormat: z.enum(['json', 'splunk-hec', 'otlp-json']),
  splunkHecToken: z
    .string()
    .max(128)
    .regex(/^[0-9A-Za-z-]{1,128}$/),
  webhookQueueSize: z.number().int().min(10).max(10_000),
  warningMessage: z.string().min(1).max(280),
} as const;

/** What each key expects, said to the admin when a value is refused (in their language, not zod's). */
const EXPECTED: Record<keyof typeof policyFields, MessageKey> = {
  approvedClientIds: 'policyExpectClientIds',
  approvedRedirectHosts: 'policyExpectRedirectHosts',
  forbiddenScopes: 'policyExpectScopes',
  blockDanger: 'policyExpectBoolean',
  allowOverride: 'policyExpectBoolean',
  extraTrustedHosts: 'policyExpectTrustedHosts',
  helpUrl: 'policyExpectHttpsUrl',
  reportUrl: 'policyExpectReportTarget',
  companyName: 'policyExpectCompanyName',
  webhookUrl: 'policyExpectHttpsUrl',
  scanEveryPage: 'policyExpectBoolean',
  blockedClientIds: 'policyExpectBlockedClientIds',
  threatFeeds: 'policyExpectThreatFeeds',
  threatFeedRefreshMinutes: 'policyExpectRefreshMinutes',
  reportAllConsents: 'policyExpectBoolean',
  webhookFormat: 'policyExpectWebhookFormat',
  splunkHecToken: 'policyExpectSplunkToken',
  webhookQueueSize: 'policyExpectQueueSize',
  warningMessage: 'policyExpectWarningMessage',
};

type PolicyFields = typeof policyFields;
/** Every key the parser accepts (managed_schema.json and the deployment files must name exactly these). */
export const MANAGED_POLICY_KEYS: readonly string[] = Object.keys(policyFields);

/** The longest text the parser accepts for a key, when it bounds it (the Group Policy editor's text box must not take more). */
export function policyTextMaxLength(key: string): number | null {
  const field: unknown = (policyFields as Record<string, unknown>)[key];
  return field instanceof z.ZodString ? field.maxLength : null;
}

export type ManagedPolicy = { readonly [K in keyof PolicyFields]?: z.infer<PolicyFields[K]> };

export interface PolicyProblem {
  readonly key: string;
  /** In the user's language. */
  readonly message: string;
}

export interface ParsedPolicy {
  readonly policy: ManagedPolicy;
  readonly problems: readonly PolicyProblem[];
}

export function parseManagedPolicy(raw: unknown): ParsedPolicy {
  if (raw === undefined || raw === null) return { policy: {}, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { policy: {}, problems: [{ key: '(policy)', message: t('policyProblemNotObject') }] };
  const policy: Record<string, unknown> = {};
  const problems: PolicyProblem[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!isPolicyKey(key)) {
      problems.push({ key, message: t('policyProblemUnknownKey') });
      continue;
    }
    const parsed = (policyFields[key] as z.ZodType).safeParse(value);
    if (parsed.success) policy[key] = normalise(key, parsed.data);
    else problems.push({ key, message: t('policyProblemInvalid', t(EXPECTED[key])) });
  }
  return { policy: policy, problems };
}

function isPolicyKey(key: string): key is keyof PolicyFields {
  return Object.hasOwn(policyFields, key);
}

/** Lists of ids and host names compare case-insensitively (scopes keep Graph's casing but match case-insensitively too; feed URLs keep their paths' case). */
const LOWERCASED_LISTS: ReadonlySet<string> = new Set(['approvedClientIds', 'approvedRedirectHosts', 'extraTrustedHosts']);

function normalise(key: string, value: unknown): unknown {
  if (Array.isArray(value) && LOWERCASED_LISTS.has(key)) return value.map((item: string) => item.toLowerCase());
  if (key === 'blockedClientIds') {
    // One entry per app (the first reason wins), ids lowercased; the admin's reason is trimmed of control characters.
    const seen = new Map<string, { clientId: string; reason?: string }>();
    for (const item of value as { clientId: string; reason?: string }[]) {
      const clientId = item.clientId.toLowerCase();
      if (seen.has(clientId)) continue;
      const reason = item.reason === undefined ? undefined : plainText(item.reason);
      seen.set(clientId, reason ? { clientId, reason } : { clientId });
    }
    return [...seen.values()];
  }
  if (key === 'warningMessage') return plainText(value as string);
  return value;
}

/** One line of plain text: C0/C1 control characters (newlines included) and bidi overrides become a space. */
export function plainText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
}

export const userSettingsSchema = z.object({
  /** Client ids the user chose to trust ("Trust this app"): their warn banners are not shown again. */
  trustedClientIds: z.array(z.string().regex(guid)).default([]),
  /** The thorough mode, when the organization's policy does not decide it (off by default). */
  scanEveryPage: z.boolean().optional(),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;

/**
 * Reads stored user settings leniently: a corrupted entry is dropped, the valid ones are kept, so one bad
 * value (or a later write of the parsed result) never wipes the user's allow-list.
 */
export function parseUserSettings(raw: unknown): UserSettings {
  const parsed = userSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const ids = typeof raw === 'object' && raw !== null ? (raw as { trustedClientIds?: unknown }).trustedClientIds : undefined;
  const valid = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && guid.test(id)) : [];
  const scan = typeof raw === 'object' && raw !== null ? (raw as { scanEveryPage?: unknown }).scanEveryPage : undefined;
  return { trustedClientIds: [...new Set(valid.map((id) => id.toLowerCase()))], ...(typeof scan === 'boolean' ? { scanEveryPage: scan } : {}) };
}

/** Whether the thorough mode is on: the organization's policy decides when it sets the key, else the user. */
export function scanEveryPageEnabled(policy: ManagedPolicy, user: UserSettings): boolean {
  return policy.scanEveryPage ?? user.scanEveryPage ?? false;
}
