/**
 * The webhook's wire formats (policy `webhookFormat`), pure:
 * - `json` (default): our event as one JSON object (docs/policy.md, "Webhook").
 * - `splunk-hec`: Splunk HTTP Event Collector's event endpoint: `{"time", "source", "sourcetype", "event"}`,
 *   `Authorization: Splunk <token>`.
 * - `otlp-json`: OpenTelemetry logs over OTLP/HTTP with the JSON encoding: one ExportLogsServiceRequest
 *   (resourceLogs → scopeLogs → logRecords), built by the OTLP specification's protobuf-JSON mapping
 *   (lowerCamelCase field names, 64-bit integers as decimal strings, enums as numbers). Why it is built
 *   here and not with @opentelemetry's exporters: README, "Dependencies".
 * Every delivery carries the event's outbox id (receivers de-duplicate on it) and, when events were dropped
 * because the queue was full, how many were dropped before it.
 */
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
      return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(otlpLogsRequest([event])) };
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

// OTLP protobuf-JSON shapes (opentelemetry/proto/collector/logs/v1/logs_service.proto, logs/v1/logs.proto, common/v1/common.proto).
export type OtlpAnyValue =
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }
  | { readonly intValue: string }
  | { readonly arrayValue: { readonly values: readonly OtlpAnyValue[] } };
export interface OtlpKeyValue {
  readonly key: string;
  readonly value: OtlpAnyValue;
}
export interface OtlpLogRecord {
  readonly timeUnixNano: string;
  readonly observedTimeUnixNano: string;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly eventName: string;
  readonly body: OtlpAnyValue;
  readonly attributes: readonly OtlpKeyValue[];
}
export interface OtlpLogsRequest {
  readonly resourceLogs: readonly {
    readonly resource: { readonly attributes: readonly OtlpKeyValue[] };
    readonly scopeLogs: readonly { readonly scope: { readonly name: string; readonly version: string }; readonly logRecords: readonly OtlpLogRecord[] }[];
  }[];
}

/** SeverityNumber (logs.proto): INFO = 9, WARN = 13, ERROR = 17. */
const SEVERITY = { info: { number: 9, text: 'INFO' }, warn: { number: 13, text: 'WARN' }, error: { number: 17, text: 'ERROR' } } as const;

export function otlpLogsRequest(events: readonly DeliveredEvent[]): OtlpLogsRequest {
  const version = events[0]?.extensionVersion ?? '0';
  return {
    resourceLogs: [
      {
        resource: { attributes: [attribute('service.name', 'consent-guard'), attribute('service.version', version)] },
        scopeLogs: [{ scope: { name: 'consent-guard', version }, logRecords: events.map(otlpLogRecord) }],
      },
    ],
  };
}

function otlpLogRecord(event: DeliveredEvent): OtlpLogRecord {
  const severity = event.verdict === 'danger' ? SEVERITY.error : event.verdict === 'warn' ? SEVERITY.warn : SEVERITY.info;
  const nanos = `${BigInt(Date.parse(event.time)) * 1_000_000n}`;
  const attributes: OtlpKeyValue[] = [
    // Semantic conventions: log.record.uid is the record's unique id (receivers de-duplicate on it).
    attribute('log.record.uid', event.id),
    attribute('consent_guard.type', event.type),
    attribute('consent_guard.host', event.host),
    attribute('consent_guard.verdict', event.verdict),
    attribute('consent_guard.scopes', event.scopes),
    attribute('consent_guard.findings', event.findings),
  ];
  if (event.clientId) attributes.push(attribute('consent_guard.client_id', event.clientId));
  if (event.type === 'consent') {
    attributes.push(attribute('consent_guard.outcome', event.outcome));
    if (event.redirectHost) attributes.push(attribute('consent_guard.redirect_host', event.redirectHost));
  } else {
    attributes.push(
      attribute('consent_guard.action', event.action),
      attribute('consent_guard.choice', event.choice),
      attribute('consent_guard.forbidden_scopes', event.forbiddenScopes),
    );
  }
  if (event.dropped !== undefined && event.dropped > 0) attributes.push({ key: 'consent_guard.dropped_before', value: { intValue: String(event.dropped) } });
  return {
    timeUnixNano: nanos,
    observedTimeUnixNano: nanos,
    severityNumber: severity.number,
    severityText: severity.text,
    eventName: `consent_guard.${event.type}`,
    body: { stringValue: summary(event) },
    attributes,
  };
}

function attribute(key: string, value: string | readonly string[]): OtlpKeyValue {
  return { key, value: typeof value === 'string' ? { stringValue: value } : { arrayValue: { values: value.map((item) => ({ stringValue: item })) } } };
}

/** One line a log viewer shows (raw values, English: SIEM searches rely on them). */
function summary(event: DeliveredEvent): string {
  const app = event.clientId ? ` app ${event.clientId}` : '';
  if (event.type === 'consent') return `consent ${event.outcome} on ${event.host}${app} (${event.verdict})`;
  return `${event.type} ${event.verdict} on ${event.host}${app}: ${event.action}${event.choice === 'none' ? '' : `, ${event.choice}`}`;
}
