/**
 * The webhook's wire formats (policy `webhookFormat`), pure:
 * - `json` (default): our event as one JSON object (docs/policy.md, "Webhook").
 * - `splunk-hec`: Splunk HTTP Event Collector's event endpoint: `{"time", "source", "sourcetype", "event"}`,
 *   `Authorization: Splunk <token>`.
 * - `otlp-json`: OpenTelemetry logs over OTLP/HTTP with the JSON encoding: one ExportLogsServiceRequest
 *   (resourceLogs → scopeLogs → logRecords), serialized by OpenTelemetry's own `JsonLogsSerializer`
 *   (@opentelemetry/otlp-transformer), so field names, 64-bit times and AnyValue encoding are the SDK's, not
 *   ours. Why OTLP, and why that package and not an exporter: README, "For organizations".
 * Every delivery carries the event's outbox id (receivers de-duplicate on it) and, when events were dropped
 * because the queue was full, how many were dropped before it.
 */
import { JsonLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ConsentWebhookEvent } from './consent-events';
import type { WebhookEvent } from './activity';

export type WebhookFormat = 'json' | 'splunk-hec' | 'otlp-json';
export const WEBHOOK_FORMATS: readonly WebhookFormat[] = ['json', 'splunk-hec', 'otlp-json'];

export type OutboxEvent = WebhookEvent | ConsentWebhookEvent;

/** An event as delivered: its outbox id, and the count of events dropped (queue full) since the last delivery. */
export type DeliveredEvent = OutboxEvent & { readonly id: string; readonly dropped?: number };

export interface FormatOptions {
  readonly splunkHecToken?: string | undefined;
}

export interface WebhookRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function formatDelivery(event: DeliveredEvent, format: WebhookFormat, options: FormatOptions = {}): WebhookRequest {
  switch (format) {
    case 'splunk-hec':
      return {
        headers: { 'content-type': 'application/json', ...(options.splunkHecToken ? { authorization: `Splunk ${options.splunkHecToken}` } : {}) },
        body: JSON.stringify(splunkEvent(event)),
      };
    case 'otlp-json':
      return { headers: { 'content-type': 'application/json' }, body: otlpLogsBody([event]) };
    default:
      // text/plain keeps our own format a CORS "simple request" for receivers that are plain web endpoints.
      return { headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(event) };
  }
}

export interface SplunkHecEvent {
  /** Seconds since the epoch (with milliseconds), as HEC takes it. */
  readonly time: number;
  readonly source: 'consent-guard';
  readonly sourcetype: '_json';
  readonly event: DeliveredEvent;
}

export function splunkEvent(event: DeliveredEvent): SplunkHecEvent {
  return { time: Date.parse(event.time) / 1000, source: 'consent-guard', sourcetype: '_json', event };
}

/** The log records the serializer takes (its own parameter type: sdk-logs' ReadableLogRecord). */
type LogRecords = Parameters<typeof JsonLogsSerializer.serializeRequest>[0];
type LogAttributes = LogRecords[number]['attributes'];

/** SeverityNumber (logs.proto): INFO = 9, WARN = 13, ERROR = 17. */
const SEVERITY = { info: { number: 9, text: 'INFO' }, warn: { number: 13, text: 'WARN' }, error: { number: 17, text: 'ERROR' } } as const;

/** One ExportLogsServiceRequest (OTLP/HTTP JSON) carrying the events, as the text sent. */
export function otlpLogsBody(events: readonly DeliveredEvent[]): string {
  const version = events[0]?.extensionVersion ?? '0';
  const resource = resourceFromAttributes({ 'service.name': 'consent-guard', 'service.version': version });
  const scope = { name: 'consent-guard', version };
  const records: LogRecords = events.map((event) => {
    const severity = event.verdict === 'danger' ? SEVERITY.error : event.verdict === 'warn' ? SEVERITY.warn : SEVERITY.info;
    const time = millisToHrTime(Date.parse(event.time));
    return {
      hrTime: time,
      hrTimeObserved: time,
      severityNumber: severity.number,
      severityText: severity.text,
      eventName: `consent_guard.${event.type}`,
      body: summary(event),
      attributes: otlpAttributes(event),
      droppedAttributesCount: 0,
      resource,
      instrumentationScope: scope,
    };
  });
  return new TextDecoder().decode(JsonLogsSerializer.serializeRequest(records));
}

function otlpAttributes(event: DeliveredEvent): LogAttributes {
  const attributes: NonNullable<LogAttributes> = {
    // Semantic conventions: log.record.uid is the record's unique id (receivers de-duplicate on it).
    'log.record.uid': event.id,
    'consent_guard.type': event.type,
    'consent_guard.host': event.host,
    'consent_guard.verdict': event.verdict,
    'consent_guard.scopes': [...event.scopes],
    'consent_guard.findings': [...event.findings],
  };
  if (event.clientId) attributes['consent_guard.client_id'] = event.clientId;
  if (event.type === 'consent') {
    attributes['consent_guard.outcome'] = event.outcome;
    if (event.redirectHost) attributes['consent_guard.redirect_host'] = event.redirectHost;
  } else {
    attributes['consent_guard.action'] = event.action;
    attributes['consent_guard.choice'] = event.choice;
    attributes['consent_guard.forbidden_scopes'] = [...event.forbiddenScopes];
    // One map per list match (AnyValue kvlist): which list, what matched, and its reason.
    const listedBy = event.listedBy ?? [];
    if (listedBy.length > 0)
      attributes['consent_guard.listed_by'] = listedBy.map(({ source, feed, url, kind, value, reason }) => ({
        source,
        kind,
        value,
        ...(feed === null ? {} : { feed }),
        ...(url === null ? {} : { url }),
        ...(reason === null ? {} : { reason }),
      }));
  }
  if (event.dropped !== undefined && event.dropped > 0) attributes['consent_guard.dropped_before'] = event.dropped;
  return attributes;
}

/** [seconds, nanoseconds], OpenTelemetry's HrTime, from milliseconds since the epoch. */
function millisToHrTime(millis: number): [number, number] {
  const seconds = Math.floor(millis / 1000);
  return [seconds, (millis - seconds * 1000) * 1_000_000];
}

/** One line a log viewer shows (raw values, English: SIEM searches rely on them). */
function summary(event: DeliveredEvent): string {
  const app = event.clientId ? ` app ${event.clientId}` : '';
  if (event.type === 'consent') return `consent ${event.outcome} on ${event.host}${app} (${event.verdict})`;
  return `${event.type} ${event.verdict} on ${event.host}${app}: ${event.action}${event.choice === 'none' ? '' : `, ${event.choice}`}`;
}
