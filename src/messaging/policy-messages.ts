/**
 * The options page and the block page → background: the organization's policy, the user's own choices, the
 * activity log, and the block page's buttons. The block page's tab comes from the sender; the block id in
 * its URL must match the block the background keeps for that tab.
 */
import { z } from 'zod';
import type { ActivityEntry } from '../policy/activity';
import type { FeedStatus } from '../policy/feed-store';
import type { OutboxStatus } from '../policy/outbox';
import { parseManagedPolicy, userSettingsSchema, type ManagedPolicy, type PolicyProblem } from '../policy/policy';
import type { PolicySourceKind } from '../policy/provider';
import { message, type DeepReadonly } from './define';
import { pageViewSchema, REQUEST_KEY_PATTERN } from './page-view';

const blockId = z.string().regex(/^[0-9a-z]{1,32}$/);
const clientId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const ack = z.strictObject({ ok: z.boolean() });
const noFields = z.strictObject({});
const strings = z.array(z.string());

/** A policy as the background parsed it: the policy's own parser must find nothing to ignore in it. */
const parsedPolicySchema = z.custom<ManagedPolicy>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && parseManagedPolicy(value).problems.length === 0,
  'not a parsed policy',
);

const activityEntrySchema = z.strictObject({
  id: z.string(),
  time: z.number(),
  host: z.string(),
  clientId: z.string().nullable(),
  scopes: strings,
  verdict: z.enum(['warn', 'danger']),
  action: z.enum(['none', 'banner', 'block']),
  choice: z.enum(['none', 'dismissed', 'trusted', 'left', 'continued']),
  findings: strings,
  forbiddenScopes: strings,
  listedBy: z
    .array(
      z.strictObject({
        source: z.enum(['policy', 'feed']),
        feed: z.string().nullable(),
        url: z.string().nullable(),
        kind: z.enum(['app', 'redirect', 'host']),
        value: z.string(),
        reason: z.string().nullable(),
      }),
    )
    .optional(),
}) satisfies z.ZodType<ActivityEntry>;

const feedStatusSchema = z.strictObject({
  url: z.string(),
  name: z.string(),
  format: z.enum(['consent-guard', 'rogueapps']).nullable(),
  lastFetched: z.number().nullable(),
  lastAttempt: z.number().nullable(),
  lastError: z
    .strictObject({ code: z.enum(['timeout', 'too-large', 'http', 'redirected', 'not-json', 'wrong-shape', 'network']), detail: z.string().optional() })
    .nullable(),
  counts: z.strictObject({ apps: z.number(), redirectHosts: z.number(), lookalikeHosts: z.number() }),
  skipped: z.number(),
}) satisfies z.ZodType<FeedStatus>;

const outboxStatusSchema = z.strictObject({
  queued: z.number(),
  droppedTotal: z.number(),
  rejected: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.number().nullable(),
  lastDeliveredAt: z.number().nullable(),
}) satisfies z.ZodType<OutboxStatus>;

/** A warning the user dismissed ("Dismiss for this request"), as the options page lists it and can take it back. */
export const dismissalSchema = z.strictObject({
  tabId: z.number().int().min(0),
  requestKey: z.string().regex(REQUEST_KEY_PATTERN),
  host: z.string(),
  clientId: z.string().nullable(),
  scopes: strings,
  time: z.number(),
});
export type DismissalRecord = DeepReadonly<z.output<typeof dismissalSchema>>;

const optionsStateSchema = z.strictObject({
  policy: parsedPolicySchema,
  problems: z.array(z.strictObject({ key: z.string(), message: z.string() }) satisfies z.ZodType<PolicyProblem>),
  source: z.enum(['managed', 'development', 'none']) satisfies z.ZodType<PolicySourceKind>,
  user: userSettingsSchema,
  dismissals: z.array(dismissalSchema),
  activity: z.array(activityEntrySchema),
  /** Each threat feed of the policy: last fetched, entries, last error (src/policy/feed-store.ts). */
  feeds: z.array(feedStatusSchema).optional(),
  /** The webhook outbox: queued, dropped, last error (src/policy/outbox.ts). */
  outbox: outboxStatusSchema.nullable().optional(),
  /** Whether files opened from this computer are looked at (src/platform/management.ts fileAccess). */
  fileAccess: z.enum(['allowed', 'off', 'unavailable']).optional(),
});
export type OptionsState = DeepReadonly<z.output<typeof optionsStateSchema>>;

/** Everything the options page shows. */
export const optionsState = message({ type: 'options/state', from: ['options'], request: noFields, reply: optionsStateSchema });
export const optionsUntrust = message({ type: 'options/untrust', from: ['options'], request: z.strictObject({ clientId }), reply: ack });
/** Takes back a dismissal: the banner shows again from the next check of that request. */
export const optionsUndismiss = message({
  type: 'options/undismiss',
  from: ['options'],
  request: z.strictObject({ tabId: z.number().int().min(0), requestKey: z.string().regex(REQUEST_KEY_PATTERN) }),
  reply: ack,
});
export const optionsClearActivity = message({ type: 'options/clear-activity', from: ['options'], request: noFields, reply: ack });
/** The thorough mode (look at every page's DOM) on or off for this user; the organization's policy wins where it says. */
export const optionsScanEveryPage = message({
  type: 'options/scan-every-page',
  from: ['options'],
  request: z.strictObject({ enabled: z.boolean() }),
  reply: ack,
});

const blockedDetailsSchema = z.strictObject({
  view: pageViewSchema,
  /** The blocked address's host only (the page never shows the full URL's query). */
  host: z.string(),
  canOverride: z.boolean(),
  companyName: z.string().nullable(),
  helpUrl: z.string().nullable(),
  reportLink: z.string().nullable(),
  previousUrl: z.string().nullable(),
  committed: z.boolean(),
});
export type BlockedDetails = DeepReadonly<z.output<typeof blockedDetailsSchema>>;

/** The block page asks for its details; a stale page (another id) gets nothing. */
export const blockedGet = message({
  type: 'blocked/get',
  from: ['blocked'],
  request: z.strictObject({ id: blockId }),
  reply: z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true), details: blockedDetailsSchema }), z.strictObject({ ok: z.literal(false) })]),
});
export type BlockedGetResponse = DeepReadonly<z.output<typeof blockedGet.reply>>;
/** "Continue anyway", where the policy allows it: that address is let through once, in that tab. */
export const blockedContinue = message({ type: 'blocked/continue', from: ['blocked'], request: z.strictObject({ id: blockId }), reply: ack });
/** "Go back": logged as the user's choice; the page itself goes back. */
export const blockedLeave = message({ type: 'blocked/leave', from: ['blocked'], request: z.strictObject({ id: blockId }), reply: ack });

export const POLICY_MESSAGES = [
  optionsState,
  optionsUntrust,
  optionsUndismiss,
  optionsClearActivity,
  optionsScanEveryPage,
  blockedGet,
  blockedContinue,
  blockedLeave,
] as const;
