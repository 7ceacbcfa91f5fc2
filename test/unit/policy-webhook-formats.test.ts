/**
 * The webhook's wire formats, each checked the way its receiver reads it:
 * - our JSON: one object, the documented fields;
 * - Splunk HTTP Event Collector: the `/services/collector/event` body (`event` required, `time` in epoch
 *   seconds, `source`, `sourcetype`) and the `Authorization: Splunk <token>` header;
 * - OTLP/HTTP JSON: an ExportLogsServiceRequest checked against a strict schema written from the proto files
 *   (opentelemetry-proto: collector/logs/v1, logs/v1, common/v1, resource/v1) and the JSON encoding the OTLP
 *   specification requires: lowerCamelCase names, 64-bit integers as decimal strings (a receiver also accepts
 *   integral numbers), enums as numbers, AnyValue with exactly one member. Stricter than a collector in one
 *   way: no unknown fields (a collector ignores them; we send none).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { WebhookEvent } from '../../src/policy/activity';
import type { ConsentWebhookEvent } from '../../src/policy/consent-events';
import { formatDelivery, type DeliveredEvent } from '../../src/policy/webhook-formats';

const decision: DeliveredEvent = {
  v: 1,
  type: 'decision',
  time: '2026-01-01T00:00:00.000Z',
  host: 'app-vssps-visualstudio.com',
  clientId: '7f3c9a52-5c1e-4f0b-9a4e-2d6f1b8c0e11',
  scopes: ['vso.code_write'],
  verdict: 'danger',
  action: 'block',
  choice: 'none',
  findings: ['lookalike-glue', 'microsoft-branding-off-host'],
  forbiddenScopes: [],
  extensionVersion: '0.1.0',
  id: '0b7c2f7e-5d8a-4d1e-9a55-0f6f0c1d2e3f',
  dropped: 2,
} satisfies WebhookEvent & { id: string; dropped: number };

const consent: DeliveredEvent = {
  v: 1,
  type: 'consent',
  time: '2026-01-01T00:00:20.000Z',
  startedAt: '2026-01-01T00:00:00.000Z',
  outcome: 'approved',
  host: 'app.vssps.visualstudio.com',
  clientId: null,
  redirectHost: 'deploybot.contoso.example',
  scopes: ['vso.work'],
  verdict: 'ok',
  findings: [],
  extensionVersion: '0.1.0',
  id: 'c1',
} satisfies ConsentWebhookEvent & { id: string };

// --- OTLP, from the proto definitions -------------------------------------------------------------
const int64 = z.union([z.string().regex(/^(0|[1-9][0-9]{0,18})$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]);
type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values: AnyValue[] };
  kvlistValue?: { values: unknown[] };
  bytesValue?: string;
};
const anyValue: z.ZodType<AnyValue> = z.lazy(() =>
  z
    .strictObject({
      stringValue: z.string().optional(),
      boolValue: z.boolean().optional(),
      intValue: int64.optional(),
      doubleValue: z.number().optional(),
      arrayValue: z.strictObject({ values: z.array(anyValue) }).optional(),
      kvlistValue: z.strictObject({ values: z.array(keyValue) }).optional(),
      bytesValue: z.string().optional(),
    })
    .refine((value) => Object.keys(value).length === 1, 'AnyValue is a oneof: exactly one member'),
);
const keyValue = z.strictObject({ key: z.string().min(1), value: anyValue });
const logRecord = z.strictObject({
  timeUnixNano: int64,
  observedTimeUnixNano: int64,
  severityNumber: z.number().int().min(0).max(24),
  severityText: z.string(),
  body: anyValue,
  attributes: z.array(keyValue),
  droppedAttributesCount: z.number().int().optional(),
  flags: z.number().int().optional(),
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  spanId: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
  eventName: z.string().optional(),
});
const exportLogsServiceRequest = z.strictObject({
  resourceLogs: z.array(
    z.strictObject({
      resource: z.strictObject({ attributes: z.array(keyValue), droppedAttributesCount: z.number().int().optional() }),
      scopeLogs: z.array(
        z.strictObject({
          scope: z.strictObject({ name: z.string(), version: z.string().optional(), attributes: z.array(keyValue).optional() }),
          logRecords: z.array(logRecord),
          schemaUrl: z.string().optional(),
        }),
      ),
      schemaUrl: z.string().optional(),
    }),
  ),
});

// --- Splunk HEC, /services/collector/event --------------------------------------------------------
const splunkHec = z.strictObject({
  time: z.number().positive(),
  host: z.string().optional(),
  source: z.string(),
  sourcetype: z.string(),
  index: z.string().optional(),
  event: z.record(z.string(), z.unknown()),
});

const attributesOf = (record: z.infer<typeof logRecord>) => Object.fromEntries(record.attributes.map((item) => [item.key, item.value]));

describe('webhook formats', () => {
  it('json (default): our event as one object, with its id and the dropped count, as text/plain', () => {
    const request = formatDelivery(decision, 'json');
    expect(request.headers).toEqual({ 'content-type': 'text/plain;charset=UTF-8' });
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      v: 1,
      type: 'decision',
      id: decision.id,
      dropped: 2,
      verdict: 'danger',
      findings: ['lookalike-glue', 'microsoft-branding-off-host'],
    });
  });

  it('splunk-hec: the event endpoint body with epoch-second time and the Splunk token header', () => {
    const request = formatDelivery(decision, 'splunk-hec', { splunkHecToken: '12345678-aaaa-bbbb-cccc-1234567890ab' });
    expect(request.headers).toEqual({ 'content-type': 'application/json', authorization: 'Splunk 12345678-aaaa-bbbb-cccc-1234567890ab' });
    const body = splunkHec.parse(JSON.parse(request.body));
    expect(body.time).toBe(1_767_225_600);
    expect(body.source).toBe('consent-guard');
    expect(body.event).toMatchObject({ id: decision.id, host: 'app-vssps-visualstudio.com', type: 'decision' });
  });

  it('otlp-json: a valid ExportLogsServiceRequest with the event as a log record', () => {
    const request = formatDelivery(decision, 'otlp-json');
    expect(request.headers).toEqual({ 'content-type': 'application/json' });
    const body = exportLogsServiceRequest.parse(JSON.parse(request.body));
    const resource = Object.fromEntries(body.resourceLogs[0]!.resource.attributes.map((item) => [item.key, item.value]));
    expect(resource['service.name']).toEqual({ stringValue: 'consent-guard' });
    const [record] = body.resourceLogs[0]!.scopeLogs[0]!.logRecords;
    expect(record).toMatchObject({ timeUnixNano: '1767225600000000000', severityNumber: 17, severityText: 'ERROR', eventName: 'consent_guard.decision' });
    const attributes = attributesOf(record!);
    expect(attributes['log.record.uid']).toEqual({ stringValue: decision.id });
    expect(attributes['consent_guard.findings']).toEqual({
      arrayValue: { values: [{ stringValue: 'lookalike-glue' }, { stringValue: 'microsoft-branding-off-host' }] },
    });
    expect(attributes['consent_guard.dropped_before']).toEqual({ intValue: 2 });
  });

  it('otlp-json: a consent event (INFO, its outcome and redirect host)', () => {
    const body = exportLogsServiceRequest.parse(JSON.parse(formatDelivery(consent, 'otlp-json').body));
    const [record] = body.resourceLogs[0]!.scopeLogs[0]!.logRecords;
    expect(record).toMatchObject({
      severityNumber: 9,
      eventName: 'consent_guard.consent',
      body: { stringValue: 'consent approved on app.vssps.visualstudio.com (ok)' },
    });
    const attributes = attributesOf(record!);
    expect(attributes['consent_guard.outcome']).toEqual({ stringValue: 'approved' });
    expect(attributes['consent_guard.redirect_host']).toEqual({ stringValue: 'deploybot.contoso.example' });
    expect(attributes['consent_guard.client_id']).toBeUndefined();
  });

  describe('a known threat names its list and reason in every format', () => {
    const FEED = 'https://intel.contoso.example/feed.json';
    const listed: DeliveredEvent = {
      ...decision,
      listedBy: [
        { source: 'feed', feed: 'Contoso SOC', url: FEED, kind: 'app', value: decision.clientId!, reason: 'Consent phishing, case 4711' },
        { source: 'policy', feed: null, url: null, kind: 'app', value: decision.clientId!, reason: null },
      ],
    };

    it('json and splunk-hec carry listedBy as the event has it', () => {
      expect(JSON.parse(formatDelivery(listed, 'json').body).listedBy).toEqual(listed.listedBy);
      expect(splunkHec.parse(JSON.parse(formatDelivery(listed, 'splunk-hec').body)).event.listedBy).toEqual(listed.listedBy);
    });

    it('otlp-json: one kvlist per match in consent_guard.listed_by, valid for a collector; absent when nothing matched', () => {
      const body = exportLogsServiceRequest.parse(JSON.parse(formatDelivery(listed, 'otlp-json').body));
      const attributes = attributesOf(body.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!);
      const maps = attributes['consent_guard.listed_by']?.arrayValue?.values.map((value) =>
        Object.fromEntries((value.kvlistValue?.values as { key: string; value: { stringValue?: string } }[]).map((item) => [item.key, item.value.stringValue])),
      );
      expect(maps).toEqual([
        { source: 'feed', feed: 'Contoso SOC', url: FEED, kind: 'app', value: decision.clientId, reason: 'Consent phishing, case 4711' },
        { source: 'policy', kind: 'app', value: decision.clientId },
      ]);
      const plain = exportLogsServiceRequest.parse(JSON.parse(formatDelivery({ ...decision, listedBy: [] }, 'otlp-json').body));
      expect(attributesOf(plain.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!)['consent_guard.listed_by']).toBeUndefined();
    });
  });

  it('the strict OTLP schema refuses what a collector would (a time that is no integer, two AnyValue members, snake_case names)', () => {
    const valid = JSON.parse(formatDelivery(decision, 'otlp-json').body);
    const record = valid.resourceLogs[0].scopeLogs[0].logRecords[0];
    for (const broken of [
      { ...record, timeUnixNano: '1767225600.5' },
      { ...record, timeUnixNano: 1.5 },
      { ...record, body: { stringValue: 'a', boolValue: true } },
      { ...record, severity_number: 17 },
    ]) {
      const copy = structuredClone(valid);
      copy.resourceLogs[0].scopeLogs[0].logRecords[0] = broken;
      expect(exportLogsServiceRequest.safeParse(copy).success).toBe(false);
    }
  });
});
