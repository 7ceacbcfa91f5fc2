/**
 * "Every consent, not just warnings" (policy `reportAllConsents`): the webhook event for one authorization
 * flow the guard followed, and the single entry point the flow-outcome detection calls. The detection itself
 * lives with the consent inventory (src/background/consent-inventory.ts); this module only checks what it is
 * given, turns it into the event and hands it to the outbox it was given (src/background/policy.ts wires it).
 */
import { z } from 'zod';
import type { StorageArea } from '../platform/storage';

export type ConsentOutcome = 'approved' | 'declined' | 'abandoned';

/** What the flow-outcome detection knows when a flow ends. */
export interface ConsentFlowOutcome {
  /**
   * approved: the redirect to redirect_uri carried a code or a token; declined: it carried error=access_denied
   * (or another error); abandoned: the flow ended (tab closed, navigated away, timed out) without a redirect.
   */
  readonly outcome: ConsentOutcome;
  /** The authorization host the flow started on. */
  readonly host: string;
  readonly clientId: string | null;
  /** The redirect_uri's host (never the full URI: its query may carry the code). */
  readonly redirectHost: string | null;
  /** Requested scopes by name, as the view lists them. */
  readonly scopes: readonly string[];
  /** The guard's verdict for the request. */
  readonly verdict: 'ok' | 'warn' | 'danger' | 'none';
  /** Finding ids of that verdict. */
  readonly findings?: readonly string[];
  /** Milliseconds since the epoch. */
  readonly startedAt: number;
  readonly endedAt: number;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const host = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+$/i);
const outcomeSchema = z.object({
  outcome: z.enum(['approved', 'declined', 'abandoned']),
  host,
  clientId: z.string().regex(guid).nullable(),
  redirectHost: host.nullable(),
  scopes: z.array(z.string().min(1).max(200)).max(500),
  verdict: z.enum(['ok', 'warn', 'danger', 'none']),
  findings: z
    .array(z.string().regex(/^[a-z0-9-]{1,64}$/))
    .max(100)
    .optional(),
  startedAt: z.number().finite().nonnegative(),
  endedAt: z.number().finite().nonnegative(),
});

/** What the webhook receives for a consent (version 1, next to the `decision` and `choice` events). */
export interface ConsentWebhookEvent {
  readonly v: 1;
  readonly type: 'consent';
  /** When the flow ended (ISO 8601). */
  readonly time: string;
  readonly startedAt: string;
  readonly outcome: ConsentOutcome;
  readonly host: string;
  readonly clientId: string | null;
  readonly redirectHost: string | null;
  readonly scopes: readonly string[];
  readonly verdict: 'ok' | 'warn' | 'danger' | 'none';
  readonly findings: readonly string[];
  readonly extensionVersion: string;
}

/** The event for an outcome, or null when the outcome is not well-formed (it then is not sent). */
export function toConsentEvent(outcome: ConsentFlowOutcome, extensionVersion: string): ConsentWebhookEvent | null {
  const parsed = outcomeSchema.safeParse(outcome);
  if (!parsed.success) return null;
  const value = parsed.data;
  return {
    v: 1,
    type: 'consent',
    time: new Date(value.endedAt).toISOString(),
    startedAt: new Date(value.startedAt).toISOString(),
    outcome: value.outcome,
    host: value.host.toLowerCase(),
    clientId: value.clientId?.toLowerCase() ?? null,
    redirectHost: value.redirectHost?.toLowerCase() ?? null,
    scopes: value.scopes.slice(0, 50),
    verdict: value.verdict,
    findings: (value.findings ?? []).slice(0, 30),
    extensionVersion,
  };
}

/**
 * Reports one finished authorization flow. It decides (policy `reportAllConsents`; the outbox checks
 * `webhookUrl`) whether it is sent; without either nothing leaves the browser. Never rejects, never delays the
 * caller beyond writing the event to the outbox.
 */
export type ConsentSink = (outcome: ConsentFlowOutcome) => Promise<void>;

/** Where consent events go: only with `reportAllConsents` (and a webhook, which the outbox checks). */
export function consentSink(deps: {
  readonly reportAllConsents: () => Promise<boolean>;
  readonly enqueue: (event: ConsentWebhookEvent) => Promise<unknown>;
  readonly extensionVersion: string;
}): ConsentSink {
  const report = async (outcome: ConsentFlowOutcome): Promise<void> => {
    if (!(await deps.reportAllConsents())) return;
    const event = toConsentEvent(outcome, deps.extensionVersion);
    if (event) await deps.enqueue(event);
  };
  return (outcome) => report(outcome).catch(() => undefined);
}

/** What the consent inventory (src/manager/consent-inventory.ts) records for a finished flow; only what the event needs. */
export interface RecordedConsent {
  readonly id: string;
  readonly outcome: ConsentOutcome;
  readonly host: string;
  readonly clientId: string | null;
  readonly redirectHost: string | null;
  readonly scopes: readonly { readonly id: string }[];
  readonly verdict: 'ok' | 'warn' | 'danger' | 'none';
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * The inventory's storage area, reporting every consent it records: a write of `recordsKey` whose records were
 * not stored before is a flow that just ended, and each such record goes to `report` once it is stored. The inventory stays unaware of the webhook; its records remain the single source of outcomes.
 */
export function reportingRecordedConsents(area: StorageArea, recordsKey: string, report: ConsentSink): StorageArea {
  const ids = (value: unknown) =>
    new Set(Array.isArray(value) ? value.flatMap((record: { id?: unknown }) => (typeof record?.id === 'string' ? [record.id] : [])) : []);
  return {
    get: (key) => area.get(key),
    remove: (keys) => area.remove(keys),
    async set(key, value) {
      if (key !== recordsKey || !Array.isArray(value)) return area.set(key, value);
      const before = ids(await area.get(key).catch(() => undefined));
      await area.set(key, value);
      // Oldest first: the webhook receives flows in the order they ended.
      const added = (value as RecordedConsent[]).filter((record) => typeof record?.id === 'string' && !before.has(record.id)).reverse();
      for (const record of added) {
        await report({
          outcome: record.outcome,
          host: record.host,
          clientId: record.clientId,
          redirectHost: record.redirectHost,
          scopes: Array.isArray(record.scopes) ? record.scopes.map((scope) => scope.id) : [],
          verdict: record.verdict,
          startedAt: record.startedAt,
          endedAt: record.endedAt,
        });
      }
    },
  };
}
