/**
 * Options page and block page → background (extension pages only; the router checks the sender first).
 * Replies are plain types below.
 */
import { z } from 'zod';
import type { ActivityEntry } from '../policy/activity';
import type { FeedStatus } from '../policy/feed-store';
import type { OutboxStatus } from '../policy/outbox';
import type { ManagedPolicy, PolicyProblem, UserSettings } from '../policy/policy';
import type { PolicySourceKind } from '../policy/provider';
import type { PageView } from './page-view';

const blockId = z.string().regex(/^[0-9a-z]{1,32}$/);
const clientId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

export const policyRequestSchemas = [
  /** Everything the options page shows. */
  z.strictObject({ type: z.literal('options/state') }),
  z.strictObject({ type: z.literal('options/untrust'), clientId }),
  z.strictObject({ type: z.literal('options/undismiss'), tabId: z.number().int().min(0), requestKey: z.string().regex(/^[0-9a-f]{16}$/) }),
  z.strictObject({ type: z.literal('options/clear-activity') }),
  /** The block page asks for its details (the tab comes from the sender; the id must match). */
  z.strictObject({ type: z.literal('blocked/get'), id: blockId }),
  z.strictObject({ type: z.literal('blocked/continue'), id: blockId }),
  z.strictObject({ type: z.literal('blocked/leave'), id: blockId }),
] as const;

export type PolicyRequest = z.infer<(typeof policyRequestSchemas)[number]>;

export interface OptionsState {
  readonly policy: ManagedPolicy;
  readonly problems: readonly PolicyProblem[];
  readonly source: PolicySourceKind;
  readonly user: UserSettings;
  readonly dismissals: readonly { tabId: number; requestKey: string; host: string; clientId: string | null; scopes: readonly string[]; time: number }[];
  readonly activity: readonly ActivityEntry[];
  /** Each threat feed of the policy: last fetched, entries, last error (src/policy/feed-store.ts). */
  readonly feeds?: readonly FeedStatus[];
  /** The webhook outbox: queued, dropped, last error (src/policy/outbox.ts). */
  readonly outbox?: OutboxStatus | null;
}

export interface BlockedDetails {
  readonly view: PageView;
  /** The blocked address's host only (the page never shows the full URL's query). */
  readonly host: string;
  readonly canOverride: boolean;
  readonly companyName: string | null;
  readonly helpUrl: string | null;
  readonly reportLink: string | null;
  readonly previousUrl: string | null;
  readonly committed: boolean;
}

export type BlockedGetResponse = { readonly ok: true; readonly details: BlockedDetails } | { readonly ok: false };
